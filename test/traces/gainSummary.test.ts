import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gainSummary } from "../../src/traces/gainSummary";
import { characterGains } from "../../src/traces/characterGains";

test("gainSummary: mean gain, both models' bits on the chosen characters, and an interval around the mean that narrows with more characters", () => {
  const model = [-1, -2, -0.5, -1, -3, -1];
  const ngram = [-2, -2, -1.5, -0.5, -4, -1];
  const gains = characterGains("abcdefg", model, ngram);
  const s = gainSummary(gains, model, [1, 3, 5]); // characters 1, 3, 5: entries 0, 2, 4
  assert.equal(s.characters, 3);
  assert.equal(s.meanGain, (1 + 1 + 1) / 3);
  assert.equal(s.modelBits, (1 + 0.5 + 3) / 3);
  assert.equal(s.ngramBits, (2 + 1.5 + 4) / 3);
  assert.deepEqual([s.low, s.high], [1, 1], "every resample of three equal gains has mean 1");
  const spread = gainSummary(gains, model, [1, 2, 3, 4, 5, 6]);
  assert.ok(spread.low < spread.meanGain && spread.meanGain < spread.high, JSON.stringify(spread));
  assert.throws(() => gainSummary(gains, model, []), /gainSummary: no characters/);
});
