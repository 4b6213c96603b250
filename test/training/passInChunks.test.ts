import { test } from "node:test";
import * as assert from "node:assert/strict";
import { passInChunks } from "../../src/training/passInChunks";

test("passInChunks: visits the chunks in order (the last one short), gives the event loop a turn between two, a long pass announces itself", async () => {
  const seen: Array<[number, number]> = [];
  let turns = 0;
  const timer = setInterval(() => { turns++; }, 0);
  const lines: string[] = [];
  try {
    await passInChunks(23, 2, (from, size) => {
      seen.push([from, size]);
      const until = performance.now() + 3; // long enough for the 0 ms timer to be due
      while (performance.now() < until);
    }, { log: (l) => lines.push(l), label: "validation", noun: "validation samples" });
  } finally {
    clearInterval(timer);
  }
  assert.deepEqual(seen, Array.from({ length: 12 }, (_, i) => [2 * i, i === 11 ? 1 : 2]));
  assert.ok(turns >= 5, `the timer ran ${turns} times during 12 chunks`);
  assert.deepEqual(lines, ["validation: 23 validation samples in chunks of 2 (a line every 5 s)…"]);
  // A short pass (< 10 chunks) says nothing; no samples: no step.
  const quiet: string[] = [];
  await passInChunks(19, 2, () => {}, { log: (l) => quiet.push(l), label: "x", noun: "y" });
  await passInChunks(0, 2, () => assert.fail("no chunk of nothing"), { label: "x", noun: "y" });
  assert.deepEqual(quiet, []);
});

test("passInChunks: an abort stops it between two chunks with the signal's reason; an aborted signal runs no chunk; a bad chunk size is named", async () => {
  const controller = new AbortController();
  const reason = new Error("Ctrl-C");
  const seen: number[] = [];
  await assert.rejects(passInChunks(100, 10, (from) => { seen.push(from); if (from === 20) controller.abort(reason); }, { signal: controller.signal, label: "x", noun: "y" }), (e) => e === reason);
  assert.deepEqual(seen, [0, 10, 20]);
  await assert.rejects(passInChunks(100, 10, () => assert.fail("ran"), { signal: controller.signal, label: "x", noun: "y" }), (e) => e === reason);
  await assert.rejects(passInChunks(100, 0, () => {}, { label: "x", noun: "y" }), /passInChunks: chunk must be an integer ≥ 1, got 0/);
});
