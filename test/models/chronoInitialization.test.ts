import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend";
import { chronoInitialization } from "../../src/models/chronoInitialization";
import { buildMatchedRnn } from "../../src/studies/buildMatchedRnn";

before(() => initBackend("cpu"));

const T = 200;
const options = { gruUnits: 8, timesteps: T, inputDim: 2, outputs: 1, task: "regression" as const, seed: 4 };
const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));

test("LSTM forget bias: 1 by default (Keras), 0 with unitForgetBias false; nothing else changes", () => {
  const one = buildMatchedRnn("lstm", options), zero = buildMatchedRnn("lstm", { ...options, unitForgetBias: false });
  const H = one.layers[0].getConfig().units as number;
  const [b1, b0] = [weights(one)[2], weights(zero)[2]];
  assert.deepEqual(b1.slice(H, 2 * H), new Array(H).fill(1));
  assert.deepEqual(b0, new Array(4 * H).fill(0));
  assert.deepEqual(weights(one).slice(0, 2), weights(zero).slice(0, 2), "kernels are the same seeded draws");
  one.dispose(); zero.dispose();
});

test("chrono LSTM: b_f = log τ with τ in [1, T − 1], b_i = −b_f, c̃ and o biases 0, spread over units; kernels unchanged", () => {
  const plain = buildMatchedRnn("lstm", options), chrono = buildMatchedRnn("lstm", { ...options, chrono: true });
  const H = chrono.layers[0].getConfig().units as number;
  const b = weights(chrono)[2];
  const f = b.slice(H, 2 * H), i = b.slice(0, H);
  for (let u = 0; u < H; u++) {
    assert.ok(f[u] >= 0 && f[u] <= Math.log(T - 1) + 1e-6, `b_f[${u}] = ${f[u]} outside [0, log ${T - 1}]`);
    assert.equal(i[u], Math.fround(-f[u]));
  }
  assert.ok(new Set(f).size === H, "every unit draws its own τ");
  assert.deepEqual(b.slice(2 * H), new Array(2 * H).fill(0));
  assert.deepEqual(weights(chrono).slice(0, 2), weights(plain).slice(0, 2));
  assert.deepEqual(weights(chrono).slice(3), weights(plain).slice(3), "the head is untouched");
  plain.dispose(); chrono.dispose();
});

test("chrono GRU (reset-after and reset-before): b_z = log τ in the input row, the recurrent row's z part 0, r and h̃ biases as built", () => {
  for (const resetAfter of [true, false]) {
    const chrono = buildMatchedRnn("gru", { ...options, chrono: true, resetAfter });
    const H = 8;
    const bias = chrono.layers[0].getWeights()[2];
    assert.deepEqual(bias.shape, resetAfter ? [2, 3 * H] : [3 * H]);
    const b = Array.from(bias.dataSync());
    const z = b.slice(0, H);
    for (const v of z) assert.ok(v >= 0 && v <= Math.log(T - 1) + 1e-6, `b_z ${v}`);
    assert.ok(z.some((v) => v > 1), "some units keep their state for many steps");
    assert.deepEqual(b.slice(H, 3 * H), new Array(2 * H).fill(0));
    if (resetAfter) assert.deepEqual(b.slice(3 * H), new Array(3 * H).fill(0));
    chrono.dispose();
  }
});

test("chrono is seeded, and refused for a SimpleRNN or a bad maxLength, naming the layer or option", () => {
  const a = buildMatchedRnn("lstm", { ...options, chrono: true }), b = buildMatchedRnn("lstm", { ...options, chrono: true });
  assert.deepEqual(weights(a)[2], weights(b)[2]);
  const rnn = buildMatchedRnn("simpleRnn", options);
  assert.throws(() => chronoInitialization(rnn.layers[0], { maxLength: T }), /is a GrulabSimpleRNN; chrono initialisation needs a gated layer/);
  assert.throws(() => chronoInitialization(a.layers[0], { maxLength: 1 }), /option maxLength: 1, expected a number ≥ 2/);
  a.dispose(); b.dispose(); rnn.dispose();
});
