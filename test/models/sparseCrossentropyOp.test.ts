import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { lossOpParity } from "../support/lossOpParity";
import { initBackend } from "../../src/index";
import { sparseCrossentropyOp } from "../../src/models/sparseCrossentropyOp";
import { maxRelativeError, randomArray, randomSource } from "../support/gruTestReferences";

// Rows of probabilities (softmax of random logits), with edge rows: a one-hot row (clipped at both
// ends), a row holding an exact 0 at its label, and a label outside the vocabulary.
function batch(rows: number, V: number, seed: number) {
  const rand = randomSource(seed);
  const p = tf.softmax(tf.tensor2d(randomArray(rows * V, rand, 3), [rows, V])).arraySync();
  const labels = Array.from({ length: rows }, () => Math.floor((rand() + 1) / 2 * V) % V);
  p[0] = Array.from({ length: V }, (_, j) => (j === labels[0] ? 1 : 0));
  p[1][labels[1]] = 0;
  labels[2] = V + 3;
  return { p: tf.tensor3d(p.flat(), [2, rows / 2, V]), labels: tf.tensor3d(labels, [2, rows / 2, 1]) };
}

test("sparseCrossentropyOp: the same per-step losses and gradient as tfjs's sparseCategoricalCrossentropy (≤ 1e-5 relative), clipped rows and a label outside the vocabulary included", async () => {
  await initBackend();
  const { p, labels } = batch(12, 7, 3);
  const weights = tf.tensor2d(randomArray(12, randomSource(5)), [2, 6]);
  const { fast, plain } = lossOpParity(sparseCrossentropyOp, "sparseCategoricalCrossentropy", labels, p, weights);
  assert.equal(fast.losses.length, 12);
  assert.ok(maxRelativeError(fast.losses, plain.losses) <= 1e-5, `losses: ${maxRelativeError(fast.losses, plain.losses)}`);
  assert.ok(maxRelativeError(fast.grad, plain.grad) <= 1e-5, `gradient: ${maxRelativeError(fast.grad, plain.grad)}`);
  assert.equal(fast.losses[2], 0); // label outside the vocabulary
  assert.ok(fast.losses[1] > 15, "an exact 0 at the label costs −ln ε");
});

test("sparseCrossentropyOp matches a float64 reference −ln(p_l / Σp) and its gradient on unclipped rows", async () => {
  await initBackend();
  const rows = 8, V = 5;
  const rand = randomSource(11);
  const raw = Array.from({ length: rows * V }, () => 0.05 + 0.45 * (rand() + 1)); // in (0.05, 0.95): no clip; rows not normalised
  const labels = Array.from({ length: rows }, (_, i) => (i * 3) % V);
  const g = randomArray(rows, rand);
  const p = tf.tensor2d(raw, [rows, V]);
  const { grads } = tf.valueAndGrads((q: tf.Tensor) => tf.sum(tf.mul(sparseCrossentropyOp(tf.tensor1d(labels), q), tf.tensor1d(g))) as tf.Scalar)([p]);
  const losses = sparseCrossentropyOp(tf.tensor1d(labels), p).dataSync();
  const refLoss = new Float64Array(rows), refGrad = new Float64Array(rows * V);
  for (let i = 0; i < rows; i++) {
    const row = raw.slice(i * V, (i + 1) * V);
    const s = row.reduce((a, v) => a + v, 0);
    refLoss[i] = -Math.log(row[labels[i]] / s);
    for (let j = 0; j < V; j++) refGrad[i * V + j] = g[i] * ((j === labels[i] ? -1 / row[j] : 0) + 1 / s);
  }
  assert.ok(maxRelativeError(losses, refLoss) <= 1e-5, `losses: ${maxRelativeError(losses, refLoss)}`);
  assert.ok(maxRelativeError(grads[0].dataSync(), refGrad) <= 1e-5, `gradient: ${maxRelativeError(grads[0].dataSync(), refGrad)}`);
  assert.throws(() => sparseCrossentropyOp(tf.tensor1d([0, 1]), p), /2 labels \[2\] for 8 rows/);
});
