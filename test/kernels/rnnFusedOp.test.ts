// rnnFusedOp: the fused LSTM/SimpleRNN as differentiable tensors h, c and the gates; values and
// tfjs gradients through any of them against float64 (test/support/float64Cells.ts); one-hot
// inputs given as ids against the reference implementation on the one-hot rows.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { rnnFusedOp, type RnnFusedTensors } from "../../src/kernels/rnnFusedOp";
import { float64Backward, float64Forward, type CellArrays, type CellCase } from "../support/float64Cells";
import { maxRelativeError, randomArray, randomSource } from "../support/gruTestReferences";
import { randomCellArrays } from "../support/rnnTestCases";
import { markOneHot } from "../../src/kernels/oneHotIds";
import { referenceLstmSequence } from "../../src/models/referenceLstmSequence";
import { referenceSimpleRnnSequence } from "../../src/models/referenceSimpleRnnSequence";

const k: CellCase = { cell: "lstm", batch: 2, time: 3, inputDim: 2, units: 3, useBias: true };
const n = 18;

function tensors(c: CellCase, a: CellArrays): RnnFusedTensors {
  const G = c.cell === "lstm" ? 4 : 1, H = c.units;
  return {
    x: tf.tensor3d(a.x, [c.batch, c.time, c.inputDim]), h0: tf.tensor2d(a.h0, [c.batch, H]), c0: a.c0 ? tf.tensor2d(a.c0, [c.batch, H]) : null,
    kernel: tf.tensor2d(a.kernel, [c.inputDim, G * H]), recurrentKernel: tf.tensor2d(a.recurrentKernel, [H, G * H]), bias: a.bias ? tf.tensor1d(a.bias) : null,
  };
}

test("LSTM: h, c, i, f, c̃, o, each [B, T, H]; without gates h and c; last step only [B, 1, H]", () => {
  const a = randomCellArrays(k, 1);
  const t = tensors(k, a);
  const want = float64Forward(k, a);
  const all = rnnFusedOp("lstm", t);
  const outs = [all.h, all.c!, ...all.gates];
  assert.equal(outs.length, 6);
  ["h", "c", "i", "f", "cTilde", "o"].forEach((q, i) => {
    assert.deepEqual(outs[i].shape, [2, 3, 3]);
    assert.ok(maxRelativeError(outs[i].dataSync(), want[q]) <= 1e-5, q);
  });
  const two = rnnFusedOp("lstm", t, false);
  assert.equal(two.gates.length, 0);
  assert.deepEqual(two.h.dataSync(), all.h.dataSync());
  assert.deepEqual(two.c!.dataSync(), all.c!.dataSync());
  const last = rnnFusedOp("lstm", t, false, true);
  assert.deepEqual(last.h.shape, [2, 1, 3]);
  const data = all.h.dataSync();
  const lastH = Float32Array.from({ length: 6 }, (_, i) => data[(Math.floor(i / 3) * 3 + 2) * 3 + (i % 3)]);
  assert.deepEqual(last.h.dataSync(), lastH);
  tf.dispose([...outs, two.h, two.c!, last.h, last.c!, ...Object.values(t).filter((v) => v !== null) as tf.Tensor[]]);
});

test("gradients of a loss through h and the forget gate only (the other outputs unused) match float64 BPTT within 1e-5", () => {
  const a = randomCellArrays(k, 2);
  const rand = randomSource(2);
  const wh = randomArray(n, rand), wf = randomArray(n, rand);
  const t = tensors(k, a);
  const list = [t.x, t.h0, t.c0!, t.kernel, t.recurrentKernel, t.bias!];
  const grads = tf.grads((x, h0, c0, kernel, recurrentKernel, bias) => {
    const out = rnnFusedOp("lstm", { x: x as tf.Tensor3D, h0: h0 as tf.Tensor2D, c0: c0 as tf.Tensor2D, kernel: kernel as tf.Tensor2D,
      recurrentKernel: recurrentKernel as tf.Tensor2D, bias: bias as tf.Tensor1D });
    const flat = (v: tf.Tensor) => tf.reshape(v, [n]);
    return tf.add(tf.sum(tf.mul(flat(out.h), tf.tensor1d(wh))), tf.sum(tf.mul(flat(out.gates[1]), tf.tensor1d(wf)))) as tf.Scalar;
  })(list);
  const want = float64Backward(k, a, { h: wh, f: wf });
  const names = ["dx", "dh0", "dc0", "dKernel", "dRecurrentKernel", "dBias"] as const;
  names.forEach((name, i) => assert.ok(maxRelativeError(grads[i].dataSync(), want[name]!) <= 1e-5, name));
});

test("lastCOnly: h of every step and c of the last step alone [B, 1, H]; gradients of a loss through both match float64 BPTT with dL/dc zero before the last step", () => {
  const a = randomCellArrays(k, 4);
  const rand = randomSource(4);
  const wh = randomArray(n, rand), wc = randomArray(k.batch * k.units, rand);
  const t = tensors(k, a);
  const want = float64Forward(k, a);
  const lastOf = (v: ArrayLike<number>) => Float32Array.from({ length: 6 }, (_, i) => v[(Math.floor(i / 3) * 3 + 2) * 3 + (i % 3)]);
  const out = rnnFusedOp("lstm", t, false, false, true);
  assert.deepEqual([out.h.shape, out.c!.shape], [[2, 3, 3], [2, 1, 3]]);
  assert.ok(maxRelativeError(out.h.dataSync(), want.h) <= 1e-5 && maxRelativeError(out.c!.dataSync(), lastOf(want.c)) <= 1e-5);
  const list = [t.x, t.h0, t.c0!, t.kernel, t.recurrentKernel, t.bias!];
  const grads = tf.grads((x, h0, c0, kernel, recurrentKernel, bias) => {
    const o = rnnFusedOp("lstm", { x: x as tf.Tensor3D, h0: h0 as tf.Tensor2D, c0: c0 as tf.Tensor2D, kernel: kernel as tf.Tensor2D,
      recurrentKernel: recurrentKernel as tf.Tensor2D, bias: bias as tf.Tensor1D }, false, false, true);
    return tf.add(tf.sum(tf.mul(tf.reshape(o.h, [n]), tf.tensor1d(wh))), tf.sum(tf.mul(tf.reshape(o.c!, [6]), tf.tensor1d(wc)))) as tf.Scalar;
  })(list);
  const dc = new Float32Array(n);
  for (let b = 0; b < 2; b++) dc.set(wc.subarray(b * 3, b * 3 + 3), (b * 3 + 2) * 3);
  const wantGrads = float64Backward(k, a, { h: wh, c: dc });
  const names = ["dx", "dh0", "dc0", "dKernel", "dRecurrentKernel", "dBias"] as const;
  names.forEach((name, i) => assert.ok(maxRelativeError(grads[i].dataSync(), wantGrads[name]!) <= 1e-5, `${name}: ${maxRelativeError(grads[i].dataSync(), wantGrads[name]!)}`));
  tf.dispose([out.h, out.c!, ...grads, ...Object.values(t).filter((v) => v !== null) as tf.Tensor[]]);
});

test("SimpleRNN: h [B, T, H], and its gradients without bias", () => {
  const s: CellCase = { cell: "simpleRnn", batch: 3, time: 2, inputDim: 2, units: 4, useBias: false };
  const a = randomCellArrays(s, 3);
  const t = tensors(s, a);
  const out = rnnFusedOp("simpleRnn", t);
  assert.deepEqual(out.h.shape, [3, 2, 4]);
  assert.equal(out.c, null);
  assert.ok(maxRelativeError(out.h.dataSync(), float64Forward(s, a).h) <= 1e-5);
  const [dU] = tf.grads((u) => tf.sum(rnnFusedOp("simpleRnn", { ...t, recurrentKernel: u as tf.Tensor2D }).h) as tf.Scalar)([t.recurrentKernel]);
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
  assert.deepEqual(Array.from(rnnFusedOp("lstm", { ...t, x: cast as tf.Tensor3D }).h.dataSync()), Array.from(rnnFusedOp("lstm", t).h.dataSync())); // before: "input x must be a Float32Array"
});

test("wrong dtypes and shapes are refused naming the input, what it must be and what it got", () => {
  const t = tensors(k, randomCellArrays(k, 4));
  assert.throws(() => rnnFusedOp("lstm", { ...t, x: tf.cast(t.x, "int32") }), { message: "fused lstm: input x must be float32 [batch, time, inputDim], got int32 [2,3,2]" });
  assert.throws(() => rnnFusedOp("lstm", { ...t, kernel: tf.zeros([2, 9]) as tf.Tensor2D }), { message: "fused lstm: input kernel must be float32 [2,12], got float32 [2,9]" });
  assert.throws(() => rnnFusedOp("lstm", { ...t, h0: tf.zeros([3, 3]) as tf.Tensor2D }), { message: "fused lstm: input h0 must be float32 [2,3], got float32 [3,3]" });
  assert.throws(() => rnnFusedOp("lstm", { ...t, c0: null }), { message: "fused lstm: input c0 is missing" });
  assert.throws(() => rnnFusedOp("simpleRnn", { ...t, c0: null }), /fused simpleRnn: input recurrentKernel must be float32 \[3,3\], got float32 \[3,12\]/);
});

for (const cell of ["lstm", "simpleRnn"] as const) {
  test(`${cell}: a one-hot x marked with its ids (the kernel gathers rows) gives the reference's outputs and gradients on the one-hot rows`, () => {
    const c: CellCase = { cell, batch: 3, time: 4, inputDim: 5, units: 3, useBias: true };
    const a = randomCellArrays(c, 6);
    const ids = Int32Array.from([0, 4, 2, 2, 1, -1, 3, 0, 4, 4, 7, 1]); // -1 and 7: all-zero rows, as tf.oneHot
    const hot = tf.oneHot(tf.tensor2d(ids, [3, 4], "int32"), 5).toFloat() as tf.Tensor3D;
    const plain = tf.clone(hot); // the same rows, not marked: the fused op multiplies by them
    markOneHot(hot, ids, 5);
    const t = tensors(c, a);
    const rand = randomSource(7);
    const wh = tf.tensor3d(randomArray(36, rand), [3, 4, 3]), wc = tf.tensor3d(randomArray(36, rand), [3, 4, 3]);
    const weightsOf = (x: tf.Tensor3D) => [x, t.h0, ...(t.c0 ? [t.c0] : []), t.kernel, t.recurrentKernel, t.bias!];
    const run = (fn: (x: tf.Tensor3D, rest: tf.Tensor[]) => { h: tf.Tensor; c: tf.Tensor | null }, x: tf.Tensor3D) => {
      const g = tf.grads((...ts: tf.Tensor[]) => {
        const out = fn(x, ts);
        const loss = tf.sum(tf.mul(out.h, wh));
        return (out.c ? tf.add(loss, tf.sum(tf.mul(out.c, wc))) : loss) as tf.Scalar;
      })(weightsOf(x).slice(1));
      return { out: fn(x, weightsOf(x).slice(1)), g };
    };
    const split = (ts: tf.Tensor[]) => cell === "lstm"
      ? { h0: ts[0] as tf.Tensor2D, c0: ts[1] as tf.Tensor2D, kernel: ts[2] as tf.Tensor2D, recurrentKernel: ts[3] as tf.Tensor2D, bias: ts[4] as tf.Tensor1D }
      : { h0: ts[0] as tf.Tensor2D, c0: null, kernel: ts[1] as tf.Tensor2D, recurrentKernel: ts[2] as tf.Tensor2D, bias: ts[3] as tf.Tensor1D };
    const fused = run((x, ts) => rnnFusedOp(cell, { x, ...split(ts) }, false), hot);
    const reference = run((x, ts) => {
      const s = split(ts);
      return cell === "lstm" ? referenceLstmSequence({ x, ...s, c0: s.c0! }, {}) : { ...referenceSimpleRnnSequence({ x, ...s }, {}), c: null };
    }, plain);
    assert.ok(maxRelativeError(fused.out.h.dataSync(), reference.out.h.dataSync()) <= 1e-5, "h");
    if (cell === "lstm") assert.ok(maxRelativeError(fused.out.c!.dataSync(), reference.out.c!.dataSync()) <= 1e-5, "c");
    fused.g.forEach((g, i) => assert.ok(maxRelativeError(g.dataSync(), reference.g[i].dataSync()) <= 1e-5, `gradient ${i}`));
    // x's own gradient: zeros (ids have none)
    const [dx] = tf.grads((x: tf.Tensor) => tf.sum(rnnFusedOp(cell, { ...t, x: x as tf.Tensor3D }, false).h) as tf.Scalar)([hot]);
    assert.ok(dx.dataSync().every((v) => v === 0));
  });
}
