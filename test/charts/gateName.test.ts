import { test } from "node:test";
import * as assert from "node:assert/strict";
import { GATE_NAMES, gateLabel, gateRange } from "../../src/index";
import { chartRange } from "../../src/charts/gateName";

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
