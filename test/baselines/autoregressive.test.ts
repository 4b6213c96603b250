import { test } from "node:test";
import * as assert from "node:assert/strict";
import { fitAutoregressive } from "../../src/baselines/autoregressive";
import { seededRandom } from "../../src/util/seededRandom";
import { solveNormalEquations } from "../support/normalEquations";

// A hand-made AR(2) series with noise: y_t = 0.5 + 0.6·y_{t−1} − 0.2·y_{t−2} + ε_t.
const rand = seededRandom(3);
const series = [1, 2];
for (let t = 2; t < 200; t++) series.push(0.5 + 0.6 * series[t - 1] - 0.2 * series[t - 2] + (rand() - 0.5));

test("fitAutoregressive equals the least-squares solution of the lag equations (normal equations, computed here)", () => {
  const ar = fitAutoregressive(series, 3);
  const A: number[][] = [];
  const b: number[] = [];
  for (let t = 3; t < series.length; t++) {
    A.push([1, series[t - 1], series[t - 2], series[t - 3]]);
    b.push(series[t]);
  }
  const [c, ...a] = solveNormalEquations(A, b);
  assert.ok(Math.abs(ar.intercept - c) < 1e-9, `${ar.intercept} vs ${c}`);
  a.forEach((v, k) => assert.ok(Math.abs(ar.coefficients[k] - v) < 1e-9, `a${k + 1}: ${ar.coefficients[k]} vs ${v}`));
  assert.equal(ar.order, 3);
});

test("fitAutoregressive recovers the coefficients of a noiseless AR(2) and forecasts it exactly", () => {
  const y = [1, -1];
  for (let t = 2; t < 30; t++) y.push(0.3 + 1.2 * y[t - 1] - 0.5 * y[t - 2]);
  const ar = fitAutoregressive(y.slice(0, 20), 2);
  assert.ok(Math.abs(ar.intercept - 0.3) < 1e-9 && Math.abs(ar.coefficients[0] - 1.2) < 1e-9 && Math.abs(ar.coefficients[1] + 0.5) < 1e-9);
  const f = ar.forecast(y.slice(0, 20), 10);
  f.forEach((v, k) => assert.ok(Math.abs(v - y[20 + k]) < 1e-8, `step ${k + 1}: ${v} vs ${y[20 + k]}`));
});

test("AR forecasts several steps ahead by feeding forecasts back (hand-computed)", () => {
  // y_t = 1 + 0.5·y_{t−1}, fitted without noise; from y = 4: 3, 2.5, 2.25
  const y = [4];
  for (let t = 1; t < 10; t++) y.push(1 + 0.5 * y[t - 1]);
  const ar = fitAutoregressive(y, 1);
  const f = ar.forecast([4], 3);
  [3, 2.5, 2.25].forEach((v, k) => assert.ok(Math.abs(f[k] - v) < 1e-9, `step ${k + 1}: ${f[k]}`));
});

test("fitAutoregressive without an intercept", () => {
  const y = [1];
  for (let t = 1; t < 10; t++) y.push(0.9 * y[t - 1]);
  const ar = fitAutoregressive(y, 1, { intercept: false });
  assert.equal(ar.intercept, 0);
  assert.ok(Math.abs(ar.coefficients[0] - 0.9) < 1e-12);
});

test("fitAutoregressive errors name the problem", () => {
  assert.throws(() => fitAutoregressive([1, 2, 3], 0), /order must be a positive integer/);
  assert.throws(() => fitAutoregressive([1, 2, 3], 2), /3 values give 1 equations for 3 unknowns/);
  assert.throws(() => fitAutoregressive([1, NaN, 3, 4, 5], 1), /value 1 of the series is NaN/);
  assert.throws(() => fitAutoregressive(series, 2).forecast([1], 1), /history has 1 values, AR\(2\) needs 2/);
});
