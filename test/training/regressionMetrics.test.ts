import { test } from "node:test";
import * as assert from "node:assert/strict";
import { regressionMetrics } from "../../src/training/regressionMetrics";

test("regressionMetrics on a hand-computed case: errors 0, 1, 0, −2", () => {
  const m = regressionMetrics([1, 2, 3, 4], [1, 3, 3, 2]);
  assert.equal(m.mae, 0.75); // (0 + 1 + 0 + 2) / 4
  assert.ok(Math.abs(m.rmse - Math.sqrt(5 / 4)) < 1e-15); // √((0 + 1 + 0 + 4) / 4)
  assert.equal(m.count, 4);
});

test("regressionMetrics flattens rows (origins × steps ahead)", () => {
  const m = regressionMetrics([[1, 2], [3, 4]], [[2, 2], [3, 7]]);
  assert.equal(m.mae, 1); // (1 + 0 + 0 + 3) / 4
  assert.equal(m.rmse, Math.sqrt(10 / 4));
});

test("regressionMetrics rejects mismatched, ragged, empty and non-finite input", () => {
  assert.throws(() => regressionMetrics([1, 2], [1]), /2 actual values but 1 predicted/);
  assert.throws(() => regressionMetrics([[1, 2], [3]], [[1, 2], [3]]), /actual row 1 is ragged/);
  assert.throws(() => regressionMetrics([], []), /no values/);
  assert.throws(() => regressionMetrics([1, 2], [1, NaN]), /value 1 is not finite/);
});
