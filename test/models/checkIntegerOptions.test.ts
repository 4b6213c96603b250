import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkIntegerOptions } from "../../src/models/checkIntegerOptions";

test("checkIntegerOptions passes integers ≥ min and names the first bad option with its builder, minimum and value", () => {
  checkIntegerOptions("buildX", [["units", 1, 1], ["hidden", 0, 0], ["vocabSize", 2, 2]]);
  assert.throws(() => checkIntegerOptions("buildX", [["units", 4, 1], ["hidden", -1, 0]]), /^Error: buildX: option hidden must be an integer ≥ 0, got -1$/);
  assert.throws(() => checkIntegerOptions("buildX", [["units", 1.5, 1]]), /option units must be an integer ≥ 1, got 1\.5/);
  assert.throws(() => checkIntegerOptions("buildX", [["units", "8", 1]]), /option units must be an integer ≥ 1, got 8/);
  assert.throws(() => checkIntegerOptions("buildX", [["units", undefined, 1], ["seed", NaN, 0]]), /option units must be an integer ≥ 1, got undefined/);
});
