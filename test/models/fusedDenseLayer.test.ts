import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/index";
import { FusedDenseLayer } from "../../src/models/fusedDenseLayer";
import { maxRelativeError } from "../support/gruTestReferences";

test("FusedDenseLayer: tf.layers.dense's weights (names, shapes) and its outputs and gradients on [batch, time, features] (≤ 1e-5 relative)", async () => {
  await initBackend();
  const fused = tf.sequential({ layers: [new FusedDenseLayer({ name: "out", units: 6, activation: "softmax", inputShape: [4, 5], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })] });
  const plain = tf.sequential({ layers: [tf.layers.dense({ name: "out", units: 6, activation: "softmax", inputShape: [4, 5] })] });
  const names = (m: tf.Sequential) => m.weights.map((w) => [w.originalName, w.shape]);
  assert.deepEqual(names(fused), names(plain));
  plain.setWeights([fused.getWeights()[0], tf.randomNormal([6], 0, 0.3, "float32", 2)]);
  fused.setWeights(plain.getWeights());
  const x = tf.randomNormal([3, 4, 5], 0, 1, "float32", 3);
  const g = tf.randomNormal([3, 4, 6], 0, 1, "float32", 4);
  const run = (m: tf.Sequential) => {
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(m.apply(x) as tf.Tensor, g)) as tf.Scalar, m.trainableWeights.map((w) => w.read() as tf.Variable));
    return { value: value.dataSync()[0], y: (m.predict(x) as tf.Tensor).dataSync(), grads: Object.values(grads).map((t) => t.dataSync()) };
  };
  const a = run(fused), b = run(plain);
  assert.ok(maxRelativeError(a.y, b.y) <= 1e-5);
  assert.ok(Math.abs(a.value - b.value) <= 1e-5 * Math.max(1, Math.abs(b.value)));
  a.grads.forEach((v, i) => assert.ok(maxRelativeError(v, b.grads[i]) <= 1e-5, `gradient ${i}`));
  assert.deepEqual(fused.layers[0].computeOutputShape([null, 4, 5]), [null, 4, 6]);
});

test("FusedDenseLayer serializes (toJSON → modelFromJSON, same predictions) and rejects bad options by name", async () => {
  await initBackend();
  const model = tf.sequential({ layers: [new FusedDenseLayer({ units: 3, inputShape: [2], useBias: false })] });
  const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON["modelTopology"] });
  assert.equal(copy.layers[0].getClassName(), "GrulabFusedDense");
  assert.equal(copy.weights.length, 1);
  copy.setWeights(model.getWeights());
  const x = tf.tensor2d([[1, -2], [0.5, 3]]);
  assert.deepEqual(Array.from((copy.predict(x) as tf.Tensor).dataSync()), Array.from((model.predict(x) as tf.Tensor).dataSync()));
  assert.throws(() => new FusedDenseLayer({ units: 0 }), /option units: 0/);
  assert.throws(() => new FusedDenseLayer({ units: 2, activation: "relu" as "linear" }), /option activation: "relu"/);
});
