import { test } from "node:test";
import * as assert from "node:assert/strict";
import { kneserNeyBaselines } from "../../src/baselines/kneserNeyBaselines";
import { fitKneserNey } from "../../src/baselines/kneserNey";
import { loadTsLibCorpus } from "../../src/data/loadTsLibCorpus";
import { buildCharVocab } from "../../src/data/charVocab";

const corpus = loadTsLibCorpus({ maxChars: 30_000 });
const vocab = buildCharVocab(corpus.train, { minCount: 10 });
const [train, validation, testIds] = [corpus.train, corpus.validation, corpus.test].map((t) => vocab.encode(t));

test("kneserNeyBaselines scores each order as fitKneserNey does and keeps the model with the lowest validation bpc", async () => {
  const lines: string[] = [];
  const { rows, best } = await kneserNeyBaselines(train, validation, testIds, { vocabSize: vocab.size, orders: [2, 6, 3], log: (l) => lines.push(l), logEverySeconds: 0 });
  assert.deepEqual(rows.map((r) => r.order), [2, 6, 3]);
  for (const r of rows) {
    const kn = fitKneserNey(train, { order: r.order, vocabSize: vocab.size });
    assert.equal(r.validationBpc, kn.bitsPerCharacter(validation));
    assert.equal(r.testBpc, kn.bitsPerCharacter(testIds));
    assert.equal(r.distinctGrams, kn.distinctGrams[r.order - 1]);
    assert.deepEqual(r.discountFallbackOrders, kn.discountFallback.flatMap((f, k) => (f ? [k + 1] : [])));
    assert.equal(r.name, `${r.order}-gram (modified Kneser–Ney)`);
  }
  const lowest = rows.reduce((a, b) => (b.validationBpc < a.validationBpc ? b : a));
  assert.equal(best.order, lowest.order);
  assert.ok(lines.some((l) => /6-gram \(modified Kneser–Ney\): fitted in \d+ s; scoring/.test(l)), lines.join("\n"));
});

test("kneserNeyBaselines refuses no orders and stops on an aborted signal", async () => {
  await assert.rejects(kneserNeyBaselines(train, validation, testIds, { vocabSize: vocab.size, orders: [] }), /option orders: empty/);
  await assert.rejects(kneserNeyBaselines(train, validation, testIds, { vocabSize: vocab.size, signal: AbortSignal.abort(new Error("interrupted")) }), /interrupted/);
});
