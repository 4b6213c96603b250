import { test } from "node:test";
import * as assert from "node:assert/strict";
import { holtWinters } from "../../src/baselines/holtWinters";

test("holtWinters: initial state and one update by hand (period 2, α = β = γ = 0.5)", () => {
  // y = 1, 3, 2, 6, 4. Initial state at t = 1: level (1+3)/2 = 2, trend ((2+6)/2 − 2)/2 = 1, seasonals −1, 1.
  const hw = holtWinters([1, 3, 2, 6, 4], 2, { alpha: 0.5, beta: 0.5, gamma: 0.5 });
  assert.deepEqual(hw.forecastFrom(1, 3), [2 + 1 - 1, 2 + 2 + 1, 2 + 3 - 1]);
  // t = 2, y = 2: level .5(2 + 1) + .5(2 + 1) = 3, trend .5(3 − 2) + .5·1 = 1, season .5(2 − 3) + .5(−1) = −1.
  assert.deepEqual(hw.forecastFrom(2, 3), [3 + 1 + 1, 3 + 2 - 1, 3 + 3 + 1]);
});

test("holtWinters: a forecast from t does not see values after t", () => {
  const a = holtWinters([1, 3, 2, 6, 4, 9, 7], 2, { alpha: 0.3, beta: 0.2, gamma: 0.4 });
  const b = holtWinters([1, 3, 2, 6, 4, 100, -50], 2, { alpha: 0.3, beta: 0.2, gamma: 0.4 });
  assert.deepEqual(a.forecastFrom(4, 4), b.forecastFrom(4, 4));
  assert.notDeepEqual(a.forecastFrom(5, 4), b.forecastFrom(5, 4));
});

test("holtWinters names bad input", () => {
  assert.throws(() => holtWinters([1, 2, 3], 2, { alpha: 0.5, beta: 0.5, gamma: 0.5 }), /need two cycles \(4\)/);
  assert.throws(() => holtWinters([1, 2, 3, 4], 2, { alpha: 0, beta: 0.5, gamma: 0.5 }), /parameter alpha must be in \(0, 1\]/);
  assert.throws(() => holtWinters([1, 2, 3, 4], 2, { alpha: 0.5, beta: 0.5, gamma: 0.5 }).forecastFrom(0, 1), /t must be an index in 1 … 3/);
});
