import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { initBackend } from "../../src/index";
import { buildCharLm } from "../../src/models/buildCharLm";
import { charLmParamCount, matchedCharLmUnits } from "../../src/models/matchedCharLmUnits";

before(() => initBackend("cpu"));

test("charLmParamCount equals buildCharLm's countParams for every cell, size and depth", () => {
  for (const cell of ["gru", "lstm", "simpleRnn"] as const) {
    for (const [units, layers, V] of [[3, 1, 5], [7, 2, 11], [4, 3, 6]]) {
      const model = buildCharLm({ vocabSize: V, units, layers, cell, timesteps: null });
      assert.equal(charLmParamCount(cell, units, layers, V), model.countParams(), `${cell} ${units}×${layers} V ${V}`);
      model.dispose();
    }
  }
});

test("matchedCharLmUnits: the units whose whole model is closest in size to the GRU model's, found by brute force", () => {
  for (const [gruUnits, layers, V] of [[128, 2, 95], [256, 2, 95], [8, 2, 71], [64, 1, 40]]) {
    const target = charLmParamCount("gru", gruUnits, layers, V);
    assert.equal(matchedCharLmUnits("gru", gruUnits, layers, V), gruUnits);
    for (const cell of ["lstm", "simpleRnn"] as const) {
      let best = 1;
      for (let h = 1; h <= 5 * gruUnits; h++) if (Math.abs(charLmParamCount(cell, h, layers, V) - target) < Math.abs(charLmParamCount(cell, best, layers, V) - target)) best = h;
      assert.equal(matchedCharLmUnits(cell, gruUnits, layers, V), best, `${cell} for GRU ${layers}×${gruUnits}, V ${V}`);
    }
  }
  // the sizes of the study of record
  assert.deepEqual([matchedCharLmUnits("lstm", 128, 2, 95), matchedCharLmUnits("simpleRnn", 128, 2, 95)], [110, 227]);
  assert.throws(() => matchedCharLmUnits("lstm", 0, 2, 95), { message: "matchedCharLmUnits: gruUnits 0, expected a positive integer" });
});
