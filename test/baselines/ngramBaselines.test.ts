import { test } from "node:test";
import * as assert from "node:assert/strict";
import { bestByValidation, fitCharNgram, ngramBaselines } from "../../src/studies/index";

test("ngramBaselines scores each order on validation and test; the quoted one is the best on validation", () => {
  const text = (n: number, seed: number) => Array.from({ length: n }, (_, i) => [1, 2, 3, 1, 2, 4][(i + seed) % 6]);
  const train = text(300, 0), validation = text(60, 1), test = text(60, 2);
  const rows = ngramBaselines(train, validation, test, { vocabSize: 5, orders: [1, 2, 3] });
  assert.deepEqual(rows.map((r) => [r.name, r.order]), [["unigram", 1], ["bigram", 2], ["trigram", 3]]);
  const tri = fitCharNgram(train, { order: 3, vocabSize: 5 });
  assert.equal(rows[2].testBpc, tri.bitsPerCharacter(test));
  assert.equal(rows[2].validationBpc, tri.bitsPerCharacter(validation));
  assert.equal(bestByValidation(rows).name, "trigram"); // the period-6 text is nearly deterministic given two characters
  assert.equal(bestByValidation([{ ...rows[0], validationBpc: 1, testBpc: 9 }, { ...rows[1], validationBpc: 2, testBpc: 0.1 }]).name, "unigram");
  assert.throws(() => ngramBaselines(train, validation, test, { vocabSize: 5, orders: [] }), /option orders: empty/);
});
