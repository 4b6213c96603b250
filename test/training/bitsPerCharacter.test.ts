import { test } from "node:test";
import * as assert from "node:assert/strict";
import { bitsPerCharacter } from "../../src/studies/index";

test("bitsPerCharacter is the mean of −log2 p (hand-computed)", () => {
  // −log2: 1/2 → 1, 1/4 → 2, 1/8 → 3, 1 → 0: mean 6 / 4 = 1.5
  assert.equal(bitsPerCharacter([0.5, 0.25, 0.125, 1]), 1.5);
  // A uniform guess over 95 symbols: log2 95 ≈ 6.5699
  assert.ok(Math.abs(bitsPerCharacter(new Float32Array(10).fill(1 / 95)) - Math.log2(95)) < 1e-6);
  assert.equal(bitsPerCharacter([0.5, 0]), Infinity);
});

test("bitsPerCharacter rejects NaN and values outside [0, 1], naming the position", () => {
  assert.throws(() => bitsPerCharacter([0.5, NaN]), /probability NaN at position 1/);
  assert.throws(() => bitsPerCharacter([1.5]), /probability 1\.5 at position 0/);
  assert.throws(() => bitsPerCharacter([]), /no probabilities/);
});
