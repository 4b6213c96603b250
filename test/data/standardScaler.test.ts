import { test } from "node:test";
import * as assert from "node:assert/strict";
import { fitStandardScaler } from "../../src/index";

test("fitStandardScaler uses the mean and population standard deviation of the rows it is given", () => {
  // Column 0: 1, 2, 3, 6 → mean 3, variance (4 + 1 + 0 + 9)/4 = 3.5. Column 1 constant → std 1.
  const s = fitStandardScaler([[1, 5], [2, 5], [3, 5], [6, 5]]);
  assert.deepEqual(s.mean, [3, 5]);
  assert.ok(Math.abs(s.std[0] - Math.sqrt(3.5)) < 1e-12);
  assert.equal(s.std[1], 1);
  const t = s.transform([[3, 5], [6, 7]]);
  assert.deepEqual(t[0], [0, 0]);
  assert.ok(Math.abs(t[1][0] - 3 / Math.sqrt(3.5)) < 1e-12);
  assert.equal(t[1][1], 2);
  const back = s.inverse(t);
  assert.ok(Math.abs(back[1][0] - 6) < 1e-12);
});

test("fitStandardScaler leaves a column that is constant up to rounding unscaled", () => {
  // Ten times 0.1: the mean is 0.09999999999999999, so a naive std would be ~1e-17, not 0.
  const s = fitStandardScaler(Array.from({ length: 10 }, () => [0.1]));
  assert.equal(s.std[0], 1);
});

test("fitStandardScaler rejects no rows and rows of the wrong width", () => {
  assert.throws(() => fitStandardScaler([]), /no rows/);
  assert.throws(() => fitStandardScaler([[1, 2]]).transform([[1]]), /row 0 has 1 columns, fitted on 2/);
});
