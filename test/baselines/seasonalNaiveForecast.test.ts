import { test } from "node:test";
import * as assert from "node:assert/strict";
import { seasonalNaiveForecast } from "../../src/baselines/seasonalNaiveForecast";

test("seasonalNaiveForecast repeats the last full season, wrapping beyond one period", () => {
  // period 3: the last season is [4, 5, 6]; steps 1..7 ahead read 4, 5, 6, 4, 5, 6, 4.
  assert.deepEqual(seasonalNaiveForecast([1, 2, 3, 4, 5, 6], 3, 7), [4, 5, 6, 4, 5, 6, 4]);
  // a history whose length is not a multiple of the period: y_{t+k-p·ceil(k/p)}
  assert.deepEqual(seasonalNaiveForecast([10, 11, 12, 13, 14], 3, 2), [12, 13]);
});

test("seasonalNaiveForecast with period 1 is persistence", () => {
  assert.deepEqual(seasonalNaiveForecast([7, 8, 9], 1, 3), [9, 9, 9]);
});

test("seasonalNaiveForecast on a monthly sine with a whole number of cycles is exact", () => {
  const y = Array.from({ length: 48 }, (_, t) => Math.sin((2 * Math.PI * t) / 12));
  const forecast = seasonalNaiveForecast(y.slice(0, 36), 12, 12);
  forecast.forEach((v, k) => assert.ok(Math.abs(v - y[36 + k]) < 1e-12, `step ${k + 1}`));
});

test("seasonalNaiveForecast rejects a history shorter than a period", () => {
  assert.throws(() => seasonalNaiveForecast([1, 2], 3, 1), /history has 2 values, period 3 needs 3/);
  assert.throws(() => seasonalNaiveForecast([1, 2], 0, 1), /period must be a positive integer/);
});
