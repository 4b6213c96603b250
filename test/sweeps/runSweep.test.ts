import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { openSweep } from "../../src/sweeps/openSweep";
import { planSweep } from "../../src/sweeps/planSweep";
import { runSweep } from "../../src/sweeps/runSweep";
import { readSweepJson } from "../../src/sweeps/sweepFiles";
import { fakeExecutor } from "../support/fakeExecutor";
import { tempFolder } from "../support/tempFolder";

const trial = { job: "gru-vs-lstm" };

test("grid: every config to budget.epochs, at most `concurrency` at once; results.csv and sweep.json hold the hand-computed best, counts and epochs; the executor is closed", async (t) => {
  // val_loss = units / 100 + seed / 1000: the best is units 4, seed 1 (0.041).
  const plan = planSweep("grid", { trial, space: { gruUnits: [8, 4], seed: [1, 2, 3] }, metric: "val_loss", mode: "min", budget: { epochs: 3 } }, { dir: tempFolder(t, "runsweep") });
  const ex = fakeExecutor({ value: (c) => Number(c.gruUnits) / 100 + Number(c.seed) / 1000, metrics: (c) => ({ mse: Number(c.seed) }), concurrency: 2 });
  const lines: string[] = [];
  const rows = await runSweep(plan, ex, { log: (l) => lines.push(l) });
  assert.equal(ex.specs.length, 6);
  assert.ok(ex.specs.every((s) => s.epochs === 3 && s.sweepDir === plan.dir && s.metric === "val_loss"));
  assert.equal(ex.maxInFlight, 2, "the driver keeps the executor's concurrency in flight, no more");
  assert.equal(ex.closed, 1);
  assert.equal(rows.length, 6);
  const json = readSweepJson(plan.dir);
  const best = plan.ids[plan.configs.findIndex((c) => c.gruUnits === 4 && c.seed === 1)];
  assert.deepEqual([json.status, json.reason, json.trials, json.completed, json.epochsSpent], ["finished", null, 6, 6, 18]);
  assert.deepEqual(json.best, { trialId: best, value: 0.041, epoch: 1 });
  const sweep = await openSweep(plan.dir);
  assert.deepEqual(sweep.rows.map((r) => [r.trialId, r.gruUnits, r.seed, r.status, r.val_loss, r.epochs, r.test_mse]),
    plan.configs.map((c, i) => [plan.ids[i], c.gruUnits, c.seed, "finished", Number(c.gruUnits) / 100 + Number(c.seed) / 1000, 3, c.seed]));
  assert.match(lines.at(-1)!, new RegExp(`^sweep grid: done, 6 trials, 18 epochs; best val_loss 0\\.041000 \\(trial ${best}, epoch 1\\)`));
});

test("a trial whose folder already records enough epochs is read back, not run; a failed trial is counted in the reason", async (t) => {
  const plan = planSweep("again", { trial, space: { seed: [1, 2, 3] }, metric: "val_acc", mode: "max", budget: { epochs: 2 } }, { dir: tempFolder(t, "runsweep") });
  const recorded = { trialId: plan.ids[0], status: "finished", best: 0.99, bestEpoch: 2, epochs: 2, seconds: 1, worker: "earlier", runDir: "" };
  fs.mkdirSync(path.join(plan.dir, "trials", plan.ids[0]), { recursive: true });
  fs.writeFileSync(path.join(plan.dir, "trials", plan.ids[0], "trial.json"), JSON.stringify(recorded));
  const ex = fakeExecutor({ value: (c) => Number(c.seed) / 10, status: (c) => (c.seed === 3 ? "failed" : "finished"), error: (c) => (c.seed === 3 ? "boom" : undefined) });
  await runSweep(plan, ex, { progress: "none" });
  assert.deepEqual(ex.specs.map((s) => s.config.seed), [2, 3], "the recorded trial was not sent to the executor");
  const json = readSweepJson(plan.dir);
  assert.equal(json.status, "finished");
  assert.equal(json.reason, "1 trial failed (results.csv: status failed, its error column says why)");
  assert.deepEqual(json.best, { trialId: plan.ids[0], value: 0.99, epoch: 2 }, "mode max: the highest value, the read-back trial's");
  const sweep = await openSweep(plan.dir);
  assert.deepEqual(sweep.rows.map((r) => [r.seed, r.status, r.val_acc, r.worker]), [[1, "finished", 0.99, "earlier"], [2, "finished", 0.2, "fake"], [3, "failed", null, "fake"]]);
});

test("ASHA (η 2, rungs 1 and 2 epochs, one at a time): the hand-traced order of new configs and promotions", async (t) => {
  const plan = planSweep("asha", { trial, space: { seed: [1, 2, 3, 4] }, metric: "val_loss", mode: "min", scheduler: { kind: "asha", minEpochs: 1, eta: 2 }, budget: { epochs: 2 } }, { dir: tempFolder(t, "runsweep") });
  const ex = fakeExecutor({ value: (c) => Number(c.seed), concurrency: 1 });
  await runSweep(plan, ex, { progress: "none" });
  // seed 1 → rung 0; seed 2 → rung 0; top ⌊2/2⌋ of rung 0 = seed 1 → 2 epochs; seed 3; seed 4; top ⌊4/2⌋ = seeds 1, 2 → seed 2 promoted.
  assert.deepEqual(ex.specs.map((s) => [s.config.seed, s.epochs]), [[1, 1], [2, 1], [1, 2], [3, 1], [4, 1], [2, 2]]);
  const json = readSweepJson(plan.dir);
  assert.deepEqual(json.rungs, [1, 2]);
  assert.equal(json.epochsSpent, 2 + 2 + 1 + 1);
  assert.equal(json.completed, 4);
});

test("a trial whose history lacks the metric stops the sweep: no new trial starts, sweep.json says failed, the error names the sweep", async (t) => {
  const plan = planSweep("nometric", { trial, space: { seed: [1, 2, 3, 4] }, metric: "val_lost", mode: "min", budget: { epochs: 1 } }, { dir: tempFolder(t, "runsweep") });
  const message = 'metric "val_lost" is not a column of /x/history.csv: its columns are epoch, loss, val_loss';
  const ex = fakeExecutor({ value: () => 1, status: () => "failed", error: () => message, concurrency: 1 });
  await assert.rejects(runSweep(plan, ex, { progress: "none" }), { message: `sweep nometric: ${message}` });
  assert.equal(ex.specs.length, 1);
  assert.equal(ex.closed, 1);
  const json = readSweepJson(plan.dir);
  assert.deepEqual([json.status, json.reason], ["failed", `sweep nometric: ${message}`]);
});

test("SIGINT during a sweep: no new trial, the executor closed, sweep.json interrupted, RunInterrupted naming how to continue; untried trials stay pending", async (t) => {
  const plan = planSweep("stop", { trial, space: { seed: [1, 2, 3, 4] }, metric: "val_loss", mode: "min", budget: { epochs: 1 } }, { dir: tempFolder(t, "runsweep") });
  const ex = fakeExecutor({ value: (c) => Number(c.seed), concurrency: 1 });
  const before = process.listenerCount("SIGINT");
  const err = await runSweep(plan, ex, { progress: "none", onResult: () => { process.emit("SIGINT", "SIGINT"); } }).then(() => null, (e: Error) => e);
  assert.equal(err?.name, "RunInterrupted");
  assert.match(err!.message, /^SIGINT: sweep .*stop interrupted \(1 of 4 trials done\); run it again to continue/);
  assert.equal(ex.specs.length, 1);
  assert.equal(ex.closed, 1, "closed once (by the signal), not again at the end");
  assert.equal(process.listenerCount("SIGINT"), before, "the sweep's signal handlers are removed");
  const json = readSweepJson(plan.dir);
  assert.deepEqual([json.status, json.reason], ["interrupted", "SIGINT after 1 trial results; trials keep their last completed epoch"]);
  assert.deepEqual((await openSweep(plan.dir)).rows.map((r) => r.status), ["finished", "pending", "pending", "pending"]);
});

test("closeExecutor false: the executor stays open for its owner (the next sweep can use it); by default it is closed once at the end; a signal closes it either way", async (t) => {
  const dir = tempFolder(t, "runsweep");
  const definition = { trial, space: { seed: [1, 2] }, metric: "val_loss", mode: "min" as const, budget: { epochs: 1 } };
  // As queueExecutor: run() after close() is refused.
  const kept = fakeExecutor({ value: (c) => Number(c.seed), refuseAfterClose: true });
  await runSweep(planSweep("first", definition, { dir }), kept, { progress: "none", closeExecutor: false });
  const rows = await runSweep(planSweep("second", definition, { dir }), kept, { progress: "none", closeExecutor: false });
  assert.deepEqual(rows.map((r) => r.result?.status), ["finished", "finished"], "the second sweep ran on the same executor");
  assert.equal(kept.closed, 0);
  await runSweep(planSweep("third", definition, { dir }), kept, { progress: "none" });
  assert.equal(kept.closed, 1, "the default: closed at the end");
  await assert.rejects(runSweep(planSweep("fourth", definition, { dir }), kept, { progress: "none", closeExecutor: false }), /fakeExecutor: closed/);
  const signalled = fakeExecutor({ value: (c) => Number(c.seed), concurrency: 1 });
  const err = await runSweep(planSweep("stop", definition, { dir }), signalled, { progress: "none", closeExecutor: false, onResult: () => { process.emit("SIGINT", "SIGINT"); } }).then(() => null, (e: Error) => e);
  assert.equal(err?.name, "RunInterrupted");
  assert.equal(signalled.closed, 1, "the signal closed it, to interrupt its trials");
});
