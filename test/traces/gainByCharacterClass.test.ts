import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gainByCharacterClass } from "../../src/traces/gainByCharacterClass";

test("gainByCharacterClass groups letters, digits and white space, keeps other characters apart, and sorts by mean gain", () => {
  const text = "xaB1 ;\n;a";
  const n = text.length;
  const model = new Array(n - 1).fill(-1);
  const ngram = new Array(n - 1).fill(-1);
  ngram[5 - 1] = -3; // ";" at 5: +2
  ngram[7 - 1] = -2; // ";" at 7: +1
  ngram[1 - 1] = -0.5; // "a" at 1: −0.5
  const rows = gainByCharacterClass(text, model, ngram, { minCharacters: 1 });
  assert.deepEqual(rows.map((r) => [r.characterClass, r.characters, r.meanGain, r.totalGain]), [
    [";", 2, 1.5, 3],
    ["upper-case letter", 1, 0, 0],
    ["digit", 1, 0, 0],
    ["space", 1, 0, 0],
    ["newline", 1, 0, 0],
    ["lower-case letter", 2, -0.25, -0.5],
  ]);
  assert.deepEqual(gainByCharacterClass(text, model, ngram, { minCharacters: 2 }).map((r) => r.characterClass), [";", "lower-case letter"]);
  assert.throws(() => gainByCharacterClass(text, model, ngram, { minCharacters: 0 }), /option minCharacters: 0/);
});
