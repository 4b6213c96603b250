import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { openRun } from "../../src/runs/openRun";
import { startSweep } from "../../src/sweeps/startSweep";
import { trialId } from "../../src/sweeps/trialId";
import { fakeExecutor } from "../support/fakeExecutor";

const tiny = { task: ["recall"], length: [5], gruUnits: [4], trainSamples: [32], symbols: [4], patience: [0] };
const quiet = { progress: "none" as const, backend: "cpu" };

test("a grid sweep on 2 worker processes: one format-2 run folder per config, results.csv and sweep.json; the same sweep in-process gives bitwise the same metrics; run again, it reads back", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-sweep-"));
  const definition = { trial: { job: "gru-vs-lstm" }, space: { ...tiny, cell: ["gru", "lstm"], seed: [1, 2] }, metric: "val_loss", mode: "min" as const, budget: { epochs: 2 } };
  const a = await startSweep("cells", { ...definition, ...quiet, workers: 2, dir: path.join(parent, "a") });
  assert.equal(a.status, "finished");
  assert.equal(a.rows.length, 4);
  const workers = new Set(a.rows.map((r) => r.worker));
  assert.deepEqual([...workers].sort(), ["local-1", "local-2"], "both workers ran trials");
  for (const row of a.rows) {
    const config = Object.fromEntries(Object.keys(definition.space).map((k) => [k, row[k]]));
    assert.equal(row.trialId, trialId(config), "the folder name is the config's id");
    const run = await openRun(path.join(a.dir, "trials", String(row.trialId)));
    assert.equal(run.format, 2);
    assert.equal(run.status, "finished");
    assert.equal(run.rows.length, 2);
    const best = Math.min(...run.rows.map((r) => r.val_loss));
    assert.equal(row.val_loss, best, "results.csv's metric is the run's best val_loss");
    assert.equal(row.bestEpoch, run.rows.findIndex((r) => r.val_loss === best) + 1);
    assert.equal(row.test_accuracy, run.metrics!.test.accuracy);
  }
  const json = JSON.parse(fs.readFileSync(path.join(a.dir, "sweep.json"), "utf8"));
  assert.deepEqual([json.status, json.trials, json.completed, json.epochsSpent], ["finished", 4, 4, 8]);
  assert.equal(json.best.value, Math.min(...a.rows.map((r) => r.val_loss as number)));

  const b = await startSweep("cells", { ...definition, ...quiet, workers: 0, dir: path.join(parent, "b") });
  const strip = (rows: typeof a.rows) => rows.map(({ seconds: _s, worker: _w, ...rest }) => rest);
  assert.deepEqual(strip(b.rows), strip(a.rows), "in-process and 2 workers: the same table, metrics bitwise");

  const mtime = fs.statSync(path.join(a.dir, "trials", String(a.rows[0].trialId), "history.csv")).mtimeMs;
  const again = await startSweep("cells", { ...definition, ...quiet, workers: 2, dir: path.join(parent, "a") });
  assert.deepEqual(strip(again.rows), strip(a.rows));
  assert.equal(fs.statSync(path.join(a.dir, "trials", String(a.rows[0].trialId), "history.csv")).mtimeMs, mtime, "a finished trial is not run again");
  assert.equal(fs.readdirSync(path.join(a.dir, "trials")).filter((f) => f !== ".locks").length, 4);
});

test("ASHA: rungs at 1 and 2 epochs; a promoted trial resumes its checkpoint and ends with the history of a trial trained 2 epochs straight", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-sweep-asha-"));
  const space = { ...tiny, cell: ["gru", "lstm"], seed: [1, 2, 3] };
  const common = { trial: { job: "gru-vs-lstm" }, space, metric: "val_loss", mode: "min" as const, ...quiet };
  const grid = await startSweep("grid", { ...common, budget: { epochs: 2 }, workers: 0, dir: parent });
  const asha = await startSweep("asha", { ...common, scheduler: { kind: "asha", minEpochs: 1, eta: 2 }, budget: { epochs: 2 }, workers: 2, dir: parent });
  assert.deepEqual(asha.info.rungs, [1, 2]);
  const promoted = asha.rows.filter((r) => r.epochs === 2);
  assert.ok(promoted.length >= 3 && promoted.length < 6, `promoted ${promoted.length} of 6`);
  assert.equal(asha.info.epochsSpent, 6 + promoted.length, "a promotion adds one epoch, it does not retrain");
  for (const row of promoted) {
    const resumed = await openRun(path.join(asha.dir, "trials", String(row.trialId)));
    const straight = await openRun(path.join(grid.dir, "trials", String(row.trialId)));
    assert.deepEqual(resumed.rows.map(({ seconds: _s, ...r }) => r), straight.rows.map(({ seconds: _s, ...r }) => r), "history continues: bitwise the uninterrupted run's");
    assert.equal(resumed.status, "finished");
  }
  // At the end (all configs started, nothing running) the top floor(6/2) = 3 of rung 0 are all promoted;
  // asynchronous promotions made earlier, on fewer results, may add others (Li et al. 2018).
  const rung0 = (r: (typeof asha.rows)[number]) => JSON.parse(fs.readFileSync(path.join(asha.dir, "trials", String(r.trialId), "trial.json"), "utf8")).history[0] as number;
  const top3 = [...asha.rows].sort((x, y) => rung0(x) - rung0(y)).slice(0, 3);
  for (const r of top3) assert.equal(r.epochs, 2, `trial ${r.trialId} (rung-0 val_loss ${rung0(r)}) is among the top 3 and was promoted`);
});

test("an executor given to startSweep is the caller's: two sweeps run on it, neither closes it, nor does a sweep refused by its checks", async (t) => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-sweep-"));
  t.after(() => fs.rmSync(parent, { recursive: true, force: true }));
  // As queueExecutor: run() after close() is refused, so a sweep that closed it would fail the next.
  const executor = fakeExecutor({ value: (c) => Number(c.seed), refuseAfterClose: true });
  const definition = { trial: { job: "gru-vs-lstm" }, space: { ...tiny, cell: ["gru"], seed: [1, 2] }, metric: "val_loss", mode: "min" as const, budget: { epochs: 1 }, ...quiet, dir: parent };
  const a = await startSweep("a", { ...definition, executor });
  const b = await startSweep("b", { ...definition, executor: Promise.resolve(executor) });
  assert.deepEqual([a.status, b.status], ["finished", "finished"]);
  assert.equal(executor.specs.length, 4);
  await assert.rejects(startSweep("refused", { ...definition, space: {}, executor }), /space/);
  assert.equal(executor.closed, 0, "startSweep closes only the executor it makes");
});
