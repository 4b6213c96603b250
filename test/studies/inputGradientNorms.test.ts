import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { buildMatchedRnn } from "../../src/studies/buildMatchedRnn";
import { inputGradientNorms } from "../../src/studies/inputGradientNorms";
import { seededRandom } from "../../src/util/seededRandom";

// Central finite differences of the batch's mean loss, one input entry at a time (float64 sums of
// float32 forward passes; eps large enough for float32), then the norm over batch and features.
function finiteDifferenceNorms(model: tf.LayersModel, x: number[][][], loss: (y: tf.Tensor, p: tf.Tensor) => tf.Tensor, y: tf.Tensor, eps: number): number[] {
  const L = (input: number[][][]) => tf.tidy(() => tf.mean(loss(y, model.predict(tf.tensor3d(input)) as tf.Tensor)).dataSync()[0]);
  const T = x[0].length;
  const norms: number[] = [];
  for (let t = 0; t < T; t++) {
    let sq = 0;
    for (let b = 0; b < x.length; b++) {
      for (let f = 0; f < x[0][0].length; f++) {
        const plus = x.map((s) => s.map((r) => r.slice()));
        const minus = x.map((s) => s.map((r) => r.slice()));
        plus[b][t][f] += eps;
        minus[b][t][f] -= eps;
        sq += ((L(plus) - L(minus)) / (2 * eps)) ** 2;
      }
    }
    norms.push(Math.sqrt(sq));
  }
  return norms;
}

for (const cell of ["gru", "lstm", "simpleRnn"] as const) {
  test(`inputGradientNorms (${cell}): matches finite differences on a tiny case, per step`, async () => {
    await tf.setBackend("cpu");
    const rand = seededRandom(2);
    const x = Array.from({ length: 3 }, () => Array.from({ length: 6 }, () => [rand() * 2 - 1, rand() * 2 - 1]));
    for (const task of ["regression", "classification"] as const) {
      const model = buildMatchedRnn(cell, { gruUnits: 4, timesteps: 6, inputDim: 2, outputs: task === "regression" ? 1 : 3, task, seed: 3 });
      const y = task === "regression" ? tf.tensor2d([[0.5], [-1], [2]]) : tf.oneHot([0, 2, 1], 3).toFloat();
      const loss = task === "regression"
        ? (t: tf.Tensor, p: tf.Tensor) => tf.square(tf.sub(t, p)).mean(1)
        : (t: tf.Tensor, p: tf.Tensor) => tf.neg(tf.sum(tf.mul(t, tf.log(p)), 1));
      const got = inputGradientNorms(model, tf.tensor3d(x), y);
      const want = finiteDifferenceNorms(model, x, loss, y, 1e-2);
      assert.equal(got.length, 6);
      for (let t = 0; t < 6; t++) {
        assert.ok(Math.abs(got[t] - want[t]) <= 0.02 * want[t] + 1e-4, `${task} step ${t}: grad ${got[t]}, finite differences ${want[t]}`);
      }
      assert.ok(want.some((v) => v > 1e-3), "the case is not trivially zero");
      model.dispose();
      y.dispose();
    }
  });
}

test("inputGradientNorms: an uncompiled loss it cannot infer is named", async () => {
  await tf.setBackend("cpu");
  const model = buildMatchedRnn("gru", { gruUnits: 2, timesteps: 3, inputDim: 1, outputs: 1, task: "regression" });
  model.compile({ optimizer: "sgd", loss: "meanAbsoluteError" });
  assert.throws(() => inputGradientNorms(model, tf.zeros([1, 3, 1]) as tf.Tensor3D, tf.zeros([1, 1])), /model's loss "meanAbsoluteError" is not one of/);
  model.dispose();
});
