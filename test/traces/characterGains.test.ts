import { test } from "node:test";
import * as assert from "node:assert/strict";
import { characterGains } from "../../src/traces/characterGains";

test("characterGains: gain[j] = model − n-gram log₂ p of character j (entry j − 1), NaN for the first character", () => {
  const g = characterGains("abc", [-1, -0.5], [-3, -0.25]);
  assert.ok(Number.isNaN(g[0]));
  assert.deepEqual([...g.slice(1)], [2, -0.25]);
});

test("characterGains refuses mismatched lengths and values that are not log-probabilities, naming them", () => {
  assert.throws(() => characterGains("abc", [-1], [-1, -1]), /modelLog2 has 1 values, expected text length − 1 = 2/);
  assert.throws(() => characterGains("abc", [-1, -1], [-1, 0.5]), /ngramLog2\[1\] = 0.5, expected a finite log₂-probability ≤ 0/);
  assert.throws(() => characterGains("abc", [-1, -Infinity], [-1, -1]), /modelLog2\[1\] = -Infinity/);
  assert.throws(() => characterGains("a", [], []), /a text of 1 characters, expected at least 2/);
});
