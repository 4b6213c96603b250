import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { openRun } from "../../src/runs/openRun";
import { localExecutor } from "../../src/sweeps/localExecutor";
import { planSweep } from "../../src/sweeps/planSweep";
import { runSweep } from "../../src/sweeps/runSweep";
import { startSweep } from "../../src/sweeps/startSweep";

const definition = {
  trial: { job: "gru-vs-lstm" }, space: { task: ["recall"], length: [12], gruUnits: [8], trainSamples: [256], symbols: [4], patience: [0], cell: ["gru"], seed: [3] },
  metric: "val_loss", mode: "min" as const, budget: { epochs: 6 },
};

test("a local worker killed (SIGKILL) mid-trial: the trial is failed with the reason, the worker replaced; the sweep run again resumes it from its checkpoint to the history of an uninterrupted trial", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-sweep-kill-"));
  const plan = planSweep("kill", definition, { dir: parent });
  const dir = path.join(plan.dir, "trials", plan.ids[0]);
  let killed = 0;
  const poll = setInterval(() => {
    const history = path.join(dir, "history.csv");
    if (killed !== 0 || !fs.existsSync(history) || fs.readFileSync(history, "utf8").trim().split("\n").length < 3) return;
    killed = JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8")).pid; // the worker writing the trial
    process.kill(killed, "SIGKILL");
  }, 10);
  let rows;
  try {
    rows = await runSweep(plan, localExecutor({ workers: 1, backend: "cpu" }), { progress: "none" });
  } finally {
    clearInterval(poll);
  }
  assert.ok(killed > 0, "the worker was killed during the trial");
  assert.equal(rows[0].result!.status, "failed");
  assert.match(rows[0].result!.error!, new RegExp(`worker local-1 \\(pid ${killed}\\) ended with SIGKILL during the trial; its run folder keeps the last completed epoch`));
  const kept = (await openRun(dir)).rows.length;
  assert.ok(kept >= 2 && kept < 6, `kept ${kept} epochs`);

  const again = await startSweep("kill", { ...definition, dir: parent, workers: 1, backend: "cpu", progress: "none" });
  assert.equal(again.rows[0].status, "finished");
  assert.equal(again.rows[0].epochs, 6);
  const straight = await startSweep("straight", { ...definition, dir: parent, workers: 0, backend: "cpu", progress: "none" });
  const history = async (d: string) => (await openRun(d)).rows.map(({ seconds: _s, ...r }) => r);
  assert.deepEqual(await history(dir), await history(path.join(straight.dir, "trials", plan.ids[0])), "resumed: the uninterrupted history, bitwise");
  assert.equal(again.rows[0].val_loss, straight.rows[0].val_loss);
});

test("Ctrl-C during a sweep: no new trial starts, running trials stop after their batch and keep their epochs, sweep.json says interrupted, RunInterrupted; run again, it finishes with the uninterrupted results", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-sweep-sigint-"));
  const def = { ...definition, space: { ...definition.space, seed: [1, 2, 3, 4] }, budget: { epochs: 3 } };
  const plan = planSweep("stop", def, { dir: parent });
  let sent = false;
  const err = await runSweep(plan, localExecutor({ workers: 2, backend: "cpu" }), {
    progress: "none",
    onResult: () => {
      if (sent) return;
      sent = true;
      process.emit("SIGINT", "SIGINT"); // what Ctrl-C delivers to the sweep's process (its handler, without ending the test runner)
    },
  }).then(() => null, (e: Error) => e);
  assert.ok(err !== null && err.name === "RunInterrupted", `expected RunInterrupted, got ${err}`);
  assert.match(err!.message, /SIGINT: sweep .* interrupted \(\d of 4 trials done\); run it again to continue/);
  const json = JSON.parse(fs.readFileSync(path.join(plan.dir, "sweep.json"), "utf8"));
  assert.equal(json.status, "interrupted");
  const csv = fs.readFileSync(path.join(plan.dir, "results.csv"), "utf8");
  assert.ok(/,pending,/.test(csv), "trials that never started stay pending");
  const again = await startSweep("stop", { ...def, dir: parent, workers: 2, backend: "cpu", progress: "none" });
  const straight = await startSweep("straight", { ...def, dir: parent, workers: 0, backend: "cpu", progress: "none" });
  const strip = (rows: typeof again.rows) => rows.map(({ seconds: _s, worker: _w, ...rest }) => rest);
  assert.equal(again.status, "finished");
  assert.deepEqual(strip(again.rows), strip(straight.rows), "interrupted and continued: the uninterrupted table, bitwise");
});
