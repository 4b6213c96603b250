// referenceLstmSequence: every output and its tfjs gradients against the float64 LSTM
// (test/support/float64Cells.ts), the recurrent mask, the activation options against a
// hand-computed step, and checkLstmShapes's messages.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { checkLstmShapes, referenceLstmSequence } from "../../src/models/referenceLstmSequence";
import { float64Backward, float64Forward, type CellCase } from "../support/float64Cells";
import { maxRelativeError, randomArray, randomSource } from "../support/gruTestReferences";
import { randomCellArrays } from "../support/rnnTestCases";

const k: CellCase = { cell: "lstm", batch: 2, time: 3, inputDim: 2, units: 3, useBias: true };
const n = 18;
const ts = (a: ReturnType<typeof randomCellArrays>) => ({
  x: tf.tensor3d(a.x, [2, 3, 2]), h0: tf.tensor2d(a.h0, [2, 3]), c0: tf.tensor2d(a.c0!, [2, 3]),
  kernel: tf.tensor2d(a.kernel, [2, 12]), recurrentKernel: tf.tensor2d(a.recurrentKernel, [3, 12]), bias: tf.tensor1d(a.bias!),
});

test("h, c, i, f, c̃, o of every step match float64 within 1e-5; with a recurrent mask too", () => {
  const a = randomCellArrays(k, 1);
  const out = referenceLstmSequence(ts(a), {});
  const want = float64Forward(k, a);
  for (const q of ["h", "c", "i", "f", "cTilde", "o"] as const) assert.ok(maxRelativeError(out[q].dataSync(), want[q]) <= 1e-5, q);
  const mask = Float32Array.of(1, 0, 2, 0, 1.5, 1);
  const masked = referenceLstmSequence(ts(a), {}, tf.tensor2d(mask, [2, 3]));
  assert.ok(maxRelativeError(masked.h.dataSync(), float64Forward(k, a, mask).h) <= 1e-5);
});

test("tfjs gradients through h and c match float64 BPTT within 1e-5", () => {
  const a = randomCellArrays(k, 2);
  const rand = randomSource(2);
  const wh = randomArray(n, rand), wc = randomArray(n, rand);
  const t = ts(a);
  const grads = tf.grads((x, h0, c0, kernel, recurrentKernel, bias) => {
    const o = referenceLstmSequence({ x: x as tf.Tensor3D, h0: h0 as tf.Tensor2D, c0: c0 as tf.Tensor2D, kernel: kernel as tf.Tensor2D,
      recurrentKernel: recurrentKernel as tf.Tensor2D, bias: bias as tf.Tensor1D }, {});
    return tf.add(tf.sum(tf.mul(o.h, tf.tensor3d(wh, [2, 3, 3]))), tf.sum(tf.mul(o.c, tf.tensor3d(wc, [2, 3, 3])))) as tf.Scalar;
  })([t.x, t.h0, t.c0, t.kernel, t.recurrentKernel, t.bias]);
  const want = float64Backward(k, a, { h: wh, c: wc });
  (["dx", "dh0", "dc0", "dKernel", "dRecurrentKernel", "dBias"] as const).forEach((name, i) => assert.ok(maxRelativeError(grads[i].dataSync(), want[name]!) <= 1e-5, name));
});

test("activation and recurrentActivation options: one step by hand (linear, hardSigmoid)", () => {
  const [x, h0, c0] = [0.5, 0.2, -0.3];
  const W = [0.1, 0.2, 3, 0.4], U = [0.5, -0.5, 0.25, 9], b = [0, 0.1, 0.2, -0.3];
  const a = W.map((w, q) => x * w + h0 * U[q] + b[q]);
  const hs = (v: number) => Math.min(1, Math.max(0, 0.2 * v + 0.5));
  const [i, f, ct, o] = [hs(a[0]), hs(a[1]), a[2], hs(a[3])];
  const c = f * c0 + i * ct;
  const out = referenceLstmSequence({ x: tf.tensor3d([x], [1, 1, 1]), h0: tf.tensor2d([h0], [1, 1]), c0: tf.tensor2d([c0], [1, 1]),
    kernel: tf.tensor2d([W]), recurrentKernel: tf.tensor2d([U]), bias: tf.tensor1d(b) }, { activation: "linear", recurrentActivation: "hardSigmoid" });
  assert.ok(Math.abs(out.c.dataSync()[0] - c) < 1e-6 && Math.abs(out.h.dataSync()[0] - o * c) < 1e-6, `h ${out.h.dataSync()[0]}, want ${o * c}`);
  assert.throws(() => referenceLstmSequence(ts(randomCellArrays(k, 3)), { activation: "gelu" }), /^Error: LSTM option activation: unknown activation "gelu"/);
});

test("checkLstmShapes names the input, its shape and the expected one", () => {
  const t = ts(randomCellArrays(k, 4));
  const fails = (patch: Partial<typeof t>, message: string) => assert.throws(() => checkLstmShapes({ ...t, ...patch }), { message });
  fails({ x: tf.zeros([2, 3]) as unknown as tf.Tensor3D }, "LSTM sequence input x: shape [2, 3], expected [batch, time, inputDim]");
  fails({ recurrentKernel: tf.zeros([3, 9]) as tf.Tensor2D }, "LSTM sequence input recurrentKernel: shape [3, 9], expected [units, 4·units]");
  fails({ kernel: tf.zeros([3, 12]) as tf.Tensor2D }, "LSTM sequence input kernel: shape [3, 12], expected [2, 12] (inputDim, 4·units)");
  fails({ c0: tf.zeros([1, 3]) as tf.Tensor2D }, "LSTM sequence input c0: shape [1, 3], expected [2, 3]");
  fails({ bias: tf.zeros([3]) as tf.Tensor1D }, "LSTM sequence input bias: shape [3], expected [12]");
  checkLstmShapes({ ...t, bias: null });
});
