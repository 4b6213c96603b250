import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { buildWindowClassifier } from "../../src/models/buildWindowClassifier";

test("buildWindowClassifier without hidden units is softmax(flatten(x)·W + b), computed here by hand", async () => {
  await tf.setBackend("cpu");
  const model = buildWindowClassifier({ timesteps: 3, inputDim: 2, outputDim: 4, seed: 5 });
  assert.equal(model.countParams(), (3 * 2 + 1) * 4);
  const [W, b] = model.getWeights().map((w) => w.arraySync()) as [number[][], number[]];
  const x = [[[0.5, -1], [2, 0.25], [-0.75, 1.5]]];
  const flat = x[0].flat();
  const logits = b.map((bj, j) => flat.reduce((s, v, i) => s + v * W[i][j], bj));
  const max = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - max));
  const expected = e.map((v) => v / e.reduce((s, u) => s + u, 0));
  const got = Array.from((model.predict(tf.tensor3d(x)) as tf.Tensor).dataSync());
  got.forEach((v, j) => assert.ok(Math.abs(v - expected[j]) < 1e-6, `class ${j}: ${v} vs ${expected[j]}`));
  model.dispose();
});

test("buildWindowClassifier with hidden units adds one ReLU layer; the seed fixes the initial weights", () => {
  const a = buildWindowClassifier({ timesteps: 14, inputDim: 6, outputDim: 5, hidden: 8, seed: 1 });
  const b = buildWindowClassifier({ timesteps: 14, inputDim: 6, outputDim: 5, hidden: 8, seed: 1 });
  assert.equal(a.countParams(), (84 + 1) * 8 + (8 + 1) * 5);
  assert.deepEqual(a.getWeights()[0].arraySync(), b.getWeights()[0].arraySync());
  a.dispose();
  b.dispose();
});

test("buildWindowClassifier names a bad option", () => {
  assert.throws(() => buildWindowClassifier({ timesteps: 0, inputDim: 6, outputDim: 5 }), /option timesteps must be an integer ≥ 1, got 0/);
  assert.throws(() => buildWindowClassifier({ timesteps: 2, inputDim: 6, outputDim: 5, hidden: -1 }), /option hidden must be an integer ≥ 0/);
  assert.throws(() => buildWindowClassifier({ timesteps: 2, inputDim: 6, outputDim: 5, learningRate: NaN }), /buildWindowClassifier: option learningRate must be > 0, got NaN/);
});
