import { test } from "node:test";
import * as assert from "node:assert/strict";
import { encodeClasses } from "../../src/advanced/index";

test("encodeClasses numbers the sorted distinct names", () => {
  assert.deepEqual(encodeClasses(["sun", "rain", "fog", "sun"]), { classes: ["fog", "rain", "sun"], indices: [2, 1, 0, 2] });
});

test("encodeClasses with a given class list keeps its order and rejects unknown names by row", () => {
  assert.deepEqual(encodeClasses(["b", "a"], ["b", "a"]).indices, [0, 1]);
  assert.throws(() => encodeClasses(["a", "hail"], ["a", "b"]), /row 1 has unknown class "hail" \(known: a, b\)/);
});
