import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gainByOpenerDistance } from "../../src/traces/gainByOpenerDistance";

test("gainByOpenerDistance bins closers by the distance to their opener and every character by its pending opener, with planted gains", () => {
  // "{" at 0 closed at 2 (distance 2); "(" at 4 closed at 13 (distance 9); a stray "}" at 15; other characters outside.
  const text = "{a}x(bbbbbbbb)y}z";
  const n = text.length;
  const model = new Array(n - 1).fill(-1);
  const ngram = new Array(n - 1).fill(-1);
  // Plant: the model saves 3 bits on the ")" at 13, 1 bit on the "}" at 2, nothing elsewhere except 0.5 bits on "z".
  ngram[13 - 1] = -4;
  ngram[2 - 1] = -2;
  ngram[16 - 1] = -1.5;
  const t = gainByOpenerDistance(text, model, ngram, { edges: [1, 2, 4, 8] });
  assert.deepEqual(t.closing.map((b) => [b.label, b.from, b.to, b.characters, b.meanGain]), [
    ["2–3", 2, 3, 1, 1],
    ["≥ 8", 8, null, 1, 3],
    ["unmatched", null, null, 1, 0],
  ]);
  // All characters (1 … 16): "a" (1) and "}" (2) at distances 1 and 2 from "{"; "b"×8 at 1…8 and ")" at 9 from "(";
  // "x" (3), "(" (4), "y" (14), "}" (15), "z" (16) with nothing pending.
  const all = Object.fromEntries(t.all.map((b) => [b.label, [b.characters, b.meanGain]]));
  assert.deepEqual(all, { "1": [2, 0], "2–3": [3, 1 / 3], "4–7": [4, 0], "≥ 8": [2, 3 / 2], "no pending opener": [5, 0.5 / 5] });
  assert.equal(t.closing[1].modelBits, 1);
  assert.equal(t.closing[1].ngramBits, 4);
});

test("gainByOpenerDistance refuses edges that are not increasing integers from 1", () => {
  assert.throws(() => gainByOpenerDistance("{}", [-1], [-1], { edges: [0, 4] }), /option edges: \[0, 4\], expected increasing integers from at least 1/);
  assert.throws(() => gainByOpenerDistance("{}", [-1], [-1], { edges: [1, 4, 4] }), /option edges/);
});
