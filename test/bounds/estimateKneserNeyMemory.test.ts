import { test } from "node:test";
import * as assert from "node:assert/strict";
import { estimateKneserNeyMemory, GRAM_ENTRY_BYTES, GRAM_TABLE_GROWTH, GRAM_TABLE_MAX_LOAD } from "../../src/bounds/estimateKneserNeyMemory";
import { fitKneserNey } from "../../src/baselines/kneserNey";
import { seededRandom } from "../../src/util/seededRandom";

test("estimateKneserNeyMemory bounds the distinct strings by min(n − k + 1, V^k) per length, by hand", () => {
  // n = 10, V = 2, order 3: lengths 1, 2, 3 hold at most 2, 4, 8 (the text allows 10, 9, 8), plus the empty context.
  const { distinctGramsAtMost, bytes } = estimateKneserNeyMemory({ characters: 10, order: 3, vocabSize: 2 });
  assert.equal(distinctGramsAtMost, 1 + 2 + 4 + 8);
  const perEntry = GRAM_ENTRY_BYTES * GRAM_TABLE_GROWTH + 8 / GRAM_TABLE_MAX_LOAD;
  assert.equal(bytes, Math.ceil(15 * perEntry + 8 * GRAM_ENTRY_BYTES + 2 * 10));
  // Large n: lengths 1–3 are bounded by V^k (95³ = 857,375 < 10⁶), the longer ones by the text.
  assert.equal(estimateKneserNeyMemory({ characters: 1_000_000, order: 20, vocabSize: 95 }).distinctGramsAtMost, 1 + 95 + 95 ** 2 + 95 ** 3 + Array.from({ length: 17 }, (_, j) => 1_000_000 - (j + 4) + 1).reduce((a, b) => a + b, 0));
  assert.throws(() => estimateKneserNeyMemory({ characters: 10, order: 0, vocabSize: 2 }), /option order must be an integer ≥ 1, got 0/);
  assert.throws(() => estimateKneserNeyMemory({ characters: -1, order: 2, vocabSize: 2 }), /option characters must be an integer ≥ 0, got -1/);
});

test("the bound holds: a fitted model's arrays stay below it, on random text (every string distinct) and repetitive text", () => {
  const random = seededRandom(3);
  const texts = [Array.from({ length: 20000 }, () => Math.floor(random() * 90)), Array.from({ length: 20000 }, (_, i) => (i * 7) % 13)];
  for (const ids of texts) {
    for (const order of [3, 12]) {
      const kn = fitKneserNey(ids, { order, vocabSize: 90 });
      const bound = estimateKneserNeyMemory({ characters: ids.length, order, vocabSize: 90 }).bytes;
      assert.ok(kn.bytes <= bound, `order ${order}: ${kn.bytes} > ${bound}`);
    }
  }
});
