// resumeJob's refusals, each naming the folder or file and the reason; and "other data" for a
// real forecast run. A real Ctrl-C and resume of each job: test/cli/commands/resume.test.ts.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { resumeJob } from "../../src/studies/resumeJob";
import { runForecast } from "../../src/studies/runForecast";
import { makeRunFolder } from "../fixtures/makeRunFolder";

/** The fixture run folder with run.json and config.json changed. */
function runFolder(run: Record<string, unknown>, config: Record<string, unknown>): string {
  const dir = makeRunFolder({ traces: false });
  const edit = (file: string, changes: Record<string, unknown>) => {
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    fs.writeFileSync(path.join(dir, file), JSON.stringify({ ...json, ...changes }));
  };
  edit("run.json", run);
  edit("config.json", config);
  return dir;
}

test("resumeJob refuses, naming the folder or file: no folder, not a run folder, finished, diverged, writer alive, unknown job, a missing option", async () => {
  await assert.rejects(resumeJob("/nonexistent/run"), /^Error: run folder \/nonexistent\/run does not exist$/);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-not-a-run-"));
  await assert.rejects(resumeJob(empty), new RegExp(`${path.join(empty, "run.json")} not found: ${empty} is not a run folder`));
  const finished = runFolder({}, { job: "forecast" });
  await assert.rejects(resumeJob(finished), new RegExp(`${path.join(finished, "run.json")}: the run is finished; nothing to resume`));
  const diverged = runFolder({ status: "diverged", reason: "loss became NaN at epoch 3, batch 2/4" }, { job: "forecast" });
  await assert.rejects(resumeJob(diverged), /run\.json: the run diverged \(loss became NaN at epoch 3, batch 2\/4\); resuming would diverge again/);
  // A live writer holds the lock (the parent process, with its true start time): refused, naming it.
  const stat = fs.readFileSync(`/proc/${process.ppid}/stat`, "utf8");
  const lockOf = (startTime: string) => JSON.stringify({ pid: process.ppid, host: os.hostname(), startTime, bootId: null, acquiredAt: "then", nonce: "x" });
  const alive = runFolder({ status: "running", pid: process.ppid }, { job: "forecast" });
  fs.writeFileSync(path.join(alive, "writer.lock"), lockOf(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]));
  await assert.rejects(resumeJob(alive), new RegExp(`run\\.json: the run is running: process ${process.ppid} on .* holds it and is alive\\. Let it finish, or stop it first \\(kill -INT ${process.ppid}\\) and resume then; if that writer is gone, take the run over with grulab resume --force`));
  // The same pid after a restart belongs to another process (another start time): the lock is stale, resume goes on
  // (to the fixture's missing option). Before the lock, "running in process N … kill -INT N" blocked it for good.
  const reused = runFolder({ status: "running", pid: process.ppid }, { job: "forecast" });
  fs.writeFileSync(path.join(reused, "writer.lock"), lockOf("1"));
  await assert.rejects(resumeJob(reused), /config\.json: field "\w+" is undefined, expected a number/);
  // A writer on another host cannot be checked: refused; --force takes it over (then the same missing option).
  const remote = runFolder({ status: "running", pid: 77 }, { job: "forecast" });
  fs.writeFileSync(path.join(remote, "writer.lock"), JSON.stringify({ pid: 77, host: "gone.example", startTime: "5", bootId: null, acquiredAt: "then", nonce: "y" }));
  await assert.rejects(resumeJob(remote), /the run is running: process 77 on gone\.example .*holds it; that host cannot be checked from here/);
  await assert.rejects(resumeJob(remote, { force: true }), /config\.json: field "\w+" is undefined, expected a number/);
  const mystery = runFolder({ status: "interrupted" }, { job: "mystery" });
  await assert.rejects(resumeJob(mystery), new RegExp(`${path.join(mystery, "config.json")}: "job" is "mystery": grulab resume continues runs of tutorial, forecast, charlm, gru-vs-lstm; continue other runs with resumeRun\\(dir\\)`));
  const unnamed = runFolder({ status: "interrupted" }, {});
  await assert.rejects(resumeJob(unnamed), /config\.json: "job" is undefined: grulab resume continues runs of/);
  const partial = runFolder({ status: "interrupted", task: "regression" }, { job: "forecast", units: undefined });
  await assert.rejects(resumeJob(partial), new RegExp(`${path.join(partial, "config.json")}: field "units" is undefined, expected a number`));
  const oldGvl = runFolder({ status: "interrupted" }, { job: "gru-vs-lstm", seed: 1, length: "long" });
  await assert.rejects(resumeJob(oldGvl), /config\.json: field "length" is "long", expected a number/);
});

test("resumeJob of a forecast run whose CSV changed: refused by fit's data check, naming the checkpoint; the run stays resumable", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-resume-other-data-"));
  const file = path.join(dir, "series.csv");
  const write = (bump: number) => fs.writeFileSync(file, "month,ppm\n" + Array.from({ length: 120 }, (_, i) =>
    `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")},${(350 + (i === 30 ? bump : 0) + 0.2 * i + 3 * Math.sin((2 * Math.PI * i) / 12) + 0.3 * Math.sin(i * 1.7)).toFixed(3)}`).join("\n") + "\n");
  write(0);
  const { runDir } = await runForecast({ file, dateColumn: "month", valueColumn: "ppm", timesteps: 12, horizon: 3, units: 3, epochs: 2, patience: 0, backend: "cpu", out: path.join(dir, "runs"), progress: "none" });
  const info = JSON.parse(fs.readFileSync(path.join(runDir, "run.json"), "utf8"));
  fs.writeFileSync(path.join(runDir, "run.json"), JSON.stringify({ ...info, status: "interrupted", reason: "test", step: "report" }));
  write(2); // one training month differs
  await assert.rejects(resumeJob(runDir, { progress: "none" }), /fit: the training data differs from the data .* was trained on \(.*checkpoint\/epoch-0002\/state\.json\): resume with the same data/);
  assert.equal(JSON.parse(fs.readFileSync(path.join(runDir, "run.json"), "utf8")).status, "failed");
  write(0);
  const { result } = await resumeJob(runDir, { progress: "none" });
  assert.equal((result as { runDir: string }).runDir, runDir);
  assert.equal(JSON.parse(fs.readFileSync(path.join(runDir, "run.json"), "utf8")).status, "finished");
});

