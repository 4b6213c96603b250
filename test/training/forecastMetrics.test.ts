import { test } from "node:test";
import * as assert from "node:assert/strict";
import { forecastMetrics } from "../../src/training/forecastMetrics";

test("forecastMetrics: all steps, one step ahead, and per step (hand-computed)", () => {
  // errors: window 0 [0, 1, 3], window 1 [−2, 0, 1]
  const m = forecastMetrics([[1, 2, 3], [4, 5, 6]], [[1, 3, 6], [2, 5, 7]]);
  assert.equal(m.mae, (0 + 1 + 3 + 2 + 0 + 1) / 6);
  assert.equal(m.rmse, Math.sqrt((0 + 1 + 9 + 4 + 0 + 1) / 6));
  assert.equal(m.mae_1, 1); // (0 + 2) / 2
  assert.equal(m.rmse_1, Math.sqrt(2)); // √((0 + 4) / 2)
  assert.deepEqual(m.maeByStep, [1, 0.5, 2]);
});

test("forecastMetrics names a shape mismatch", () => {
  assert.throws(() => forecastMetrics([[1, 2]], [[1, 2], [3, 4]]), /2 actual values but 4 predicted/);
});
