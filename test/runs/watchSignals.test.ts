import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as path from "path";
import { watchSignals } from "../../src/runs/watchSignals";

const MODULE = path.resolve(__dirname, "..", "..", "src", "runs", "watchSignals.js");

test("watchSignals: the first SIGINT or SIGTERM calls onSignal once with its name and removes both handlers; remove() leaves no handler", () => {
  const before = [process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")];
  const seen: string[] = [];
  watchSignals((s) => seen.push(s));
  assert.deepEqual([process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")], [before[0] + 1, before[1] + 1]);
  process.emit("SIGTERM", "SIGTERM");
  assert.deepEqual(seen, ["SIGTERM"]);
  assert.deepEqual([process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")], before, "both handlers gone after the first signal");
  const remove = watchSignals((s) => seen.push(s));
  remove();
  remove();
  assert.deepEqual([process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")], before);
  assert.deepEqual(seen, ["SIGTERM"]);
});

test("in a process: the first Ctrl-C is handled and the process goes on; the second ends it the default way (killed by SIGINT)", async () => {
  const script = `const { watchSignals } = require(${JSON.stringify(MODULE)});
watchSignals((s) => console.log("handled " + s));
setInterval(() => {}, 1000); console.log("ready");`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  const waitFor = (text: string) => new Promise<void>((resolve) => {
    const check = () => { if (out.includes(text)) resolve(); else child.stdout.once("data", (d: Buffer) => { out += d.toString(); check(); }); };
    check();
  });
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once("exit", (code, signal) => resolve([code, signal])));
  await waitFor("ready");
  child.kill("SIGINT");
  await waitFor("handled SIGINT");
  assert.equal(child.exitCode, null, "still running after the first signal");
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  assert.deepEqual(await exited, [null, "SIGINT"]);
  clearTimeout(timer);
});
