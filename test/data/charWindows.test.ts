import { test } from "node:test";
import * as assert from "node:assert/strict";
import { charWindows } from "../../src/studies/index";

test("charWindows cuts non-overlapping windows, each predicting the next id at every step", () => {
  const ids = Int32Array.from({ length: 11 }, (_, i) => i); // 0 … 10
  const w = charWindows(ids, { timesteps: 3 });
  assert.deepEqual(w.starts, [0, 3, 6]); // (11 − 1) / 3 = 3 windows; id 10 is only a target
  assert.deepEqual(w.x.arraySync(), [[0, 1, 2], [3, 4, 5], [6, 7, 8]]);
  assert.deepEqual(w.y.arraySync(), [[[1], [2], [3]], [[4], [5], [6]], [[7], [8], [9]]]);
  assert.equal(w.x.dtype, "int32");
  w.x.dispose(); w.y.dispose();
});

test("charWindows maxWindows keeps a seeded subset in text order; too short a text is an error", () => {
  const ids = Int32Array.from({ length: 101 }, (_, i) => i % 7);
  const a = charWindows(ids, { timesteps: 10, maxWindows: 4, seed: 3 });
  const b = charWindows(ids, { timesteps: 10, maxWindows: 4, seed: 3 });
  const c = charWindows(ids, { timesteps: 10, maxWindows: 4, seed: 4 });
  assert.equal(a.starts.length, 4);
  assert.deepEqual(a.starts, b.starts);
  assert.notDeepEqual(a.starts, c.starts);
  assert.deepEqual(a.starts, [...a.starts].sort((p, q) => p - q));
  assert.ok(a.starts.every((s) => s % 10 === 0 && s <= 90));
  assert.deepEqual(a.x.arraySync()[1], Array.from({ length: 10 }, (_, t) => (a.starts[1] + t) % 7));
  for (const w of [a, b, c]) { w.x.dispose(); w.y.dispose(); }
  assert.throws(() => charWindows([1, 2, 3], { timesteps: 3 }), /3 ids make no window of 3 steps \(need at least 4\)/);
  assert.throws(() => charWindows(ids, { timesteps: 0 }), /option timesteps: 0/);
});
