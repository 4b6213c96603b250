// JobSteps in-process: its handlers are called directly (process.emit would also reach the test
// runner's own SIGINT handler). What a real Ctrl-C does to each job is in test/cli/commands/resume.test.ts.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { JobSteps, TRAINING_STEP } from "../../src/runs/JobSteps";
import { RunInterrupted } from "../../src/runs/RunInterrupted";
import { startRun } from "../../src/runs/startRun";

/** A new JobSteps and its SIGINT and SIGTERM handlers (the listeners it added). */
function jobWithHandlers(): { job: JobSteps; send: (signal: "SIGINT" | "SIGTERM") => void } {
  const before = { SIGINT: process.listeners("SIGINT"), SIGTERM: process.listeners("SIGTERM") };
  const job = new JobSteps();
  const added = (s: "SIGINT" | "SIGTERM") => process.listeners(s).filter((l) => !before[s].includes(l));
  assert.equal(added("SIGINT").length, 1);
  assert.equal(added("SIGTERM").length, 1);
  const handlers = { SIGINT: added("SIGINT")[0], SIGTERM: added("SIGTERM")[0] };
  return { job, send: (s) => (handlers[s] as (s: string) => void)(s) };
}

const runJson = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8"));
const parent = () => fs.mkdtempSync(path.join(os.tmpdir(), "grulab-jobsteps-"));

test("JobSteps installs its handlers only while the job runs, and removes both at the first signal", () => {
  const counts = () => [process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")];
  const before = counts();
  const { job, send } = jobWithHandlers();
  assert.deepEqual(counts(), [before[0] + 1, before[1] + 1]);
  send("SIGINT");
  assert.deepEqual(counts(), before, "a second Ctrl-C takes the default action");
  job.close();
  const other = new JobSteps();
  other.close();
  assert.deepEqual(counts(), before);
});

test("a signal during a step outside fit: the next step does not run; the run says interrupted, the step and why; exit code 130", async () => {
  const run = await startRun("job", { dir: parent(), cliResume: true });
  const { job, send } = jobWithHandlers();
  try {
    job.use(run);
    await job.step("baselines", () => send("SIGINT"));
    let ran = false;
    const err = await job.step("report", () => { ran = true; }).catch((e: unknown) => e);
    assert.ok(err instanceof RunInterrupted, String(err));
    assert.equal(err.exitCode, 130);
    assert.equal(err.runDir, run.dir);
    assert.match(err.message, /^SIGINT: run .* interrupted during baselines; training had not started \(resume: (npx )?grulab resume /);
    assert.equal(ran, false);
    const info = runJson(run.dir);
    assert.deepEqual([info.status, info.step, info.reason], ["interrupted", "baselines", "SIGINT during baselines; training had not started"]);
  } finally {
    job.close();
  }
});

test("SIGTERM after training: exit code 143, the reason says training had finished; a signal during the last step is caught by end()", async () => {
  const run = await startRun("job", { dir: parent() });
  const { job, send } = jobWithHandlers();
  try {
    job.use(run);
    run.history = [{ epoch: 1, loss: 1, val_loss: 1, seconds: 0 }, { epoch: 2, loss: 1, val_loss: 1, seconds: 0 }];
    await job.step(TRAINING_STEP, () => undefined);
    await job.step("report", () => { run.mark({ status: "finished" }); send("SIGTERM"); });
    assert.throws(() => job.end(), (e: unknown) => e instanceof RunInterrupted && e.exitCode === 143 && e.signal === "SIGTERM");
    const info = runJson(run.dir);
    assert.deepEqual([info.status, info.step, info.reason], ["interrupted", "report", "SIGTERM during report; training had finished (2 epochs)"]);
    job.end(); // once: nothing more to throw
  } finally {
    job.close();
  }
});

test("a signal before the run folder exists: RunInterrupted that says nothing was kept; an interruption fit marked keeps fit's reason and gets the step", async () => {
  const { job, send } = jobWithHandlers();
  try {
    await job.step("loading the data", () => send("SIGINT"));
    assert.throws(() => job.throwIfStopped(), /^RunInterrupted: SIGINT during loading the data: stopped before the run folder was made; nothing to keep$/);
  } finally {
    job.close();
  }
  const run = await startRun("job", { dir: parent() });
  const second = jobWithHandlers();
  try {
    second.job.use(run);
    const fromFit = new RunInterrupted("SIGINT", run.dir, 3);
    await assert.rejects(second.job.step(TRAINING_STEP, () => {
      run.mark({ status: "interrupted", reason: "SIGINT during epoch 4; epoch 3 was the last completed" });
      throw fromFit;
    }), (e: unknown) => e === fromFit);
    assert.deepEqual([runJson(run.dir).step, runJson(run.dir).reason], [TRAINING_STEP, "SIGINT during epoch 4; epoch 3 was the last completed"]);
  } finally {
    second.job.close();
  }
});

test("a long step that passes job.abortSignal on (the tutorial's baselines training) stops within a batch at the first signal: interrupted during that step, not minutes later", async () => {
  const tf = await import("@tensorflow/tfjs");
  const { train } = await import("../../src/training/train");
  const { buildWindowClassifier } = await import("../../src/models/buildWindowClassifier");
  const run = await startRun("long", { dir: parent(), cliResume: true });
  const { job, send } = jobWithHandlers();
  const x = tf.randomUniform([2048, 4, 2]);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: 2048 }, (_, i) => i % 3), "int32"), 3);
  const model = buildWindowClassifier({ timesteps: 4, inputDim: 2, outputDim: 3, hidden: 0, seed: 1, learningRate: 0.01 });
  try {
    job.use(run);
    const t0 = Date.now();
    setTimeout(() => send("SIGINT"), 300);
    const err = await job.step("baselines", () => train(model, { x, y }, { epochs: 100000, batchSize: 4, seed: 1, progress: "none", signal: job.abortSignal })).catch((e: unknown) => e);
    const seconds = (Date.now() - t0) / 1000;
    assert.ok(err instanceof RunInterrupted, String(err));
    assert.ok(seconds < 3, `stopped after ${seconds} s`);
    assert.deepEqual([runJson(run.dir).status, runJson(run.dir).step], ["interrupted", "baselines"]);
    assert.match(runJson(run.dir).reason, /^SIGINT during baselines; training had not started$/);
  } finally {
    job.close();
    model.dispose();
    tf.dispose([x, y]);
  }
});
