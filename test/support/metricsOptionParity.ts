import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";

/**
 * A model builder's `metrics` option: the default (accuracy) model and the `metrics: []` model, each
 * trained 3 steps on (x, y), report ["loss", "acc"] and ["loss"]; the default's acc equals
 * `accuracy(prediction, y)` counted independently from the weights before each step; the two give
 * the same losses and the same weights bit for bit. `label` prefixes the messages.
 */
export async function assertMetricsOptionParity(
  build: (metrics?: string[]) => tf.LayersModel, x: tf.Tensor, y: tf.Tensor,
  accuracy: (prediction: tf.Tensor, y: tf.Tensor) => number, label: string,
): Promise<void> {
  const run = async (metrics?: string[]) => {
    const model = build(metrics);
    const outs: (number | number[])[] = [];
    const expectedAcc: number[] = [];
    for (let i = 0; i < 3; i++) {
      const p = model.predict(x) as tf.Tensor;
      expectedAcc.push(accuracy(p, y));
      p.dispose();
      outs.push(await model.trainOnBatch(x, y) as number | number[]);
    }
    const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
    const names = model.metricsNames;
    model.dispose();
    return { outs, weights, names, expectedAcc };
  };
  const withAcc = await run();
  const lossOnly = await run([]);
  assert.deepEqual(withAcc.names, ["loss", "acc"], `${label}: the default compiles accuracy`);
  assert.deepEqual(lossOnly.names, ["loss"], `${label}: no metric compiled`);
  // The default's acc is the accuracy of the batch before the step's update.
  withAcc.outs.forEach((o, i) => assert.ok(Math.abs((o as number[])[1] - withAcc.expectedAcc[i]) < 1e-6, `${label} step ${i}: acc ${(o as number[])[1]} vs ${withAcc.expectedAcc[i]}`));
  lossOnly.outs.forEach((o, i) => {
    assert.equal(typeof o, "number", `${label} step ${i}: trainOnBatch returns the loss alone`);
    assert.equal(o, (withAcc.outs[i] as number[])[0], `${label} step ${i}: the same loss`);
  });
  assert.deepEqual(lossOnly.weights, withAcc.weights, `${label}: the metric changes nothing in training`);
}
