import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/index";
import { referenceGruSequence } from "../../src/models/referenceGruSequence";
import { float64Gru, maxAbsDiff, seededArray } from "../support/float64Gru";
import { finiteDifferenceGradients, gruTensors, maxRelativeError, randomGruArrays, type GruCase } from "../support/gruTestReferences";

before(() => initBackend("cpu")); // the reference runs on the pure-JS backend here; wasm gets its own parity check

test("referenceGruSequence returns h, z, r, hTilde of both conventions equal to the float64 equations", () => {
  const [B, T, D, H] = [2, 4, 3, 3];
  for (const resetAfter of [false, true]) {
    const w = {
      kernel: seededArray([D, 3 * H], 1) as number[][],
      recurrentKernel: seededArray([H, 3 * H], 2) as number[][],
      bias: seededArray(resetAfter ? [2, 3 * H] : [3 * H], 3) as number[][],
    };
    const x = seededArray([B, T, D], 4) as number[][][];
    const h0 = seededArray([B, H], 5) as number[][];
    const out = referenceGruSequence(
      { x: tf.tensor3d(x), h0: tf.tensor2d(h0), kernel: tf.tensor2d(w.kernel), recurrentKernel: tf.tensor2d(w.recurrentKernel), bias: tf.tensor(w.bias) as tf.Tensor2D },
      { resetAfter },
    );
    const expected = float64Gru(x, w, resetAfter, h0);
    for (const key of ["h", "z", "r", "hTilde"] as const) {
      const diff = maxAbsDiff(out[key].arraySync(), expected[key]);
      assert.ok(diff <= 1e-5, `resetAfter ${resetAfter} ${key}: diff ${diff}`);
    }
    tf.dispose(out as unknown as tf.Tensor[]);
  }
});

test("referenceGruSequence without bias equals the equations with zero bias", () => {
  const [B, T, D, H] = [1, 3, 2, 2];
  const kernel = seededArray([D, 3 * H], 6) as number[][];
  const recurrentKernel = seededArray([H, 3 * H], 7) as number[][];
  const x = seededArray([B, T, D], 8) as number[][][];
  const { h } = referenceGruSequence(
    { x: tf.tensor3d(x), h0: tf.zeros([B, H]) as tf.Tensor2D, kernel: tf.tensor2d(kernel), recurrentKernel: tf.tensor2d(recurrentKernel), bias: null },
    { resetAfter: true },
  );
  assert.ok(maxAbsDiff(h.arraySync(), float64Gru(x, { kernel, recurrentKernel, bias: null }, true).h) <= 1e-6);
});

test("referenceGruSequence names the input whose shape is wrong", () => {
  const ok = { x: tf.zeros([2, 3, 4]) as tf.Tensor3D, h0: tf.zeros([2, 5]) as tf.Tensor2D, kernel: tf.zeros([4, 15]) as tf.Tensor2D, recurrentKernel: tf.zeros([5, 15]) as tf.Tensor2D, bias: tf.zeros([2, 15]) as tf.Tensor2D };
  assert.throws(() => referenceGruSequence({ ...ok, kernel: tf.zeros([3, 15]) as tf.Tensor2D }, { resetAfter: true }), /input kernel: shape \[3, 15\], expected \[4, 15\]/);
  assert.throws(() => referenceGruSequence({ ...ok, recurrentKernel: tf.zeros([5, 10]) as tf.Tensor2D }, { resetAfter: true }), /input recurrentKernel: shape \[5, 10\]/);
  assert.throws(() => referenceGruSequence({ ...ok, h0: tf.zeros([1, 5]) as tf.Tensor2D }, { resetAfter: true }), /input h0: shape \[1, 5\], expected \[2, 5\]/);
  assert.throws(() => referenceGruSequence(ok, { resetAfter: false }), /input bias: shape \[2, 15\], expected \[15\] for resetAfter false/);
  assert.throws(() => referenceGruSequence(ok, { resetAfter: true, activation: "nope" }), /option activation: unknown activation "nope"/);
});

test("referenceGruSequence is differentiable for one-step sequences (T = 1): gradients equal float64 finite differences", () => {
  for (const resetAfter of [false, true]) {
    const c: GruCase = { batch: 2, time: 1, inputDim: 3, units: 4, resetAfter, useBias: true };
    const a = randomGruArrays(c, 11);
    const t = gruTensors(c, a);
    const dh = tf.randomNormal([c.batch, c.time, c.units], 0, 1, "float32", 5);
    const list = [t.x, t.h0, t.kernel, t.recurrentKernel, t.bias as tf.Tensor];
    const grads = tf.grads((x, h0, kernel, recurrentKernel, bias) =>
      referenceGruSequence({ x: x as tf.Tensor3D, h0: h0 as tf.Tensor2D, kernel: kernel as tf.Tensor2D, recurrentKernel: recurrentKernel as tf.Tensor2D, bias: bias as tf.Tensor1D },
        { resetAfter }).h.mul(dh).sum() as tf.Scalar)(list);
    const want = finiteDifferenceGradients(c, a, dh.dataSync() as Float32Array);
    const errors = grads.map((g, i) => maxRelativeError(g.dataSync(), want[i]));
    console.log(`reference T = 1 gradients vs finite differences, resetAfter ${resetAfter}: max relative error ${Math.max(...errors).toExponential(1)}`);
    errors.forEach((e, i) => assert.ok(e <= 1e-5, `gradient ${i}: ${e}`));
  }
});
