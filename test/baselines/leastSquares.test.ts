import { test } from "node:test";
import * as assert from "node:assert/strict";
import { leastSquares } from "../../src/baselines/leastSquares";
import { seededRandom } from "../../src/util/seededRandom";
import { solveNormalEquations } from "../support/normalEquations";

test("leastSquares fits a line through points exactly on it", () => {
  const x = leastSquares([[1, 0], [1, 1], [1, 2]], [1, 3, 5]);
  assert.ok(Math.abs(x[0] - 1) < 1e-12 && Math.abs(x[1] - 2) < 1e-12, String(x));
});

test("leastSquares on a hand case: the mean minimises squared error", () => {
  // A = column of ones: the least-squares solution is the mean of b.
  const x = leastSquares([[1], [1], [1], [1]], [1, 2, 3, 10]);
  assert.ok(Math.abs(x[0] - 4) < 1e-12);
});

test("leastSquares agrees with the normal equations AᵀA·x = Aᵀb solved by Gaussian elimination", () => {
  const rand = seededRandom(7);
  const A = Array.from({ length: 40 }, () => Array.from({ length: 5 }, () => rand() * 2 - 1));
  const b = Array.from({ length: 40 }, () => rand() * 10 - 5);
  const qr = leastSquares(A, b);
  const ne = solveNormalEquations(A, b);
  qr.forEach((v, i) => assert.ok(Math.abs(v - ne[i]) < 1e-10, `coefficient ${i}: ${v} vs ${ne[i]}`));
  // and the residual is orthogonal to every column (the defining property)
  for (let j = 0; j < 5; j++) {
    const dot = A.reduce((s, row, i) => s + row[j] * (b[i] - row.reduce((t, a, k) => t + a * qr[k], 0)), 0);
    assert.ok(Math.abs(dot) < 1e-9, `column ${j}: ${dot}`);
  }
});

test("leastSquares rejects wrong shapes and a rank-deficient matrix", () => {
  assert.throws(() => leastSquares([[1, 2]], [1]), /1 rows for 2 unknowns/);
  assert.throws(() => leastSquares([[1], [2]], [1]), /A has 2 rows but b has 1/);
  assert.throws(() => leastSquares([[1, 2], [2, 4], [3, 6]], [1, 2, 3]), /column 1 .*rank-deficient/);
  assert.throws(() => leastSquares([[1, 2], [3]], [1, 2]), /row 1 has 1 columns, expected 2/);
});
