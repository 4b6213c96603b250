import { test } from "node:test";
import * as assert from "node:assert/strict";
import { GATE_NAMES, gateLabel, gateRange } from "../../src/advanced/index";
import { chartRange } from "../../src/traces/gateName";

test("gate ranges follow the activations: sigmoid gates in [0, 1], tanh candidates and h in [-1, 1], the LSTM's c unbounded", () => {
  assert.deepEqual(GATE_NAMES, ["z", "r", "hTilde", "i", "f", "cTilde", "o", "c", "h"]);
  assert.deepEqual(GATE_NAMES.map(gateRange), [[0, 1], [0, 1], [-1, 1], [0, 1], [0, 1], [-1, 1], [0, 1], [-Infinity, Infinity], [-1, 1]]);
  assert.equal(gateLabel("z"), "update gate z");
  assert.equal(gateLabel("f"), "forget gate f");
  assert.equal(gateLabel("c"), "cell state c");
});

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
