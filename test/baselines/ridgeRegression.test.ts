import { test } from "node:test";
import * as assert from "node:assert/strict";
import { fitRidgeRegression } from "../../src/baselines/ridgeRegression";
import { seededRandom } from "../../src/util/seededRandom";

test("fitRidgeRegression with l2 = 0 recovers an exact linear map for every target", () => {
  const X = [[0, 1], [1, 0], [2, 3], [3, 1], [4, 4]];
  const Y = X.map(([a, b]) => [1 + 2 * a - b, -3 + 0.5 * b]);
  const fit = fitRidgeRegression(X, Y, 0);
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-10, `${a} vs ${b}`);
  close(fit.intercept[0], 1); close(fit.intercept[1], -3);
  close(fit.weights[0][0], 2); close(fit.weights[1][0], -1); close(fit.weights[0][1], 0); close(fit.weights[1][1], 0.5);
  close(fit.predict([[10, 10]])[0][0], 11);
});

test("fitRidgeRegression satisfies the penalised normal equations, intercept unpenalised, even with collinear features", () => {
  // Columns 0 and 1 sum to column 2: rank-deficient without the penalty.
  const X = [[1, 2, 3], [0, 1, 1], [2, -1, 1], [3, 3, 6], [-1, 0, -1], [4, 1, 5], [2, 2, 4]];
  const Y = [[1, 0], [2, 1], [0, 3], [5, -1], [1, 1], [4, 2], [3, 3]];
  assert.throws(() => fitRidgeRegression(X, Y, 0), /rank-deficient/);
  const l2 = 0.7;
  const fit = fitRidgeRegression(X, Y, l2);
  const P = fit.predict(X);
  for (let k = 0; k < 2; k++) {
    const r = Y.map((y, i) => y[k] - P[i][k]);
    // d/dc: Σ r = 0; d/dw_j: Σ x_ij r_i − l2·w_j = 0.
    assert.ok(Math.abs(r.reduce((s, v) => s + v, 0)) < 1e-10);
    for (let j = 0; j < 3; j++) {
      const g = X.reduce((s, x, i) => s + x[j] * r[i], 0) - l2 * fit.weights[j][k];
      assert.ok(Math.abs(g) < 1e-10, `target ${k} feature ${j}: gradient ${g}`);
    }
  }
});

test("fitRidgeRegression names bad input", () => {
  assert.throws(() => fitRidgeRegression([[1], [2]], [[1]], 1), /2 feature rows but 1 target rows/);
  assert.throws(() => fitRidgeRegression([[1], [2, 3]], [[1], [2]], 1), /feature row 1 has 2 values/);
  assert.throws(() => fitRidgeRegression([[1], [NaN]], [[1], [2]], 1), /row 1 .*not finite/);
  assert.throws(() => fitRidgeRegression([[1]], [[1]], -1), /l2 must be/);
});

test("fitRidgeRegression solver cholesky (one factorisation for every target) agrees with the QR to 1e-10 at a probe's shape and penalty; a rank-deficient unpenalised fit is named", () => {
  const random = seededRandom(5);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rows = 600, n = 48;
  // Correlated features (a shared factor), as the units of one network are.
  const features = Array.from({ length: rows }, () => { const f = normal(); return Array.from({ length: n }, () => 0.7 * f + normal()); });
  const targets = features.map((x) => [x[0] - 2 * x[5] + 0.1 * normal(), x[3] > 0 ? 1 : 0, x.reduce((s, v) => s + v, 0) / n, Math.sin(x[7])]);
  for (const l2 of [rows, 0.02 * rows, 0]) {
    const qr = fitRidgeRegression(features, targets, l2);
    const ch = fitRidgeRegression(features, targets, l2, { solver: "cholesky" });
    const gap = Math.max(...qr.intercept.map((v, k) => Math.abs(v - ch.intercept[k])), ...qr.weights.flatMap((w, j) => w.map((v, k) => Math.abs(v - ch.weights[j][k]))));
    assert.ok(gap < 1e-10, `l2 ${l2}: largest difference ${gap}`);
    assert.notEqual(gap, 0, "another computation, not the same one");
  }
  const collinear = features.map((x) => [x[0], x[1], x[0] + x[1]]);
  assert.throws(() => fitRidgeRegression(collinear, targets, 0, { solver: "cholesky" }), /fitRidgeRegression: column 3 is \(nearly\) a combination of the others: the features are rank-deficient \(use l2 > 0\)/);
  assert.ok(Number.isFinite(fitRidgeRegression(collinear, targets, 1, { solver: "cholesky" }).weights[2][0]));
  assert.throws(() => fitRidgeRegression(features, targets, 1, { solver: "lu" as "qr" }), /option solver: "lu", expected "qr" or "cholesky"/);
});
