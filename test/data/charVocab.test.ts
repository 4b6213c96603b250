import { test } from "node:test";
import * as assert from "node:assert/strict";
import { buildCharVocab, charVocab } from "../../src/studies/index";

test("buildCharVocab keeps characters seen minCount times (code-point order, from id 1); rarer ones map to id 0", () => {
  const vocab = buildCharVocab("bbbaaa c\n\n\nzz", { minCount: 3 });
  assert.deepEqual(vocab.chars, ["\u0000", "\n", "a", "b"]);
  assert.equal(vocab.size, 4);
  assert.deepEqual(vocab.labels, ["<unk>", "\\n", "a", "b"]);
  assert.deepEqual([...vocab.encode("ab\nzc")], [2, 3, 1, 0, 0]);
  assert.equal(vocab.decode([2, 3, 1, 0]), "ab\n\uFFFD");
  assert.equal(vocab.decode(vocab.encode("a\nb")), "a\nb");
});

test("charVocab handles characters outside the BMP as one symbol; errors name the entry or position", () => {
  const vocab = charVocab(["😀", "x"]);
  assert.deepEqual([...vocab.encode("x😀y")], [2, 1, 0]);
  assert.deepEqual(charVocab([",", '"', " ", "\t"]).labels, ["<unk>", "comma", "quote", "space", "\\t"]);
  assert.throws(() => vocab.decode([1, 3]), /id 3 at position 1, expected an integer in 0…2/);
  assert.throws(() => charVocab(["a", "bc"]), /entry 1 is "bc", expected one character/);
  assert.throws(() => charVocab(["a", "a"]), /"a" appears twice \(entries 0 and 1\)/);
  assert.throws(() => buildCharVocab("a", { minCount: 0 }), /option minCount: 0/);
});
