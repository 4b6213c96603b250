import { test } from "node:test";
import * as assert from "node:assert/strict";
import { meanStd } from "../../src/training/meanStd";

test("meanStd gives the mean and the sample (n − 1) standard deviation", () => {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum 32, sample variance 32 / 7.
  const m = meanStd([2, 4, 4, 4, 5, 5, 7, 9]);
  assert.equal(m.mean, 5);
  assert.ok(Math.abs(m.sd - Math.sqrt(32 / 7)) < 1e-15);
  assert.equal(m.n, 8);
  assert.deepEqual(meanStd([3]), { mean: 3, sd: 0, n: 1 });
});

test("meanStd rejects an empty list and non-finite values", () => {
  assert.throws(() => meanStd([]), /no values/);
  assert.throws(() => meanStd([1, Infinity]), /value 1 is Infinity/);
});
