import { test } from "node:test";
import * as assert from "node:assert/strict";
import { oneHot } from "../../src/advanced/index";

test("oneHot puts a single 1 at the label's column", () => {
  assert.deepEqual(oneHot([2, 0, 1], 3), [[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
  assert.deepEqual(oneHot([], 4), []);
});

test("oneHot rejects labels outside [0, numClasses) naming the row", () => {
  assert.throws(() => oneHot([0, 3], 3), /label 1 is 3, expected an integer in \[0, 3\)/);
  assert.throws(() => oneHot([0.5], 3), /label 0 is 0.5/);
});
