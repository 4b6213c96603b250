import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { buildTutorialClassifier, initBackend } from "../../src/index";

test("buildTutorialClassifier builds GRU(tanh, sigmoid gates) → Dense(softmax) with Keras 2+ initializers", async () => {
  await initBackend("cpu");
  const model = buildTutorialClassifier({ timesteps: 5, inputDim: 3, outputDim: 4, units: 6 });
  const [gru, dense] = model.layers;
  const g = gru.getConfig() as Record<string, any>;
  assert.equal(gru.getClassName(), "GRU");
  assert.equal(g.units, 6);
  assert.equal(g.activation, "tanh");
  assert.equal(g.recurrentActivation, "sigmoid");
  // tfjs serializes glorotUniform as VarianceScaling(scale 1, fanAvg, uniform).
  assert.equal(g.kernelInitializer.className, "VarianceScaling");
  assert.deepEqual([g.kernelInitializer.config.scale, g.kernelInitializer.config.mode, g.kernelInitializer.config.distribution], [1, "fanAvg", "uniform"]);
  assert.equal(g.recurrentInitializer.className, "Orthogonal");
  assert.equal(g.biasInitializer.className, "Zeros");
  assert.equal((dense.getConfig() as Record<string, any>).activation, "softmax");
  // Parameters: GRU 3·(D·H + H·H + H) = 3·(18 + 36 + 6) = 180; Dense H·K + K = 28.
  assert.equal(model.countParams(), 208);
  assert.equal((model.loss as string), "categoricalCrossentropy");
  assert.deepEqual(model.metricsNames, ["loss", "acc"]);
  // The recurrent kernel [H, 3H] has orthonormal rows: R·Rᵀ = I.
  const r = gru.getWeights()[1];
  const rrt = tf.matMul(r, r, false, true).arraySync() as number[][];
  rrt.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - (i === j ? 1 : 0)) < 1e-5)));
  const bias = gru.getWeights()[2].dataSync();
  assert.ok(bias.every((v) => v === 0));
  // Softmax output: each row sums to 1.
  const p = (model.predict(tf.randomNormal([2, 5, 3], 0, 1, "float32", 1)) as tf.Tensor).sum(-1).dataSync();
  p.forEach((s) => assert.ok(Math.abs(s - 1) < 1e-5));
  model.dispose();
});

test("buildTutorialClassifier: the same seed gives the same initial weights, another seed others", async () => {
  await initBackend("cpu");
  const weights = (seed: number) => {
    const m = buildTutorialClassifier({ timesteps: 4, inputDim: 2, outputDim: 3, units: 5, seed });
    const w = m.getWeights().map((t) => Array.from(t.dataSync()));
    m.dispose();
    return w;
  };
  assert.deepEqual(weights(7), weights(7));
  assert.notDeepEqual(weights(7)[0], weights(8)[0]);
});

test("buildTutorialClassifier rejects bad sizes and unknown GRU implementations by name", () => {
  assert.throws(() => buildTutorialClassifier({ timesteps: 0, inputDim: 2, outputDim: 3 }), /timesteps must be a positive integer, got 0/);
  assert.throws(() => buildTutorialClassifier({ timesteps: 2, inputDim: 2, outputDim: 3, gru: "cudnn" as "tfjs" }), /unknown gru implementation "cudnn"/);
});
