import { test } from "node:test";
import * as assert from "node:assert/strict";
import { seededRandom } from "../../src/index";
import { shuffledIndices } from "../../src/advanced/index";

test("seededRandom repeats its sequence for a seed and stays in [0, 1)", () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  const xs = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(xs, Array.from({ length: 1000 }, () => b()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.notEqual(seededRandom(43)(), xs[0]);
  // Roughly uniform: the mean of 1000 draws is within 0.05 of 0.5.
  assert.ok(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5) < 0.05);
});

test("shuffledIndices is a permutation, the same for the same seed", () => {
  const p = shuffledIndices(50, seededRandom(1));
  assert.deepEqual([...p].sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
  assert.deepEqual(p, shuffledIndices(50, seededRandom(1)));
  assert.notDeepEqual(p, shuffledIndices(50, seededRandom(2)));
});
