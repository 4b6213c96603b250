import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend, simpleRnn } from "../../src/index";
import { assertLayerParityEverywhere } from "../support/cellLayers";

before(() => initBackend("cpu"));

test("outputs and gradients (input, kernel, recurrentKernel, bias) match tf.layers.simpleRNN and float64 within 1e-5 relative (cpu and wasm, reference and fused, odd sizes, batch 1, T 1)", () => assertLayerParityEverywhere("simpleRnn", 5));

test("Keras layout (kernel [D, H], recurrentKernel [H, H], bias [H]); relu runs the reference and matches tf.layers.simpleRNN", () => {
  const [B, T, D, H] = [2, 5, 3, 4];
  const ours = simpleRnn({ units: H, activation: "relu", returnSequences: true });
  const theirs = tf.layers.simpleRNN({ units: H, activation: "relu", returnSequences: true });
  ours.build([null, null, D]);
  tf.dispose(theirs.apply(tf.zeros([1, 1, D])) as tf.Tensor);
  assert.deepEqual(ours.getWeights().map((w) => w.shape), [[D, H], [H, H], [H]]);
  theirs.setWeights(ours.getWeights());
  const x = tf.randomUniform([B, T, D], -2, 2, "float32", 3);
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(ours.apply(x) as tf.Tensor, theirs.apply(x) as tf.Tensor))).dataSync()[0]);
  assert.ok(diff <= 1e-6, `diff ${diff}`);
  assert.throws(() => simpleRnn({ units: 2, implementation: "fused", activation: "relu" }).apply(tf.zeros([1, 2, 3])),
    /activation "relu" is not supported/);
});
