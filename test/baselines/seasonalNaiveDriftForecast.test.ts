import { test } from "node:test";
import * as assert from "node:assert/strict";
import { meanChangePerPeriod, seasonalNaiveDriftForecast } from "../../src/baselines/seasonalNaiveDriftForecast";

test("seasonalNaiveDriftForecast: the same season a cycle back plus one change per cycle ahead (by hand)", () => {
  // period 4, history ends at index 5 (value 60); k = 1…6 look back to indices 2,3,4,5 (+1 change) then 2,3 (+2 changes).
  const history = [10, 20, 30, 40, 50, 60];
  assert.deepEqual(seasonalNaiveDriftForecast(history, 4, 6, 5), [35, 45, 55, 65, 40, 50]);
  assert.deepEqual(seasonalNaiveDriftForecast(history, 4, 2, 0), [30, 40]);
});

test("meanChangePerPeriod: (last − first)/(n − 1)·period", () => {
  assert.equal(meanChangePerPeriod([1, 1.5, 1.2, 4], 12), 12);
  assert.throws(() => meanChangePerPeriod([1], 12), /at least 2/);
});

test("seasonalNaiveDriftForecast names bad options", () => {
  assert.throws(() => seasonalNaiveDriftForecast([1, 2], 4, 1, 0), /history has 2 values, period 4/);
  assert.throws(() => seasonalNaiveDriftForecast([1, 2], 1, 0, 0), /horizon must be a positive integer/);
  assert.throws(() => seasonalNaiveDriftForecast([1, 2], 1, 1, NaN), /changePerPeriod/);
});
