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

test("JobSteps installs its handlers only while the job runs; a copy of the first signal (the same Ctrl-C passed on again) is ignored until close() removes both", () => {
  const counts = () => [process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")];
  const before = counts();
  const { job, send } = jobWithHandlers();
  assert.deepEqual(counts(), [before[0] + 1, before[1] + 1]);
  send("SIGINT");
  const reason = job.abortSignal.reason;
  send("SIGINT"); // within 0.5 s: the same press, delivered again (timeout, npm, the terminal's group)
  send("SIGTERM");
  assert.deepEqual(counts(), [before[0] + 1, before[1] + 1], "still handled: the copy takes no default action");
  assert.equal(job.abortSignal.reason, reason, "the first signal's abort stands");
  assert.match(String(reason), /SIGINT during setup/);
  job.close();
  assert.deepEqual(counts(), before);
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
    assert.match(err.message, /^SIGINT: run .* interrupted during baselines; training had not started \(resume: npx grulab resume /);
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
