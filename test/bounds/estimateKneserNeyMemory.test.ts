import { test } from "node:test";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import * as assert from "node:assert/strict";
import { estimateKneserNeyMemory, KNESER_NEY_RUNTIME_ALLOWANCE, GRAM_ENTRY_BYTES, GRAM_TABLE_GROWTH, GRAM_TABLE_MAX_LOAD } from "../../src/bounds/estimateKneserNeyMemory";
import { fitKneserNey } from "../../src/baselines/kneserNey";
import { seededRandom } from "../../src/util/seededRandom";
import { distinctGramCounts } from "../../src/bounds/distinctGramCounts";

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

test("with the distinct strings counted, the bound is the tables' growth replayed: above what every fit holds, and a few percent above it instead of several times", () => {
  const random = seededRandom(6);
  const texts = [
    Array.from({ length: 30000 }, () => Math.floor(random() * 90)),
    Array.from({ length: 30000 }, (_, i) => (i * 7) % 13),
    Array.from({ length: 30000 }, (_, i) => (i % 997 < 700 ? (i % 997) % 31 : Math.floor(random() * 90))),
  ];
  for (const ids of texts) {
    for (const order of [1, 3, 12, 20]) {
      const kn = fitKneserNey(ids, { order, vocabSize: 90 });
      const counted = distinctGramCounts(ids, order);
      const tight = estimateKneserNeyMemory({ characters: ids.length, order, vocabSize: 90, distinctGrams: counted });
      const worst = estimateKneserNeyMemory({ characters: ids.length, order, vocabSize: 90 });
      assert.deepEqual([1, ...counted].reduce((a, b) => a + b, 0), tight.distinctGramsAtMost);
      assert.ok(kn.bytes <= tight.bytes, `order ${order}: the fit holds ${kn.bytes} bytes, over the bound ${tight.bytes}`);
      if (order >= 12) assert.ok(tight.bytes - KNESER_NEY_RUNTIME_ALLOWANCE < worst.bytes, `order ${order}: ${tight.bytes} (with the runtime allowance) vs the worst case ${worst.bytes}`);
      // Above the model's own arrays: one growing table, the text (2 bytes a symbol), the counting pass (20 bytes a symbol), the runtime's allowance.
      assert.ok(tight.bytes - kn.bytes <= 22 * ids.length + 0.6 * kn.bytes + 64 * 1024 + KNESER_NEY_RUNTIME_ALLOWANCE, `order ${order}: ${tight.bytes} vs ${kn.bytes}`);
    }
  }
  assert.throws(() => estimateKneserNeyMemory({ characters: 10, order: 3, vocabSize: 2, distinctGrams: [2, 3] }), /option distinctGrams must hold 3 counts ≥ 0 \(lengths 1 … order\), got 2/);
});

test("the counted bound is above the peak RSS a fit adds to a fresh process, on 20,000 and 200,000 corpus characters (child processes)", () => {
  for (const [characters, order] of [[20000, 20], [200000, 7], [200000, 20]]) {
    const r = spawnSync(process.execPath, [path.join(__dirname, "kneserNeyRssChild.js"), String(characters), String(order)], { encoding: "utf8", timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    const m = JSON.parse(r.stdout.trim().split("\n").pop()!) as { before: number; peak: number; bound: number; arrays: number };
    const grew = m.peak - m.before;
    assert.ok(grew <= m.bound, `${characters} characters, order ${order}: RSS grew ${(grew / 2 ** 20).toFixed(1)} MiB, over the bound ${(m.bound / 2 ** 20).toFixed(1)} MiB`);
    assert.ok(m.arrays < grew, "the arrays are part of what the RSS grew by (the measurement sees the fit)");
  }
});
