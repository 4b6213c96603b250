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
