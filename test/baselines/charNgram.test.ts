import { test } from "node:test";
import * as assert from "node:assert/strict";
import { fitCharNgram, fitCharNgramAsync } from "../../src/studies/index";

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

test("fitCharNgram: interpolated absolute discounting on a hand case (text abab, V = 3, D = 0.5)", () => {
  const ids = [1, 2, 1, 2]; // a b a b; id 0 never seen
  const uni = fitCharNgram(ids, { order: 1, vocabSize: 3, discount: 0.5 });
  // N = 4, T = 2: P(a) = (2 − 0.5)/4 + 0.5·2/4 · 1/3 = 0.375 + 1/12; P(unk) = 1/12
  close(uni.probability([], 1), 0.375 + 1 / 12, "P(a)");
  close(uni.probability([2, 2], 0), 1 / 12, "P(unk)");
  const bi = fitCharNgram(ids, { order: 2, vocabSize: 3, discount: 0.5 });
  // contexts: a → {b: 2}, b → {a: 1}. P(b | a) = (2 − 0.5)/2 + 0.5·1/2 · P1(b) = 0.75 + 0.25·(0.375 + 1/12)
  close(bi.probability([1], 2), 0.75 + 0.25 * (0.375 + 1 / 12), "P(b|a)");
  // P(a | a): no count: 0 + 0.25 · P1(a)
  close(bi.probability([1], 1), 0.25 * (0.375 + 1 / 12), "P(a|a)");
  // history "unk" was never a context: falls back to the unigram
  close(bi.probability([0], 2), 0.375 + 1 / 12, "P(b|unk)");
  // bits per character of "ab a": predicts b|a, a|b
  const pba = bi.probability([1], 2), pab = bi.probability([2], 1);
  close(bi.bitsPerCharacter([1, 2, 1]), -(Math.log2(pba) + Math.log2(pab)) / 2, "bpc");
});

test("fitCharNgram's probabilities sum to 1 over the vocabulary for seen, unseen and short histories", () => {
  const text = Array.from("the cat sat on the mat; the bat ate the hat", (c) => c.charCodeAt(0) % 20);
  const m = fitCharNgram(text, { order: 4, vocabSize: 20 });
  for (const history of [[], [text[0]], text.slice(0, 3), text.slice(5, 10), [19, 19, 19], [text[3], 19, text[4]]]) {
    let sum = 0;
    for (let w = 0; w < 20; w++) {
      const p = m.probability(history, w);
      assert.ok(p > 0, `P(${w} | ${history}) = ${p}`);
      sum += p;
    }
    close(sum, 1, `sum over history [${history}]`);
  }
  // more context helps on the training text itself
  const bpc = [1, 2, 3, 4].map((order) => fitCharNgram(text, { order, vocabSize: 20 }).bitsPerCharacter(text));
  for (let k = 1; k < bpc.length; k++) assert.ok(bpc[k] < bpc[k - 1], `order ${k + 1}: ${bpc}`);
});

test("fitCharNgram errors name the option or the position", () => {
  assert.throws(() => fitCharNgram([1, 5], { vocabSize: 3 }), /id 5 at position 1, expected an integer in 0…2/);
  assert.throws(() => fitCharNgram([1], { vocabSize: 3, discount: 1 }), /option discount: 1/);
  assert.throws(() => fitCharNgram([1], { vocabSize: 3, order: 0 }), /option order: 0/);
});

test("fitCharNgramAsync gives the model fitCharNgram gives (bitwise), reports its progress and stops within a slice once aborted", async () => {
  const text = Array.from({ length: 30_000 }, (_, i) => ((i * 7919) ^ (i >> 3)) % 23);
  const sync = fitCharNgram(text, { order: 5, vocabSize: 23 });
  const progress: number[] = [];
  const sliced = await fitCharNgramAsync(text, { order: 5, vocabSize: 23, onProgress: (p) => { assert.equal(p.total, 30_000); progress.push(p.counted); } });
  assert.deepEqual(progress, [8192, 16384, 24576, 30000]);
  for (const history of [[], text.slice(0, 4), text.slice(100, 103), [22, 22, 22, 22]]) {
    for (let w = 0; w < 23; w++) assert.equal(sliced.probability(history, w), sync.probability(history, w));
  }
  const held = text.slice(20_000);
  assert.equal(await sliced.bitsPerCharacterAsync(held), sync.bitsPerCharacter(held));
  await assert.rejects(sliced.bitsPerCharacterAsync([1]), /CharNgram.bitsPerCharacterAsync: 1 ids, expected at least 2/);

  // A fit of several seconds (order 12 over 3 million characters) stops within ~100 ms of the abort.
  const long = new Uint8Array(3_000_000).map((_, i) => (i * 2654435761) % 97);
  const controller = new AbortController();
  let counted = 0;
  const aborted = Date.now();
  setTimeout(() => controller.abort(new Error("stop now")), 150);
  await assert.rejects(fitCharNgramAsync(long, { order: 12, vocabSize: 97, signal: controller.signal, onProgress: (p) => { counted = p.counted; } }), /stop now/);
  const took = Date.now() - aborted;
  assert.ok(counted > 0 && counted < long.length, `counted ${counted} of ${long.length} before the abort`);
  assert.ok(took < 1500, `stopped ${took} ms after the fit began (abort at 150 ms)`);
  // Aborted before it starts: nothing is counted.
  await assert.rejects(fitCharNgramAsync(text, { vocabSize: 23, signal: AbortSignal.abort(new Error("already")) }), /already/);
});
