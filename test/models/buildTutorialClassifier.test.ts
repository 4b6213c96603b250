import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { buildTutorialClassifier, GrulabGRU, initBackend } from "../../src/index";

before(() => initBackend("cpu")); // the reference runs on the pure-JS backend here; wasm gets its own parity check

test("buildTutorialClassifier uses grulab's GRU with Keras 2+ defaults (reset_after, sigmoid gates, [2, 3H] bias) by default", () => {
  const model = buildTutorialClassifier({ timesteps: 5, inputDim: 3, outputDim: 4, units: 6 });
  const layer = model.layers[0] as GrulabGRU;
  assert.ok(layer instanceof GrulabGRU);
  assert.deepEqual([layer.units, layer.activation, layer.recurrentActivation, layer.resetAfter, layer.useBias, layer.implementation], [6, "tanh", "sigmoid", true, true, "auto"]);
  const c = layer.getConfig() as Record<string, any>;
  assert.deepEqual([c.kernelInitializer.className, c.kernelInitializer.config.mode, c.kernelInitializer.config.distribution], ["VarianceScaling", "fanAvg", "uniform"]);
  assert.equal(c.recurrentInitializer.className, "Orthogonal");
  assert.equal(c.biasInitializer.className, "Zeros");
  assert.deepEqual(layer.getWeights().map((w) => w.shape), [[3, 18], [6, 18], [2, 18]]);
  // Keras's parameter count for GRU(6, reset_after=True) on 3 inputs: 3·6·(3 + 6) + 2·3·6 = 198; Dense 6·4 + 4 = 28.
  assert.equal(model.countParams(), 226);
  model.dispose();
});

test("buildTutorialClassifier keeps tf.layers.gru available for comparison, and the same seed gives the same weights", () => {
  const tfjs = buildTutorialClassifier({ timesteps: 5, inputDim: 3, outputDim: 4, units: 6, gru: "tfjs" });
  assert.equal(tfjs.layers[0].getClassName(), "GRU");
  assert.equal(tfjs.countParams(), 208); // 3·(18 + 36 + 6) + 28: reset-before, one bias
  tfjs.dispose();
  const weights = (seed: number) => {
    const m = buildTutorialClassifier({ timesteps: 4, inputDim: 2, outputDim: 3, units: 5, seed });
    const w = m.getWeights().map((t) => Array.from(t.dataSync()));
    m.dispose();
    return w;
  };
  assert.deepEqual(weights(7), weights(7));
  assert.notDeepEqual(weights(7)[0], weights(8)[0]);
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
