import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as path from "path";
import { watchSignals } from "../../src/runs/watchSignals";

const MODULE = path.resolve(__dirname, "..", "..", "src", "runs", "watchSignals.js");

test("watchSignals: the first SIGINT or SIGTERM calls onSignal once with its name; the same press delivered again is ignored; remove() leaves no handler", () => {
  const before = [process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")];
  const seen: string[] = [];
  const remove = watchSignals((s) => seen.push(s));
  assert.deepEqual([process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")], [before[0] + 1, before[1] + 1]);
  process.emit("SIGTERM", "SIGTERM");
  assert.deepEqual(seen, ["SIGTERM"]);
  process.emit("SIGINT", "SIGINT"); // within 0.5 s: the same press (a terminal's and a parent's copy)
  process.emit("SIGTERM", "SIGTERM");
  assert.deepEqual(seen, ["SIGTERM"], "onSignal once");
  assert.deepEqual([process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")], [before[0] + 1, before[1] + 1], "still handled, so the copies do not end the process");
  remove();
  remove();
  assert.deepEqual([process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")], before);
});

/** A child process that watches signals (twice when `watchers` is 2, as fit inside a job does), prints "handled" per call and keeps running. */
function watchingChild(watchers: number) {
  const script = `const { watchSignals } = require(${JSON.stringify(MODULE)});
for (let i = 0; i < ${watchers}; i++) watchSignals((s) => console.log("handled " + s));
setInterval(() => {}, 1000); console.log("ready");`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
  const waitFor = async (text: string) => { while (!out.includes(text)) await new Promise((r) => setTimeout(r, 10)); };
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once("exit", (code, signal) => resolve([code, signal])));
  return { child, waitFor, exited, output: () => out };
}

test("in a process: one Ctrl-C delivered twice (at once, or again after it was handled, as timeout and npm pass it on) is handled once and the process goes on; a second press later ends it the default way (killed by SIGINT)", async () => {
  for (const [watchers, again] of [[1, "at once"], [1, "after"], [2, "after"]] as const) {
    const { child, waitFor, exited, output } = watchingChild(watchers);
    await waitFor("ready");
    const sentAt = performance.now();
    child.kill("SIGINT");
    if (again === "at once") child.kill("SIGINT");
    await waitFor("handled SIGINT");
    // the copy after the handler ran: before 2026-12-07 the handlers were gone by then and it ended the process
    if (again === "after") child.kill("SIGINT");
    const secondWithin = performance.now() - sentAt; // the child saw the first at or after sentAt
    await new Promise((r) => setTimeout(r, 200));
    if (secondWithin < 450) {
      assert.equal(child.signalCode, null, `${watchers} watcher(s), the copy ${again}: still running`);
      assert.equal(child.exitCode, null);
    } // (else the machine delayed the copy past the window: a second press, which may end it)
    if (child.signalCode === null) {
      assert.equal(output().match(/handled SIGINT/g)!.length, watchers, "each watcher's onSignal once");
      await new Promise((r) => setTimeout(r, 500)); // past the same-press window
      child.kill("SIGINT");
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    assert.deepEqual(await exited, [null, "SIGINT"]);
    clearTimeout(timer);
  }
});
