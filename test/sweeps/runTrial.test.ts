import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { readTrialResult, runTrial, trialDir } from "../../src/sweeps/runTrial";
import { trialId } from "../../src/sweeps/trialId";
import type { TrialSpec } from "../../src/sweeps/trialSpec";
import { writeDenseTrialModule } from "../support/denseTrialModule";
import { tempFolder } from "../support/tempFolder";

/** history.csv as columns of numbers, read by hand (header, then one line per epoch). */
function history(dir: string): Record<string, number[]> {
  const [head, ...lines] = fs.readFileSync(path.join(dir, "history.csv"), "utf8").trim().split("\n");
  const names = head.split(",");
  return Object.fromEntries(names.map((n, k) => [n, lines.map((l) => Number(l.split(",")[k]))]));
}

function setup(t: { after(fn: () => void): void }) {
  const sweepDir = tempFolder(t, "runtrial");
  const module = writeDenseTrialModule(sweepDir);
  const calls = ((globalThis as { grulabTrialCalls?: unknown[][] }).grulabTrialCalls ??= []);
  calls.length = 0;
  const spec = (exported: string, epochs: number, metric = "val_loss"): TrialSpec => {
    const config = { seed: 5, exported };
    return { sweepDir, trialId: trialId(config), config, epochs, trial: { module, export: exported }, metric, mode: "min" };
  };
  return { sweepDir, module, calls, spec };
}

test("trialDir: <sweep>/trials/<id>, absolute", () => {
  assert.equal(trialDir("rel/sw", "abc"), path.join(process.cwd(), "rel", "sw", "trials", "abc"));
});

test("runTrial: a run folder per trial; the result's best and history are history.csv's metric column; trial.json records it; run again it is read back, not trained", async (t) => {
  const { calls, spec } = setup(t);
  const s = spec("dense", 3);
  const r = await runTrial(s, { worker: "w1" });
  const dir = trialDir(s.sweepDir, s.trialId);
  const h = history(dir);
  assert.equal(r.status, "finished");
  assert.deepEqual(r.history, h.val_loss);
  assert.equal(r.best, Math.min(...h.val_loss));
  assert.equal(r.bestEpoch, h.val_loss.indexOf(r.best!) + 1);
  assert.deepEqual([r.epochs, r.worker, r.runDir], [3, "w1", dir]);
  assert.equal(r.metrics?.custom, 7, "what the trial returned");
  assert.deepEqual(readTrialResult(dir), r);
  const config = JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8"));
  assert.deepEqual([config.seed, config.exported, config.data, config.trialId], [5, "dense", "sin/cos", s.trialId]);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8")).status, "finished");

  const again = await runTrial(s, { worker: "w2" });
  assert.deepEqual(again, r, "the recorded result, the first worker's");
  assert.equal(calls.filter((c) => c[0] === "start").length, 1, "not trained again");
  assert.equal(readTrialResult(path.join(s.sweepDir, "nowhere")), null);
});

test("runTrial promoted to more epochs resumes its checkpoint: the history continues, the seconds add up", async (t) => {
  const { spec } = setup(t);
  const first = await runTrial(spec("dense", 2), { worker: "w1" });
  const dir = first.runDir;
  const before = history(dir);
  const more = await runTrial(spec("dense", 4), { worker: "w2" });
  const after = history(dir);
  assert.deepEqual([more.status, more.epochs, after.epoch], ["finished", 4, [1, 2, 3, 4]]);
  assert.deepEqual(after.val_loss.slice(0, 2), before.val_loss, "the first two epochs kept as they were");
  assert.deepEqual(more.history, after.val_loss);
  assert.ok(more.seconds > first.seconds);
});

test("runTrial: a trial without a run, a run that fails, startRun twice and a metric that is no column are failed results with the reason; an aborted signal runs nothing", async (t) => {
  const { sweepDir, module, calls, spec } = setup(t);
  const none = await runTrial(spec("noRun", 1), { worker: "w" });
  assert.deepEqual([none.status, none.error], ["failed", `trial ${module}#noRun returned without calling trial.startRun(model, …): a trial is one run`]);
  assert.equal(readTrialResult(none.runDir), null, "no run folder: nothing recorded");

  const failed = await runTrial(spec("failAfterStart", 1), { worker: "w" });
  assert.deepEqual([failed.status, failed.error, failed.epochs], ["failed", "diverging on purpose", 0]);
  assert.equal(JSON.parse(fs.readFileSync(path.join(failed.runDir, "run.json"), "utf8")).status, "failed", "the run folder says the same");
  assert.deepEqual(readTrialResult(failed.runDir), failed);

  const twice = await runTrial(spec("startTwice", 1), { worker: "w" });
  assert.match(twice.error!, /^trial [0-9a-f]+: startRun called twice \(one run per trial\)$/);

  const s = spec("dense", 1, "val_acc");
  const wrong = await runTrial(s, { worker: "w" });
  assert.equal(wrong.status, "failed");
  assert.equal(wrong.error, `metric "val_acc" is not a column of ${path.join(trialDir(sweepDir, s.trialId), "history.csv")}: its columns are ${Object.keys(history(wrong.runDir)).join(", ")}`);

  const aborted = new AbortController();
  aborted.abort();
  const starts = calls.length;
  const skipped = await runTrial({ ...spec("dense", 1), config: { seed: 6 }, trialId: "fresh" }, { worker: "w", signal: aborted.signal });
  assert.deepEqual([skipped.status, skipped.epochs, calls.length], ["interrupted", 0, starts]);
});

test("readTrialResult: a broken trial.json is an error naming the file and what to do", (t) => {
  const dir = tempFolder(t, "runtrial");
  fs.writeFileSync(path.join(dir, "trial.json"), "{");
  assert.throws(() => readTrialResult(dir), new RegExp(`^Error: ${path.join(dir, "trial.json")}: not valid JSON \\(.*\\): delete it and the trial runs again$`));
});
