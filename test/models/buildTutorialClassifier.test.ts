import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { assertMetricsOptionParity } from "../support/metricsOptionParity";
import { buildTutorialClassifier, initBackend } from "../../src/index";
import { GrulabGRU } from "../../src/advanced/index";
import { assertHeadOptionChecked } from "../support/headOption";

before(() => initBackend("cpu"));

test("buildTutorialClassifier builds grulab's GRU(tanh, sigmoid gates, reset_after) → Dense(softmax) with Keras 2+ defaults", () => {
  const model = buildTutorialClassifier({ timesteps: 5, inputDim: 3, outputDim: 4, units: 6 });
  const [gru, dense] = model.layers;
  assert.ok(gru instanceof GrulabGRU);
  assert.deepEqual([gru.units, gru.activation, gru.recurrentActivation, gru.resetAfter, gru.useBias, gru.implementation], [6, "tanh", "sigmoid", true, true, "auto"]);
  const g = gru.getConfig() as Record<string, any>;
  // tfjs serializes glorotUniform as VarianceScaling(scale 1, fanAvg, uniform).
  assert.equal(g.kernelInitializer.className, "VarianceScaling");
  assert.deepEqual([g.kernelInitializer.config.scale, g.kernelInitializer.config.mode, g.kernelInitializer.config.distribution], [1, "fanAvg", "uniform"]);
  assert.equal(g.recurrentInitializer.className, "GrulabOrthogonal");
  assert.equal(g.biasInitializer.className, "Zeros");
  assert.equal((dense.getConfig() as Record<string, any>).activation, "softmax");
  assert.deepEqual(gru.getWeights().map((w) => w.shape), [[3, 18], [6, 18], [2, 18]]);
  // Keras's count for GRU(6, reset_after=True) on 3 inputs: 3·6·(3 + 6) + 2·3·6 = 198; Dense H·K + K = 28.
  assert.equal(model.countParams(), 226);
  assert.equal((model.loss as string), "categoricalCrossentropy");
  assert.deepEqual(model.metricsNames, ["loss", "acc"]);
  // The recurrent kernel [H, 3H] has orthonormal rows: R·Rᵀ = I.
  const r = gru.getWeights()[1];
  const rrt = tf.matMul(r, r, false, true).arraySync() as number[][];
  rrt.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - (i === j ? 1 : 0)) < 1e-5)));
  assert.ok(gru.getWeights()[2].dataSync().every((v) => v === 0));
  // Softmax output: each row sums to 1.
  const p = (model.predict(tf.randomNormal([2, 5, 3], 0, 1, "float32", 1)) as tf.Tensor).sum(-1).dataSync();
  p.forEach((s) => assert.ok(Math.abs(s - 1) < 1e-5));
  model.dispose();
});

test("buildTutorialClassifier keeps tf.layers.gru (reset-before, sigmoid gates, Keras initializers) for comparison", () => {
  const model = buildTutorialClassifier({ timesteps: 5, inputDim: 3, outputDim: 4, units: 6, gru: "tfjs" });
  const g = model.layers[0].getConfig() as Record<string, any>;
  assert.equal(model.layers[0].getClassName(), "GRU");
  assert.deepEqual([g.activation, g.recurrentActivation, g.kernelInitializer.config.distribution, g.recurrentInitializer.className], ["tanh", "sigmoid", "uniform", "GrulabOrthogonal"]);
  // Parameters: GRU 3·(D·H + H·H + H) = 3·(18 + 36 + 6) = 180; Dense H·K + K = 28.
  assert.equal(model.countParams(), 208);
  model.dispose();
});

test("buildTutorialClassifier: the same seed gives the same initial weights, another seed others (both GRU layers)", () => {
  for (const gru of ["grulab", "tfjs"] as const) {
    const weights = (seed: number) => {
      const m = buildTutorialClassifier({ timesteps: 4, inputDim: 2, outputDim: 3, units: 5, seed, gru });
      const w = m.getWeights().map((t) => Array.from(t.dataSync()));
      m.dispose();
      return w;
    };
    assert.deepEqual(weights(7), weights(7));
    assert.notDeepEqual(weights(7)[0], weights(8)[0]);
  }
});

test("buildTutorialClassifier rejects bad sizes, unknown GRU layers and implementations by name", () => {
  assert.throws(() => buildTutorialClassifier({ timesteps: 0, inputDim: 2, outputDim: 3 }), /buildTutorialClassifier: option timesteps must be an integer ≥ 1, got 0/);
  assert.throws(() => buildTutorialClassifier({ timesteps: 2, inputDim: 2, outputDim: 3, learningRate: -1 }), /buildTutorialClassifier: option learningRate must be > 0, got -1/);
  assert.throws(() => buildTutorialClassifier({ timesteps: 2, inputDim: 2, outputDim: 3, gru: "cudnn" as "tfjs" }), /unknown gru implementation "cudnn" \(expected "grulab" or "tfjs"\)/);
  assert.throws(() => buildTutorialClassifier({ timesteps: 2, inputDim: 2, outputDim: 3, gruImplementation: "fast" as "auto" }), /option implementation: "fast"/);
});

test("the tutorial classifier with grulab's GRU trains a step and predicts probabilities", async () => {
  const model = buildTutorialClassifier({ timesteps: 4, inputDim: 2, outputDim: 3, units: 5 });
  const x = tf.randomNormal([6, 4, 2], 0, 1, "float32", 1);
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], "int32"), 3);
  const before = model.getWeights()[1].dataSync().slice();
  const h = await model.fit(x, y, { epochs: 1, verbose: 0 });
  assert.ok(Number.isFinite(h.history.loss[0] as number));
  assert.notDeepEqual(Array.from(model.getWeights()[1].dataSync()), Array.from(before), "the recurrent kernel was trained");
  const sums = (model.predict(x) as tf.Tensor).sum(-1).dataSync();
  sums.forEach((s) => assert.ok(Math.abs(s - 1) < 1e-5));
  model.dispose();
});

test("buildTutorialClassifier head \"fused\": the same initial weights, losses, accuracy and predictions as the default head over a few steps (both GRU layers)", async () => {
  const x = tf.randomNormal([8, 4, 3], 0, 1, "float32", 3);
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], "int32"), 4);
  for (const gru of ["grulab", "tfjs"] as const) {
    const run = async (head: "tfjs" | "fused") => {
      const model = buildTutorialClassifier({ timesteps: 4, inputDim: 3, outputDim: 4, units: 6, seed: 11, gru, head });
      const initial = model.getWeights().map((w) => Array.from(w.dataSync()));
      const steps: number[][] = [];
      for (let i = 0; i < 4; i++) steps.push(await model.trainOnBatch(x, y) as number[]);
      const p = model.predict(x) as tf.Tensor;
      const out = { model, initial, steps, predictions: Array.from(p.dataSync()) };
      p.dispose();
      return out;
    };
    const plain = await run("tfjs");
    const fused = await run("fused");
    assert.equal(plain.model.layers[1].getClassName(), "Dense");
    assert.equal(fused.model.layers[1].getClassName(), "GrulabFusedDense");
    assert.deepEqual(fused.model.getWeights().map((w) => w.shape), plain.model.getWeights().map((w) => w.shape));
    assert.deepEqual(fused.initial, plain.initial, `${gru}: the same seeded initial weights`);
    assert.deepEqual(fused.model.metricsNames, ["loss", "acc"]);
    // Losses fall (Adam at 1e-3 on one batch) and agree step by step within float32 rounding of the ops.
    assert.ok(plain.steps[3][0] < plain.steps[0][0], `${gru}: the loss falls: ${plain.steps.map((s) => s[0])}`);
    fused.steps.forEach(([loss, acc], i) => {
      assert.ok(Math.abs(loss - plain.steps[i][0]) <= 1e-5 * Math.abs(plain.steps[i][0]), `${gru} step ${i}: loss ${loss} vs ${plain.steps[i][0]}`);
      assert.equal(acc, plain.steps[i][1]);
    });
    fused.predictions.forEach((v, i) => assert.ok(Math.abs(v - plain.predictions[i]) <= 1e-5, `${gru}: prediction ${i}: ${v} vs ${plain.predictions[i]}`));
    plain.model.dispose();
    fused.model.dispose();
  }
});

test("buildTutorialClassifier rejects an unknown head by name, and head \"fused\" off the cpu and wasm backends", async () => {
  await assertHeadOptionChecked("buildTutorialClassifier", (head) => buildTutorialClassifier({ timesteps: 2, inputDim: 2, outputDim: 3, head }));
});

test("buildTutorialClassifier metrics []: the loss alone (no acc), the same losses and weights bit for bit as the default's accuracy-compiled model, both heads", async () => {
  const x = tf.randomNormal([8, 4, 3], 0, 1, "float32", 5);
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 3, 2, 1, 0], "int32"), 4);
  for (const head of ["tfjs", "fused"] as const) {
    // the fraction of rows whose argmax matches the target's
    const argmax = (r: number[]) => r.indexOf(Math.max(...r));
    const accuracy = (p: tf.Tensor, t: tf.Tensor) => {
      const rows = p.arraySync() as number[][], targets = t.arraySync() as number[][];
      return rows.filter((r, j) => argmax(r) === argmax(targets[j])).length / rows.length;
    };
    await assertMetricsOptionParity((metrics) => buildTutorialClassifier({ timesteps: 4, inputDim: 3, outputDim: 4, units: 6, seed: 13, head, metrics }), x, y, accuracy, head);
    // fit's history: no acc column without the metric.
    const m = buildTutorialClassifier({ timesteps: 4, inputDim: 3, outputDim: 4, units: 6, head, metrics: [] });
    const h = await m.fit(x, y, { epochs: 1, verbose: 0 });
    assert.deepEqual(Object.keys(h.history), ["loss"]);
    m.dispose();
  }
  assert.throws(() => buildTutorialClassifier({ timesteps: 2, inputDim: 2, outputDim: 3, metrics: "accuracy" as unknown as string[] }),
    /^Error: buildTutorialClassifier: option metrics must be an array of metric names/);
  tf.dispose([x, y]);
});
