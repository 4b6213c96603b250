import { test } from "node:test";
import * as assert from "node:assert/strict";
import { runInSlices, runToEnd } from "../../src/util/runInSlices";

/** Sums 0 … n−1 in float64, pausing every 1,000 terms with the count so far. */
function* sum(n: number): Generator<number | undefined, number> {
  let s = 0;
  for (let i = 0; i < n; i++) {
    s += i * 0.1;
    if (i % 1000 === 999) yield i + 1;
    else if (i % 100 === 0) yield;
  }
  return s;
}

test("runInSlices and runToEnd give the same result; progress values reach onProgress, bare pauses do not", async () => {
  const seen: number[] = [];
  assert.equal(await runInSlices(sum(5000), { onProgress: (p) => seen.push(p) }), runToEnd(sum(5000)));
  assert.deepEqual(seen, [1000, 2000, 3000, 4000, 5000]);
});

test("runInSlices lets timers run while it works and stops within a slice of an abort, closing the generator", async () => {
  let closed = false;
  function* forever(): Generator<undefined, never> {
    try { for (;;) { for (let i = 0; i < 1e4; i++) Math.sqrt(i); yield; } } finally { closed = true; }
  }
  const controller = new AbortController();
  let ticks = 0;
  const timer = setInterval(() => ticks++, 20);
  const t0 = Date.now();
  setTimeout(() => controller.abort(new Error("enough")), 300);
  await assert.rejects(runInSlices(forever(), { signal: controller.signal, sliceMs: 50 }), /enough/);
  clearInterval(timer);
  const took = Date.now() - t0;
  assert.ok(took >= 300 && took < 1000, `stopped after ${took} ms (abort at 300 ms, slices of 50 ms)`);
  assert.ok(ticks >= 3, `a 20 ms timer ran ${ticks} times during the work`);
  assert.ok(closed, "the generator's finally ran");
  await assert.rejects(runInSlices(sum(10), { signal: AbortSignal.abort(new Error("before")) }), /before/);
});
