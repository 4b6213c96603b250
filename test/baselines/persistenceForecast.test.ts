import { test } from "node:test";
import * as assert from "node:assert/strict";
import { persistenceForecast } from "../../src/baselines/persistenceForecast";

test("persistenceForecast repeats the last observed value", () => {
  assert.deepEqual(persistenceForecast([3, 5, 4], 1), [4]);
  assert.deepEqual(persistenceForecast(Float64Array.from([3, 5, 4]), 3), [4, 4, 4]);
});

test("persistenceForecast rejects an empty history and a bad horizon", () => {
  assert.throws(() => persistenceForecast([], 1), /empty history/);
  assert.throws(() => persistenceForecast([1], 0), /horizon must be a positive integer, got 0/);
});
