import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createHash } from "crypto";
import { canonicalJson, trialId } from "../../src/sweeps/trialId";

test("trialId: sha256 of the canonical JSON (keys sorted at every depth), 12 hex digits; key order does not matter, values do", () => {
  assert.equal(canonicalJson({ b: 1, a: [2, { d: 3, c: "x" }] }), '{"a":[2,{"c":"x","d":3}],"b":1}');
  const id = trialId({ units: 64, cell: "gru", seed: 1 });
  assert.equal(id, createHash("sha256").update('{"cell":"gru","seed":1,"units":64}').digest("hex").slice(0, 12));
  assert.equal(trialId({ seed: 1, cell: "gru", units: 64 }), id);
  assert.notEqual(trialId({ seed: 2, cell: "gru", units: 64 }), id);
  assert.notEqual(trialId({ seed: "1", cell: "gru", units: 64 }), id, "1 and \"1\" are different configs");
  assert.throws(() => canonicalJson({ lr: NaN }), /NaN has no JSON form/);
});
