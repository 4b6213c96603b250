import { test } from "node:test";
import * as assert from "node:assert/strict";
import { fitKneserNey, fitKneserNeyAsync, DISCOUNT_FALLBACK } from "../../src/baselines/kneserNey";
import { kneserNeyReference } from "../support/kneserNeyReference";
import { seededRandom } from "../../src/util/seededRandom";
import { loadTsLibCorpus } from "../../src/data/loadTsLibCorpus";
import { buildCharVocab } from "../../src/data/charVocab";

const close = (a: number, b: number, what: string, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

const SNIPPET = `interface A { a: string; b?: number }\ninterface B extends A { c: "x" | "y"; d(): void }\ndeclare var a: A;\ndeclare var b: B;\n// a comment { }\n`;
/** The snippet as ids below 40 (its code points folded), so some ids never occur. */
const snippetIds = Array.from(SNIPPET, (c) => c.charCodeAt(0) % 40);

/** A seeded text over V symbols from a small Markov chain: many repeated n-grams of every length. */
function markovText(n: number, V: number, seed: number): number[] {
  const random = seededRandom(seed);
  const out = [0];
  for (let i = 1; i < n; i++) out.push(random() < 0.6 ? (out[i - 1] * 7 + 3) % V : Math.floor(random() * V));
  return out;
}

test("fitKneserNey equals the Python reference written from Chen & Goodman's formulas (1e-12): log2-probabilities, distributions, discounts", () => {
  const cases = [
    { train: snippetIds, V: 40, orders: [1, 2, 3, 5, 8], texts: [snippetIds.slice(0, 60), Array.from("declare var c: B; // x", (c) => c.charCodeAt(0) % 40)] },
    { train: markovText(3000, 12, 3), V: 13, orders: [2, 4, 7, 12], texts: [markovText(400, 13, 9), markovText(300, 12, 4)] },
  ];
  for (const { train, V, orders, texts } of cases) {
    const histories = [[], [train[0]], train.slice(0, 5), train.slice(17, 40), [V - 1, V - 1], [train[3], V - 1, train[4]]];
    for (const order of orders) {
      const ref = kneserNeyReference({ train, order, vocabSize: V, texts, histories });
      const kn = fitKneserNey(train, { order, vocabSize: V });
      const what = `V ${V}, order ${order}`;
      assert.deepEqual(kn.countOfCounts, ref.countOfCounts, `${what}: count-of-counts`);
      assert.deepEqual(kn.distinctGrams, ref.distinctGrams, `${what}: distinct n-grams`);
      assert.deepEqual(kn.discountFallback, ref.discountFallback, `${what}: fallbacks`);
      kn.discounts.forEach((d, k) => d.forEach((x, j) => close(x, ref.discounts[k][j], `${what}: D${j + 1} of order ${k + 1}`)));
      texts.forEach((t, i) => {
        const lp = kn.log2Probabilities(t);
        assert.equal(lp.length, t.length - 1);
        lp.forEach((x, j) => close(x, ref.log2[i][j], `${what}: text ${i} position ${j + 1}`));
      });
      histories.forEach((h, i) => ref.distributions[i].forEach((p, w) => close(kn.probability(h, w), p, `${what}: P(${w} | [${h}])`)));
    }
  }
});

test("every history's distribution sums to 1 over the vocabulary with no zero, at orders 1 to 20", () => {
  const train = markovText(5000, 30, 11);
  const V = 32; // ids 30 and 31 never occur
  const random = seededRandom(5);
  for (const order of [1, 3, 6, 20]) {
    const kn = fitKneserNey(train, { order, vocabSize: V });
    const histories = [[], train.slice(100, 140), train.slice(0, 3), [31, 30, 31], [...train.slice(200, 230), 31], Array.from({ length: 25 }, () => Math.floor(random() * V))];
    for (const h of histories) {
      let sum = 0;
      for (let w = 0; w < V; w++) {
        const p = kn.probability(h, w);
        assert.ok(p > 0, `order ${order}: P(${w}) = ${p}`);
        sum += p;
      }
      close(sum, 1, `order ${order}, history of ${h.length}`);
    }
  }
});

test("the discounts come from the count-of-counts as computed by hand; an unseen context backs off to the lower order; a symbol never seen gets γ/V", () => {
  // Unigram model (raw counts): symbol 0 once, 1 and 2 twice, 3 three times, 4 four times, 5 never.
  const train = [4, 3, 2, 4, 1, 3, 0, 4, 2, 3, 1, 4];
  const uni = fitKneserNey(train, { order: 1, vocabSize: 6 });
  assert.deepEqual(uni.countOfCounts, [[1, 2, 1, 1]]);
  // Y = 1/(1 + 4) = 0.2; D1 = 1 − 2·0.2·2/1 = 0.2; D2 = 2 − 3·0.2·1/2 = 1.7; D3+ = 3 − 4·0.2·1/1 = 2.2
  [0.2, 1.7, 2.2].forEach((d, j) => close(uni.discounts[0][j], d, `D${j + 1}`, 1e-15));
  assert.deepEqual(uni.discountFallback, [false]);
  const gamma = (0.2 * 1 + 1.7 * 2 + 2.2 * 2) / 12; // N1 = 1, N2 = 2 (symbols 1, 2), N3+ = 2 (symbols 3, 4)
  close(uni.probability([], 0), (1 - 0.2) / 12 + gamma / 6, "P(0)");
  close(uni.probability([], 2), (2 - 1.7) / 12 + gamma / 6, "P(2)");
  close(uni.probability([], 4), (4 - 2.2) / 12 + gamma / 6, "P(4)");
  close(uni.probability([1, 2], 5), gamma / 6, "P(5), never seen");
  // Order 3 on the same text: a history ending in 5 (never a context) gives the order-1 distribution of
  // continuation counts; a history "x 5" too (the longer context is unseen as well).
  const tri = fitKneserNey(train, { order: 3, vocabSize: 6 });
  const ref = kneserNeyReference({ train, order: 3, vocabSize: 6, histories: [[], [5], [4, 5]] });
  for (let w = 0; w < 6; w++) {
    close(tri.probability([5], w), tri.probability([], w), `P(${w} | 5) = P1(${w})`);
    close(tri.probability([4, 5], w), tri.probability([], w), `P(${w} | 4 5) = P1(${w})`);
    close(tri.probability([], w), ref.distributions[0][w], `P1(${w}) against the reference`);
  }
  // An order whose count-of-counts cannot give discounts (no n-gram seen twice) uses the fallback and says so.
  const distinct = fitKneserNey([0, 1, 2, 3, 4, 5], { order: 2, vocabSize: 6 });
  assert.deepEqual(distinct.discountFallback, [true, true]);
  assert.deepEqual(distinct.discounts, [[...DISCOUNT_FALLBACK], [...DISCOUNT_FALLBACK]]);
});

test("fitKneserNeyAsync gives the same model bit for bit, reports progress, and stops on an aborted signal", async () => {
  const train = markovText(20000, 40, 2);
  const text = markovText(2000, 40, 8);
  const sync = fitKneserNey(train, { order: 10, vocabSize: 40 });
  const phases = new Set<string>();
  const kn = await fitKneserNeyAsync(train, { order: 10, vocabSize: 40, onProgress: (p) => { phases.add(p.phase); assert.ok(p.done <= p.total); } });
  assert.deepEqual([...phases], ["counting", "contexts"]);
  assert.deepEqual(await kn.log2ProbabilitiesAsync(text), sync.log2Probabilities(text));
  assert.equal(await kn.bitsPerCharacterAsync(text), sync.bitsPerCharacter(text));
  assert.ok(kn.bytes > 0);
  const ac = new AbortController();
  ac.abort(new Error("stop here"));
  await assert.rejects(fitKneserNeyAsync(train, { order: 10, vocabSize: 40, signal: ac.signal }), /stop here/);
  await assert.rejects(kn.log2ProbabilitiesAsync(text, { signal: AbortSignal.abort(new Error("stopped scoring")) }), /stopped scoring/);
});

test("fitKneserNey refuses bad options, ids out of range and a model over the memory limit, naming what to change", () => {
  assert.throws(() => fitKneserNey([0, 1], { order: 0, vocabSize: 2 }), /fitKneserNey option order: 0, expected an integer in 1…64/);
  assert.throws(() => fitKneserNey([0, 1], { order: 2, vocabSize: 70000 }), /option vocabSize: 70000/);
  assert.throws(() => fitKneserNey([0, 1, 2], { order: 2, vocabSize: 2 }), /id 2 at position 2, expected an integer in 0…1/);
  assert.throws(() => fitKneserNey(markovText(5000, 30, 1), { order: 20, vocabSize: 30, memoryLimit: "33M" }), /memory bound: a Kneser–Ney model of order 20 on 5,000 training characters \(30 symbols\) holding [\d,]+ distinct strings may need up to .* over the memory limit of 33\.0 MiB .*use order \d+ or lower/);
  const kn = fitKneserNey([0, 1, 0], { order: 2, vocabSize: 2 });
  assert.throws(() => kn.log2Probabilities([0, 5]), /KneserNeyModel: id 5 at position 1/);
  assert.throws(() => kn.bitsPerCharacter([0]), /1 ids, expected at least 2/);
});

test("on the study's corpus (the first 20,000 training characters, the study's vocabulary) fitKneserNey at orders 7 and 20 equals the Python reference on 1,500 test characters", () => {
  const corpus = loadTsLibCorpus({ maxChars: 20_000 });
  const vocab = buildCharVocab(corpus.train, { minCount: 10 });
  const train = Array.from(vocab.encode(corpus.train));
  const text = Array.from(vocab.encode(corpus.test.slice(0, 1500)));
  for (const order of [7, 20]) {
    const ref = kneserNeyReference({ train, order, vocabSize: vocab.size, texts: [text] });
    const kn = fitKneserNey(train, { order, vocabSize: vocab.size });
    assert.deepEqual(kn.countOfCounts, ref.countOfCounts, `order ${order}`);
    assert.deepEqual(kn.discountFallback, ref.discountFallback, `order ${order}`);
    const lp = kn.log2Probabilities(text);
    lp.forEach((x, j) => close(x, ref.log2[0][j], `order ${order}, test character ${j + 1}`));
  }
});
