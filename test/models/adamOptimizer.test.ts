import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { adamOptimizer } from "../../src/models/adamOptimizer";

/** Adam (Kingma & Ba 2015, as tfjs and Keras: bias-corrected, ε 1e-7) in float64 JS, with gradients clipped by hand. */
function referenceAdam(w: number[], grads: number[][], lr: number, clipNorm: number): number[] {
  const [b1, b2, eps] = [0.9, 0.999, 1e-7];
  const m = w.map(() => 0), v = w.map(() => 0), out = [...w];
  grads.forEach((g, step) => {
    const norm = Math.sqrt(g.reduce((s, x) => s + x * x, 0));
    const scale = clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1;
    const t = step + 1;
    g.forEach((gi0, i) => {
      const gi = gi0 * scale;
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      out[i] -= (lr * (m[i] / (1 - b1 ** t))) / (Math.sqrt(v[i] / (1 - b2 ** t)) + eps);
    });
  });
  return out;
}

const grads = [[3, 4, 0], [0.3, 0.4, 0.1], [-6, 0, 8]]; // norms 5, 0.51, 10

for (const clipNorm of [0, 1]) {
  test(`adamOptimizer(clipNorm ${clipNorm}) steps as Adam on gradients clipped to norm ≤ ${clipNorm || "∞"}`, async () => {
    await tf.setBackend("cpu");
    const w = tf.variable(tf.tensor1d([1, 2, 3]), true, `w_clip${clipNorm}`);
    const optimizer = adamOptimizer("test", 0.1, clipNorm);
    for (const g of grads) {
      const tensor = tf.tensor1d(g);
      optimizer.applyGradients({ [w.name]: tensor });
      tensor.dispose();
    }
    const got = Array.from(w.dataSync());
    const want = referenceAdam([1, 2, 3], grads, 0.1, clipNorm);
    got.forEach((x, i) => assert.ok(Math.abs(x - want[i]) < 1e-5, `w[${i}] ${x} vs ${want[i]}`));
    // Clipping changes the result (the test would see a clip that did nothing).
    const other = referenceAdam([1, 2, 3], grads, 0.1, clipNorm === 0 ? 1 : 0);
    assert.ok(got.some((x, i) => Math.abs(x - other[i]) > 1e-3), `${got} vs ${other}`);
    w.dispose();
    optimizer.dispose();
  });
}

test("adamOptimizer names the builder and the bad option", () => {
  assert.throws(() => adamOptimizer("buildX", 0), /^Error: buildX: option learningRate must be > 0, got 0$/);
  assert.throws(() => adamOptimizer("buildX", NaN), /buildX: option learningRate must be > 0, got NaN/);
  assert.throws(() => adamOptimizer("buildX", 0.1, -1), /^Error: buildX: option clipNorm must be ≥ 0, got -1$/);
});
