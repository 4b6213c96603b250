import { test } from "node:test";
import * as assert from "node:assert/strict";
import { codeFeatures } from "../../src/studies/index";

test("codeFeatures: brace depth, column, strings and comments of each character (hand-labelled)", () => {
  const text = 'a {"{" /*}*/\n b: \'x\\\'\' // }\n}';
  const f = codeFeatures(text);
  const show = (v: Float32Array) => Array.from(v).join("");
  // index: a␠{"{"␠/*}*/⏎ = 0…12, ␠b:␠'x\''␠//␠}⏎ = 13…27, } = 28
  assert.equal(text.length, 29);
  assert.equal(show(f.braceDepth),    "0" + "0" + "1".repeat(26) + "0");
  assert.equal(show(f.insideString),  "000111" + "0".repeat(11) + "11111" + "0".repeat(7));
  assert.equal(show(f.insideComment), "0".repeat(7) + "11111" + "0".repeat(11) + "1111" + "00");
  assert.deepEqual(Array.from(f.positionInLine), [...Array.from({ length: 13 }, (_, i) => i), ...Array.from({ length: 15 }, (_, i) => i), 0]);
});

test("codeFeatures: '/*/' does not close a block comment; an unterminated quote ends at the line's end; depth never goes below 0", () => {
  const f = codeFeatures("/*/ x */}\n'ab\ny");
  assert.equal(Array.from(f.insideComment).join(""), "1".repeat(8) + "0".repeat(7));
  assert.equal(Array.from(f.braceDepth).every((d) => d === 0), true);
  assert.equal(Array.from(f.insideString).join(""), "000000000011100");
});
