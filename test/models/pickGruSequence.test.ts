import { test } from "node:test";
import * as assert from "node:assert/strict";
import { pickGruSequence, referenceGruSequence } from "../../src/index";

test("pickGruSequence returns the reference for reference and auto; fused and unknown names fail clearly", () => {
  assert.equal(pickGruSequence("reference"), referenceGruSequence);
  assert.equal(pickGruSequence("auto"), referenceGruSequence);
  assert.throws(() => pickGruSequence("fused"), /implementation: "fused" is not available/);
  assert.throws(() => pickGruSequence("quick" as never), /implementation: "quick", expected one of reference, fused, auto/);
});
