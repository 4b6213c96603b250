// The writer lock: atomic among processes, stale locks recognised by more than a pid, force says
// what it does. The race test runs 50 pairs of child processes at once on stale locks (the hard
// case: both find the dead writer's lock and both try to break it) and counts double writers.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { acquireRunLock, inspectRunLock } from "../../src/runs/runLock";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "grulab-lock-"));
const lockFile = (dir: string) => path.join(dir, "writer.lock");
const writeOwner = (dir: string, o: Record<string, unknown>) =>
  fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: process.pid, host: os.hostname(), startTime: null, bootId: null, acquiredAt: "earlier", nonce: "n0", ...o }));
const myStart = () => { const s = fs.readFileSync(`/proc/${process.pid}/stat`, "utf8"); return s.slice(s.lastIndexOf(")") + 2).split(" ")[19]; };

test("acquireRunLock: one holder at a time in one process; release frees it (twice is harmless); the lock file names pid, host, start time and boot id", () => {
  const dir = tmp();
  const lock = acquireRunLock(dir);
  const owner = JSON.parse(fs.readFileSync(lockFile(dir), "utf8"));
  assert.deepEqual([owner.pid, owner.host, owner.startTime], [process.pid, os.hostname(), myStart()]);
  assert.equal(owner.bootId, fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim());
  assert.equal(inspectRunLock(dir).state, "held");
  assert.throws(() => acquireRunLock(dir), new RegExp(`writer\\.lock: the run has a live writer: process ${process.pid} on .* holds it and is alive \\(this process: another Run object writes the run\\)\\. .*--force`));
  assert.ok(lock.held());
  lock.verify();
  lock.release();
  lock.release();
  assert.equal(inspectRunLock(dir).state, "free");
  assert.ok(!fs.existsSync(lockFile(dir)));
  assert.throws(() => lock.verify(), /released the run's lock/);
  assert.deepEqual(fs.readdirSync(dir), [], "no temporary file is left");
  acquireRunLock(dir).release();
  assert.throws(() => acquireRunLock(path.join(dir, "missing")), /run folder .*missing does not exist \(cannot take its writer lock\)/);
});

test("a stale lock is recognised by more than a pid: an ended process, a pid now used by another process (start time), a restarted machine (boot id), a malformed file", () => {
  const cases: Array<[string, Record<string, unknown> | string, RegExp]> = [
    ["ended", { pid: 2 ** 22 + 7 }, /process 4194311 on .* held it and has ended/],
    ["pid reused", { pid: process.ppid, startTime: "12" }, new RegExp(`pid ${process.ppid} now belongs to another process \\(started at tick \\d+, the writer at 12\\)`)],
    ["restart", { pid: process.ppid, bootId: "not-this-boot" }, /held it before the machine restarted \(boot id changed\)/],
    ["malformed", "{\"pi", /the lock file is malformed/],
  ];
  for (const [name, owner, why] of cases) {
    const dir = tmp();
    if (typeof owner === "string") fs.writeFileSync(lockFile(dir), owner); else writeOwner(dir, owner);
    const seen = inspectRunLock(dir);
    assert.equal(seen.state, "stale", name);
    assert.match(seen.why, why, name);
    const logged: string[] = [];
    const lock = acquireRunLock(dir, { log: (l) => logged.push(l) });
    assert.equal(logged.length, 1, name);
    assert.match(logged[0], new RegExp(`^grulab: broke a stale writer lock of ${dir}: `), name);
    assert.equal(JSON.parse(fs.readFileSync(lockFile(dir), "utf8")).pid, process.pid);
    lock.release();
  }
  // The parent (a live process with its true start time) holds it: not stale.
  const dir = tmp();
  const ps = fs.readFileSync(`/proc/${process.ppid}/stat`, "utf8");
  writeOwner(dir, { pid: process.ppid, startTime: ps.slice(ps.lastIndexOf(")") + 2).split(" ")[19] });
  assert.equal(inspectRunLock(dir).state, "held");
  assert.throws(() => acquireRunLock(dir), new RegExp(`process ${process.ppid} on .* holds it and is alive\\. Let it finish, or stop it \\(kill -INT ${process.ppid}\\)`));
});

test("another host's lock cannot be checked: refused; force takes it over and says whose it was; the old holder's verify then fails", () => {
  const dir = tmp();
  writeOwner(dir, { pid: 4242, host: "elsewhere.example" });
  assert.equal(inspectRunLock(dir).state, "held");
  assert.throws(() => acquireRunLock(dir), /process 4242 on elsewhere\.example .*holds it; that host cannot be checked from here\. Let it finish, or stop it \(kill -INT 4242 on elsewhere\.example\)/);
  const logged: string[] = [];
  const mine = acquireRunLock(dir, { force: true, log: (l) => logged.push(l) });
  assert.match(logged[0], /^grulab: --force: took the writer lock over of .*: process 4242 on elsewhere\.example/);
  // A second writer of this process forces it too: the first learns at its next verify.
  const second = acquireRunLock(dir, { force: true, log: () => undefined });
  assert.equal(mine.held(), false);
  assert.throws(() => mine.verify(), /the run's writer lock was taken over \(by process \d+ on .*, with --force\); this process stops writing the run/);
  mine.release(); // not its lock any more: leaves the new one alone
  assert.equal(second.held(), true);
  second.release();
  assert.equal(inspectRunLock(dir).state, "free");
});

test("the lock is released when the process exits; a killed process leaves a stale lock", async () => {
  const dir = tmp();
  const mod = path.join(__dirname, "..", "..", "src", "runs", "runLock.js");
  const run = (code: string) => new Promise<number | null>((resolve) => {
    const p = spawn(process.execPath, ["-e", code], { stdio: "ignore" });
    p.on("exit", (c, s) => resolve(s ? -1 : c));
  });
  assert.equal(await run(`require(${JSON.stringify(mod)}).acquireRunLock(${JSON.stringify(dir)}); throw new Error("a script that throws")`), 1);
  assert.equal(inspectRunLock(dir).state, "free");
  assert.equal(await run(`require(${JSON.stringify(mod)}).acquireRunLock(${JSON.stringify(dir)}); process.kill(process.pid, "SIGKILL")`), -1);
  assert.equal(inspectRunLock(dir).state, "stale");
});

// A child that waits for a common start moment, then tries the lock: on success it logs
// start/end around 300 ms of "writing" (O_APPEND lines), then releases.
const RACER = `
const fs = require("fs");
const { acquireRunLock } = require(process.argv[1]);
const [dir, log, go] = process.argv.slice(2);
process.stdout.write("READY ");
while (!fs.existsSync(go)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
let lock;
try { lock = acquireRunLock(dir, { log: () => {} }); } catch (e) { process.stdout.write(/live writer/.test(e.message) ? "REFUSED" : "ERROR " + e.message); process.exit(0); }
fs.appendFileSync(log, "start " + process.pid + "\\n");
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
fs.appendFileSync(log, "end " + process.pid + "\\n");
lock.release();
process.stdout.write("WROTE");
`;

test("50 concurrent pairs of writers over 50 run folders with a dead writer's lock: exactly one writer per folder at any time (0 double writers)", async () => {
  const parent = tmp();
  const mod = path.join(__dirname, "..", "..", "src", "runs", "runLock.js");
  // A barrier: the children wait for the go file, made once all of them have started (on a loaded
  // machine a hundred node processes take many seconds to start, so a fixed start time left pairs apart).
  const go = path.join(parent, "go");
  let ready = 0;
  const results: Array<Promise<string>> = [];
  const dirs: string[] = [];
  for (let i = 0; i < 50; i++) {
    const dir = path.join(parent, `run-${i}`);
    fs.mkdirSync(dir);
    writeOwner(dir, { pid: 2 ** 22 + 11 + i, nonce: `dead-${i}` }); // killed writers
    dirs.push(dir);
    for (let k = 0; k < 2; k++) {
      results.push(new Promise((resolve) => {
        const p = spawn(process.execPath, ["-e", RACER, mod, dir, path.join(dir, "writers.log"), go], { stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        p.stdout.on("data", (d) => {
          out += d;
          if (out === "READY " && ++ready === 100) fs.writeFileSync(go, "");
        });
        p.on("close", () => resolve(out.replace(/^READY /, "")));
      }));
    }
  }
  const outs = await Promise.all(results);
  assert.deepEqual(outs.filter((o) => o !== "WROTE" && o !== "REFUSED"), [], "every child either wrote or was refused");
  let doubles = 0;
  let refused = 0;
  for (const [i, dir] of dirs.entries()) {
    const lines = fs.readFileSync(path.join(dir, "writers.log"), "utf8").trim().split("\n");
    let inside = 0;
    for (const l of lines) {
      inside += l.startsWith("start") ? 1 : -1;
      if (inside > 1) doubles++;
    }
    const pair = [outs[2 * i], outs[2 * i + 1]];
    assert.ok(pair.includes("WROTE"), `folder ${i}: one writer got the lock`);
    refused += pair.filter((o) => o === "REFUSED").length;
    assert.equal(inspectRunLock(dir).state, "free", `folder ${i}: released`);
    assert.deepEqual(fs.readdirSync(dir).sort(), ["writers.log"], `folder ${i}: no lock, guard or temporary file left`);
  }
  assert.equal(doubles, 0, "no two writers of one folder at the same time");
  assert.ok(refused >= 25, `most pairs overlapped (refused: ${refused} of 50)`);
});
