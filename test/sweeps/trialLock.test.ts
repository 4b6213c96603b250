import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { withTrialLock } from "../../src/sweeps/trialLock";
import { tempFolder } from "../support/tempFolder";

const MODULE = path.resolve(__dirname, "..", "..", "src", "sweeps", "trialLock.js");

test("withTrialLock returns the body's value and releases the lock, also when the body throws; the same trial twice at once is refused, another trial is not", async (t) => {
  const sweep = tempFolder(t, "triallock");
  const lockFile = path.join(sweep, "trials", ".locks", "abc", "writer.lock");
  assert.equal(await withTrialLock(sweep, "abc", async () => {
    assert.ok(fs.existsSync(lockFile), "held while the body runs");
    await assert.rejects(withTrialLock(sweep, "abc", async () => "twice"), new RegExp(`^Error: ${lockFile}: the run has a live writer: process ${process.pid} on .* holds it and is alive`));
    assert.equal(await withTrialLock(sweep, "other", async () => 2), 2);
    return 1;
  }), 1);
  assert.ok(!fs.existsSync(lockFile), "released");
  await assert.rejects(withTrialLock(sweep, "abc", async () => { throw new Error("body failed"); }), { message: "body failed" });
  assert.ok(!fs.existsSync(lockFile), "released after a throw");
  assert.equal(await withTrialLock(sweep, "abc", async () => "again"), "again");
});

test("another process holding a trial's lock: refused naming the holder; after it is killed (SIGKILL) the stale lock is broken, reported, and taken", async (t) => {
  const sweep = tempFolder(t, "triallock");
  const script = `const { withTrialLock } = require(${JSON.stringify(MODULE)});
withTrialLock(${JSON.stringify(sweep)}, "abc", () => { console.log("held"); return new Promise(() => setInterval(() => {}, 1000)); });`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  t.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL"); });
  await new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => { if (d.toString().includes("held")) resolve(); }));
  await assert.rejects(withTrialLock(sweep, "abc", async () => 0), new RegExp(`the run has a live writer: process ${child.pid} on .* holds it and is alive\\. Let it finish, or stop it \\(kill -INT ${child.pid}\\)`));
  child.kill("SIGKILL");
  await exited;
  const errors: string[] = [];
  const original = console.error;
  console.error = (line: string) => void errors.push(line);
  try {
    assert.equal(await withTrialLock(sweep, "abc", async () => "mine"), "mine");
  } finally {
    console.error = original;
  }
  assert.equal(errors.length, 1);
  assert.match(errors[0], new RegExp(`^grulab: trial abc: .*process ${child.pid} on .* held it and has ended`));
});
