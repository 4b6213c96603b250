// rnnFusedOp: the fused LSTM/SimpleRNN as one differentiable tensor [K, batch, time, units];
// values and tfjs gradients through any slice against float64 (test/support/float64Cells.ts).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { rnnFusedOp, type RnnFusedTensors } from "../../src/kernels/rnnFusedOp";
import { float64Backward, float64Forward, type CellArrays, type CellCase } from "../support/float64Cells";
import { maxRelativeError, randomArray, randomSource } from "../support/gruTestReferences";
import { randomCellArrays } from "../support/rnnTestCases";

const k: CellCase = { cell: "lstm", batch: 2, time: 3, inputDim: 2, units: 3, useBias: true };
const n = 18;

function tensors(c: CellCase, a: CellArrays): RnnFusedTensors {
  const G = c.cell === "lstm" ? 4 : 1, H = c.units;
  return {
    x: tf.tensor3d(a.x, [c.batch, c.time, c.inputDim]), h0: tf.tensor2d(a.h0, [c.batch, H]), c0: a.c0 ? tf.tensor2d(a.c0, [c.batch, H]) : null,
    kernel: tf.tensor2d(a.kernel, [c.inputDim, G * H]), recurrentKernel: tf.tensor2d(a.recurrentKernel, [H, G * H]), bias: a.bias ? tf.tensor1d(a.bias) : null,
  };
}

test("LSTM: [6, B, T, H] holds h, c, i, f, c̃, o in that order; without gates [2, B, T, H]; last step only [2, B, 1, H]", () => {
  const a = randomCellArrays(k, 1);
  const t = tensors(k, a);
  const want = float64Forward(k, a);
  const all = rnnFusedOp("lstm", t);
  assert.deepEqual(all.shape, [6, 2, 3, 3]);
  const data = all.dataSync() as Float32Array;
  ["h", "c", "i", "f", "cTilde", "o"].forEach((q, i) => assert.ok(maxRelativeError(data.subarray(i * n, (i + 1) * n), want[q]) <= 1e-5, q));
  const two = rnnFusedOp("lstm", t, false);
  assert.deepEqual(two.shape, [2, 2, 3, 3]);
  assert.deepEqual(two.dataSync(), data.subarray(0, 2 * n));
  const last = rnnFusedOp("lstm", t, false, true);
  assert.deepEqual(last.shape, [2, 2, 1, 3]);
  const lastH = Float32Array.from({ length: 6 }, (_, i) => data[(Math.floor(i / 3) * 3 + 2) * 3 + (i % 3)]);
  assert.deepEqual(last.dataSync().subarray(0, 6), lastH);
  tf.dispose([all, two, last, ...Object.values(t).filter((v) => v !== null) as tf.Tensor[]]);
});

test("gradients of a loss through h and the forget gate only (the other slices unused) match float64 BPTT within 1e-5", () => {
  const a = randomCellArrays(k, 2);
  const rand = randomSource(2);
  const wh = randomArray(n, rand), wf = randomArray(n, rand);
  const t = tensors(k, a);
  const list = [t.x, t.h0, t.c0!, t.kernel, t.recurrentKernel, t.bias!];
  const grads = tf.grads((x, h0, c0, kernel, recurrentKernel, bias) => {
    const packed = rnnFusedOp("lstm", { x: x as tf.Tensor3D, h0: h0 as tf.Tensor2D, c0: c0 as tf.Tensor2D, kernel: kernel as tf.Tensor2D,
      recurrentKernel: recurrentKernel as tf.Tensor2D, bias: bias as tf.Tensor1D });
    const slice = (q: number) => tf.reshape(tf.slice(packed, [q, 0, 0, 0], [1, -1, -1, -1]), [n]);
    return tf.add(tf.sum(tf.mul(slice(0), tf.tensor1d(wh))), tf.sum(tf.mul(slice(3), tf.tensor1d(wf)))) as tf.Scalar;
  })(list);
  const want = float64Backward(k, a, { h: wh, f: wf });
  const names = ["dx", "dh0", "dc0", "dKernel", "dRecurrentKernel", "dBias"] as const;
  names.forEach((name, i) => assert.ok(maxRelativeError(grads[i].dataSync(), want[name]!) <= 1e-5, name));
});

test("SimpleRNN: [1, B, T, H] of h, and its gradients without bias", () => {
  const s: CellCase = { cell: "simpleRnn", batch: 3, time: 2, inputDim: 2, units: 4, useBias: false };
  const a = randomCellArrays(s, 3);
  const t = tensors(s, a);
  const out = rnnFusedOp("simpleRnn", t);
  assert.deepEqual(out.shape, [1, 3, 2, 4]);
  assert.ok(maxRelativeError(out.dataSync(), float64Forward(s, a).h) <= 1e-5);
  const [dU] = tf.grads((u) => tf.sum(rnnFusedOp("simpleRnn", { ...t, recurrentKernel: u as tf.Tensor2D })) as tf.Scalar)([t.recurrentKernel]);
  const want = float64Backward(s, a, { h: new Float32Array(24).fill(1) }).dRecurrentKernel;
  assert.ok(maxRelativeError(dU.dataSync(), want) <= 1e-5);
});

test("an x cast from int32 (the cpu backend keeps the Int32Array: a one-hot input) gives the float tensor's h, bitwise", () => {
  assert.equal(tf.getBackend(), "cpu");
  const s: CellCase = { cell: "lstm", batch: 2, time: 3, inputDim: 2, units: 3, useBias: true };
  const a = randomCellArrays(s, 5);
  const whole = Float32Array.from(a.x, (v) => Math.round(4 * v));
  const t = tensors(s, { ...a, x: whole });
  const cast = tf.cast(tf.tensor3d(Int32Array.from(whole), [2, 3, 2], "int32"), "float32");
  assert.ok(cast.dataSync() instanceof Int32Array, "the case this test is about: a float32 tensor reading back as Int32Array");
  assert.deepEqual(Array.from(rnnFusedOp("lstm", { ...t, x: cast as tf.Tensor3D }).dataSync()), Array.from(rnnFusedOp("lstm", t).dataSync())); // before: "input x must be a Float32Array"
});

test("wrong dtypes and shapes are refused naming the input, what it must be and what it got", () => {
  const t = tensors(k, randomCellArrays(k, 4));
  assert.throws(() => rnnFusedOp("lstm", { ...t, x: tf.cast(t.x, "int32") }), { message: "fused lstm: input x must be float32 [batch, time, inputDim], got int32 [2,3,2]" });
  assert.throws(() => rnnFusedOp("lstm", { ...t, kernel: tf.zeros([2, 9]) as tf.Tensor2D }), { message: "fused lstm: input kernel must be float32 [2,12], got float32 [2,9]" });
  assert.throws(() => rnnFusedOp("lstm", { ...t, h0: tf.zeros([3, 3]) as tf.Tensor2D }), { message: "fused lstm: input h0 must be float32 [2,3], got float32 [3,3]" });
  assert.throws(() => rnnFusedOp("lstm", { ...t, c0: null }), { message: "fused lstm: input c0 is missing" });
  assert.throws(() => rnnFusedOp("simpleRnn", { ...t, c0: null }), /fused simpleRnn: input recurrentKernel must be float32 \[3,3\], got float32 \[3,12\]/);
});
