import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { readRunJson, writeRunJson } from "../../src/runs/runJson";
import { acquireRunLock } from "../../src/runs/runLock";
import type { RunJson } from "../../src/runs/runFormat";
import { tempFolder } from "../support/tempFolder";

const ROOT = path.resolve(__dirname, "..", "..", "..");

function runJson(over: Partial<RunJson> = {}): RunJson {
  return {
    format: 2, name: "x", task: "classification", status: "finished", reason: null, epoch: 3, bestEpoch: 2,
    createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z", resumeCommand: "grulab resume RUN", pid: 99999999, ...over,
  };
}

test("writeRunJson stamps updatedAt and writes JSON that readRunJson gives back; no temp file is left", (t) => {
  const dir = tempFolder(t, "runjson");
  const before = Date.now();
  const json = runJson();
  writeRunJson(dir, json);
  const onDisk = JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8"));
  assert.ok(Date.parse(onDisk.updatedAt) >= before - 1 && Date.parse(onDisk.updatedAt) <= Date.now() + 1, onDisk.updatedAt);
  assert.deepEqual(readRunJson(dir), onDisk);
  assert.deepEqual(fs.readdirSync(dir), ["run.json"]);
});

test("readRunJson: each broken folder is an error naming the folder or file and what is wrong", (t) => {
  const dir = tempFolder(t, "runjson");
  const file = path.join(dir, "run.json");
  assert.throws(() => readRunJson(path.join(dir, "nope")), new RegExp(`^Error: run folder ${dir}/nope does not exist$`));
  fs.writeFileSync(path.join(dir, "plain.txt"), "x");
  assert.throws(() => readRunJson(path.join(dir, "plain.txt")), new RegExp(`^Error: ${dir}/plain.txt is a file, not a run folder$`));
  assert.throws(() => readRunJson(dir), new RegExp(`^Error: ${file} not found: ${dir} is not a run folder$`));
  fs.writeFileSync(path.join(dir, "config.json"), "{}");
  assert.throws(() => readRunJson(dir), /it has config\.json but no run\.json: .*format 1; this grulab reads format 2\). Nothing was trained in it/);
  fs.writeFileSync(file, "{ not json");
  assert.throws(() => readRunJson(dir), new RegExp(`^Error: ${file}: not valid JSON \\(`));
  fs.writeFileSync(file, "null");
  assert.throws(() => readRunJson(dir), /: expected a JSON object$/);
  const cases: Array<[Partial<RunJson> | Record<string, unknown>, RegExp]> = [
    [{ format: 1 }, /run folder format 1, this grulab reads format 2$/],
    [{ format: 3 }, /run folder format 3, this grulab reads format 2 \(written by a newer grulab\)$/],
    [{ status: "done" as never }, /field "status" is "done", expected one of running, finished, interrupted, diverged, failed, crashed$/],
    [{ task: "ranking" as never }, /field "task" is "ranking", expected classification or regression$/],
  ];
  for (const [over, message] of cases) {
    fs.writeFileSync(file, JSON.stringify(runJson(over as Partial<RunJson>)));
    assert.throws(() => readRunJson(dir), (err: Error) => err.message.startsWith(`${file}: `) && message.test(err.message));
  }
});

test("a run.json saying running with no live writer reads as crashed, naming the last completed epoch (history.csv rows) and the resume command", (t) => {
  const dir = tempFolder(t, "runjson");
  writeRunJson(dir, runJson({ status: "running", pid: 4242 }));
  const none = readRunJson(dir);
  assert.equal(none.status, "crashed");
  assert.match(none.reason!, /^run\.json says running, but its writer is gone \(no process holds its writer lock; process 4242 wrote it\): .*no epoch was completed; continue it with grulab resume RUN$/);
  fs.writeFileSync(path.join(dir, "history.csv"), "epoch,loss\n1,0.9\n2,0.8\n3,0.7\n\n");
  assert.match(readRunJson(dir).reason!, /epoch 3 was the last completed; continue it with grulab resume RUN$/);
  assert.equal(readRunJson(dir, { callerHoldsLock: true }).status, "crashed", "the caller's own lock is not a live writer");
  assert.match(readRunJson(dir, { callerHoldsLock: true }).reason!, /\(process 4242 wrote it\)/);
  const lock = acquireRunLock(dir);
  try {
    assert.equal(readRunJson(dir).status, "running", "a live writer holds the lock: running stays running");
  } finally {
    lock.release();
  }
});

test("a writer that was killed (its lock left behind, its process gone) reads as crashed with the lock's reason", async (t) => {
  const dir = tempFolder(t, "runjson");
  writeRunJson(dir, runJson({ status: "running" }));
  const script = `const { acquireRunLock } = require(${JSON.stringify(path.join(ROOT, "dist", "src", "runs", "runLock.js"))}); acquireRunLock(${JSON.stringify(dir)}); console.log("locked"); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => { if (d.toString().includes("locked")) resolve(); }));
  assert.equal(readRunJson(dir).status, "running", "its writer is alive");
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
  const after = readRunJson(dir);
  assert.equal(after.status, "crashed");
  assert.match(after.reason!, new RegExp(`process ${child.pid} on .* has ended`));
});
