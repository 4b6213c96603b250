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
  // And a float64 reference on every row, the clipped ones included: s = Σp, q = clip(p / s, ε, 1 − ε),
  // loss −Σ y ln q (ε = 1e-7, tfjs's float32 epsilon); the gradient through the Jacobian
  // ∂q_j/∂p_k = δ_jk / s − p_j / s², zero where the clip holds q.
  const eps = 1e-7;
  assert.equal(tf.backend().epsilon(), eps);
  const [P, Y, w] = [p, y, weights].map((t) => Array.from(t.dataSync()));
  const V = 7, refLoss = new Float64Array(12), refGrad = new Float64Array(12 * V);
  for (let i = 0; i < 12; i++) {
    const row = P.slice(i * V, (i + 1) * V), target = Y.slice(i * V, (i + 1) * V);
    const s = row.reduce((a, v) => a + v, 0), q = row.map((v) => v / s);
    refLoss[i] = -target.reduce((a, t, j) => a + t * Math.log(Math.min(1 - eps, Math.max(eps, q[j]))), 0);
    const dq = q.map((qj, j) => (qj >= eps && qj <= 1 - eps ? -w[i] * target[j] / qj : 0));
    for (let k = 0; k < V; k++) refGrad[i * V + k] = dq.reduce((a, d, j) => a + d * ((j === k ? 1 / s : 0) - row[j] / (s * s)), 0);
  }
  assert.ok(maxRelativeError(fast.losses, refLoss) <= 1e-5, `losses vs float64: ${maxRelativeError(fast.losses, refLoss)}`);
  assert.ok(maxRelativeError(fast.grad, refGrad) <= 1e-5, `gradient vs float64: ${maxRelativeError(fast.grad, refGrad)}`);
  const refTotal = refLoss.reduce((a, l, i) => a + w[i] * l, 0);
  assert.ok(Math.abs(fast.loss - refTotal) <= 1e-5 * Math.abs(refTotal), `weighted total ${fast.loss} vs float64 ${refTotal}`);
  assert.ok(Math.abs(fast.losses[1] + Math.log(eps)) <= 1e-5 * -Math.log(eps), `an exact 0 at the target costs −ln ε: ${fast.losses[1]}`);
  assert.ok(fast.losses[0] <= 1e-6, `a one-hot prediction at its target costs ≈ 0 (clipped at 1 − ε): ${fast.losses[0]}`);
  assert.ok(refGrad.some((v) => Math.abs(v) > 1e-3), "a gradient that is not all zero");
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
