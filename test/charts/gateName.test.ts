import { test } from "node:test";
import * as assert from "node:assert/strict";
import { GATE_NAMES, gateLabel, gateRange } from "../../src/index";

test("gate ranges follow the activations: sigmoid gates in [0, 1], tanh states in [-1, 1]", () => {
  assert.deepEqual(GATE_NAMES, ["z", "r", "hTilde", "h"]);
  assert.deepEqual(GATE_NAMES.map(gateRange), [[0, 1], [0, 1], [-1, 1], [-1, 1]]);
  assert.equal(gateLabel("z"), "update gate z");
});
