import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { lossOpParity } from "../support/lossOpParity";
import { initBackend } from "../../src/index";
import { categoricalCrossentropyOp } from "../../src/models/categoricalCrossentropyOp";
import { maxRelativeError, randomArray, randomSource } from "../support/gruTestReferences";

// Rows of probabilities (softmax of random logits) with one-hot targets, and edge rows: a one-hot
// prediction (clipped at both ends), a row holding an exact 0 at its target, a soft target row.
function batch(rows: number, V: number, seed: number) {
  const rand = randomSource(seed);
  const p = tf.softmax(tf.tensor2d(randomArray(rows * V, rand, 3), [rows, V])).arraySync();
  const labels = Array.from({ length: rows }, () => Math.floor((rand() + 1) / 2 * V) % V);
  const y: number[][] = labels.map((l) => Array.from({ length: V }, (_, j) => (j === l ? 1 : 0)));
  p[0] = Array.from({ length: V }, (_, j) => (j === labels[0] ? 1 : 0));
  p[1][labels[1]] = 0;
  y[2] = Array.from({ length: V }, (_, j) => (j < 2 ? 0.5 : 0));
  return { p: tf.tensor3d(p.flat(), [2, rows / 2, V]), y: tf.tensor3d(y.flat(), [2, rows / 2, V]) };
}

test("categoricalCrossentropyOp: the same per-row losses and gradient as tfjs's categoricalCrossentropy (≤ 1e-5 relative), clipped rows and a soft target included", async () => {
  await initBackend();
  const { p, y } = batch(12, 7, 3);
  const weights = tf.tensor2d(randomArray(12, randomSource(5)), [2, 6]);
  const { fast, plain } = lossOpParity(categoricalCrossentropyOp, "categoricalCrossentropy", y, p, weights);
  assert.equal(fast.losses.length, 12);
  assert.ok(maxRelativeError(fast.losses, plain.losses) <= 1e-5, `losses: ${maxRelativeError(fast.losses, plain.losses)}`);
  assert.ok(maxRelativeError(fast.grad, plain.grad) <= 1e-5, `gradient: ${maxRelativeError(fast.grad, plain.grad)}`);
  assert.ok(Math.abs(fast.loss - plain.loss) <= 1e-5 * Math.abs(plain.loss));
  assert.ok(fast.losses[1] > 15, "an exact 0 at the target costs −ln ε");
});

test("categoricalCrossentropyOp matches a float64 reference −Σ y ln(p / Σp) and its gradient on unclipped rows", async () => {
  await initBackend();
  const rows = 8, V = 5;
  const rand = randomSource(11);
  const raw = Array.from({ length: rows * V }, () => 0.05 + 0.45 * (rand() + 1)); // in (0.05, 0.95): no clip; rows not normalised
  const y: number[] = Array.from({ length: rows * V }, (_, k) => (k % V === (Math.floor(k / V) * 3) % V ? 0.75 : k % V === 0 ? 0.25 : 0));
  const g = randomArray(rows, rand);
  const p = tf.tensor2d(raw, [rows, V]), t = tf.tensor2d(y, [rows, V]);
  const { grads } = tf.valueAndGrads((q: tf.Tensor) => tf.sum(tf.mul(categoricalCrossentropyOp(t, q), tf.tensor1d(g))) as tf.Scalar)([p]);
  const losses = categoricalCrossentropyOp(t, p).dataSync();
  const refLoss = new Float64Array(rows), refGrad = new Float64Array(rows * V);
  for (let i = 0; i < rows; i++) {
    const row = raw.slice(i * V, (i + 1) * V), target = y.slice(i * V, (i + 1) * V);
    const s = row.reduce((a, v) => a + v, 0), ys = target.reduce((a, v) => a + v, 0);
    refLoss[i] = -target.reduce((a, v, j) => a + v * Math.log(row[j] / s), 0);
    // d/dp_k of −Σ y_j (ln p_j − ln s) = −y_k / p_k + Σ y / s
    for (let j = 0; j < V; j++) refGrad[i * V + j] = g[i] * (-target[j] / row[j] + ys / s);
  }
  assert.ok(maxRelativeError(losses, refLoss) <= 1e-5, `losses: ${maxRelativeError(losses, refLoss)}`);
  assert.ok(maxRelativeError(grads[0].dataSync(), refGrad) <= 1e-5, `gradient: ${maxRelativeError(grads[0].dataSync(), refGrad)}`);
  assert.throws(() => categoricalCrossentropyOp(tf.tensor2d([0, 1, 0, 1], [2, 2]), p), /targets \[2,2\] do not match the probabilities \[8,5\]/);
});
