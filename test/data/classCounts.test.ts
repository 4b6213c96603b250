import { test } from "node:test";
import * as assert from "node:assert/strict";
import { classCounts } from "../../src/advanced/index";

test("classCounts counts each class and formats counts with percentages", () => {
  const c = classCounts([1, 1, 0, 1], ["rain", "sun", "snow"]);
  assert.deepEqual(c.counts, [1, 3, 0]);
  assert.equal(c.text, "rain 1 (25.0%), sun 3 (75.0%), snow 0 (0.0%)");
});
