import { test } from "node:test";
import * as assert from "node:assert/strict";
import { chartRange } from "../../src/traces/gateName";

test("chartRange: the gate's range when bounded; for c symmetric over the largest |value| (NaN ignored, all zeros → [-1, 1])", () => {
  assert.deepEqual(chartRange("f", [[5]]), [0, 1]);
  assert.deepEqual(chartRange("c", [[0.5, -2.5], [NaN, 1]]), [-2.5, 2.5]);
  assert.deepEqual(chartRange("c", [[0, 0]]), [-1, 1]);
});

test("chartRange: a state or candidate beyond [-1, 1] (a GRU with h̃ = relu or linear) widens to its largest |value|; within it stays [-1, 1]", () => {
  assert.deepEqual(chartRange("hTilde", [[1.13, -0.2]]), [-1.13, 1.13]);
  assert.deepEqual(chartRange("h", [[-3, 0.1]]), [-3, 3]);
  assert.deepEqual(chartRange("h", [[0.9, -0.4]]), [-1, 1]);
  assert.deepEqual(chartRange("cTilde", [[0.2]]), [-1, 1]);
});
