import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend, seededRandom } from "../../src/index";
import { buildCharLm, charVocab, sampleIndex, sampleText } from "../../src/studies/index";

const p = [0.1, 0.6, 0.05, 0.25];
const counts = (temperature: number, draws: number, seed = 1) => {
  const rand = seededRandom(seed);
  const c = [0, 0, 0, 0];
  for (let i = 0; i < draws; i++) c[sampleIndex(p, temperature, rand)]++;
  return c;
};

test("sampleIndex: temperature 0 and → 0 give the argmax; 1 follows p; → ∞ tends to uniform", () => {
  assert.equal(sampleIndex(p, 0, () => 0.99), 1);
  assert.deepEqual(counts(0.01, 2000), [0, 2000, 0, 0]); // (0.25/0.6)^100 ≈ 1e-38
  const n = 40000;
  const one = counts(1, n);
  // binomial sd ≤ sqrt(n/4) = 100: 5 sd = 500
  p.forEach((pi, i) => assert.ok(Math.abs(one[i] - n * pi) < 500, `τ=1 index ${i}: ${one[i]} vs ${n * pi}`));
  const hot = counts(1e6, n);
  hot.forEach((c, i) => assert.ok(Math.abs(c - n / 4) < 500, `τ=1e6 index ${i}: ${c} vs ${n / 4}`));
  // τ = 0.5 squares p: 0.01, 0.36, 0.0025, 0.0625 / 0.435
  const half = counts(0.5, n);
  const sq = p.map((v) => v * v), z = sq.reduce((a, b) => a + b);
  sq.forEach((v, i) => assert.ok(Math.abs(half[i] - (n * v) / z) < 500, `τ=0.5 index ${i}: ${half[i]} vs ${(n * v) / z}`));
  assert.throws(() => sampleIndex(p, -1, Math.random), /temperature -1/);
  assert.throws(() => sampleIndex([0.5, NaN], 1, Math.random), /probability NaN at index 1/);
});

test("sampleText: seeded, the asked length, never the unknown symbol; a sharp model at τ → 0 repeats what it learned", async () => {
  await initBackend();
  const vocab = charVocab(["a", "b", "c"]);
  const model = buildCharLm({ vocabSize: vocab.size, units: 8, seed: 3 });
  const before = tf.memory().numTensors;
  const a = sampleText(model, vocab, { prime: "ab", length: 40, temperature: 1, seed: 7 });
  assert.equal(tf.memory().numTensors, before, "no tensor left behind");
  const b = sampleText(model, vocab, { prime: "ab", length: 40, temperature: 1, seed: 7 });
  assert.equal(a, b);
  assert.equal(a.length, 40);
  assert.match(a, /^[abc]+$/);
  assert.notEqual(sampleText(model, vocab, { prime: "ab", length: 40, seed: 8 }), a);
  // Make the softmax ignore the GRU and always prefer "c" (id 3) by its bias: τ = 0 gives only c.
  const softmax = model.getLayer("softmax");
  const [kernel] = softmax.getWeights(); // the layer's own variables: not disposed here
  softmax.setWeights([tf.zerosLike(kernel), tf.tensor1d([0, 1, 1, 5])]);
  assert.equal(sampleText(model, vocab, { prime: "a", length: 10, temperature: 0 }), "cccccccccc");
  assert.throws(() => sampleText(model, charVocab(["a"]), {}), /predicts 4 symbols, the vocabulary has 2/);
  model.dispose();
});
