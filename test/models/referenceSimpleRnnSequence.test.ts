// referenceSimpleRnnSequence: h and its tfjs gradients against the float64 SimpleRNN
// (test/support/float64Cells.ts), the recurrent mask, the activation option by hand, and
// checkSimpleRnnShapes's messages.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { checkSimpleRnnShapes, referenceSimpleRnnSequence } from "../../src/models/referenceSimpleRnnSequence";
import { float64Backward, float64Forward, type CellCase } from "../support/float64Cells";
import { maxRelativeError, randomArray, randomSource } from "../support/gruTestReferences";
import { randomCellArrays } from "../support/rnnTestCases";

const k: CellCase = { cell: "simpleRnn", batch: 2, time: 4, inputDim: 3, units: 3, useBias: true };
const ts = (a: ReturnType<typeof randomCellArrays>) => ({
  x: tf.tensor3d(a.x, [2, 4, 3]), h0: tf.tensor2d(a.h0, [2, 3]), kernel: tf.tensor2d(a.kernel, [3, 3]),
  recurrentKernel: tf.tensor2d(a.recurrentKernel, [3, 3]), bias: tf.tensor1d(a.bias!),
});

test("h of every step and tfjs gradients match float64 within 1e-5; with a recurrent mask too", () => {
  const a = randomCellArrays(k, 1);
  const t = ts(a);
  assert.ok(maxRelativeError(referenceSimpleRnnSequence(t, {}).h.dataSync(), float64Forward(k, a).h) <= 1e-5);
  const mask = Float32Array.of(0, 1, 2, 1, 1, 0.5);
  assert.ok(maxRelativeError(referenceSimpleRnnSequence(t, {}, tf.tensor2d(mask, [2, 3])).h.dataSync(), float64Forward(k, a, mask).h) <= 1e-5);
  const w = randomArray(24, randomSource(1));
  const grads = tf.grads((x, h0, kernel, recurrentKernel, bias) => tf.sum(tf.mul(referenceSimpleRnnSequence({ x: x as tf.Tensor3D, h0: h0 as tf.Tensor2D,
    kernel: kernel as tf.Tensor2D, recurrentKernel: recurrentKernel as tf.Tensor2D, bias: bias as tf.Tensor1D }, {}).h, tf.tensor3d(w, [2, 4, 3]))) as tf.Scalar)(
    [t.x, t.h0, t.kernel, t.recurrentKernel, t.bias]);
  const want = float64Backward(k, a, { h: w });
  (["dx", "dh0", "dKernel", "dRecurrentKernel", "dBias"] as const).forEach((name, i) => assert.ok(maxRelativeError(grads[i].dataSync(), want[name]!) <= 1e-5, name));
});

test("the activation option: two relu steps by hand", () => {
  // h1 = relu(x1·w + h0·u + b), h2 = relu(x2·w + h1·u + b)
  const [w, u, b, h0] = [2, -0.5, 0.1, 1];
  const x = [0.3, -0.2];
  const h1 = Math.max(0, x[0] * w + h0 * u + b), h2 = Math.max(0, x[1] * w + h1 * u + b);
  const h = referenceSimpleRnnSequence({ x: tf.tensor3d(x, [1, 2, 1]), h0: tf.tensor2d([h0], [1, 1]), kernel: tf.tensor2d([w], [1, 1]),
    recurrentKernel: tf.tensor2d([u], [1, 1]), bias: tf.tensor1d([b]) }, { activation: "relu" }).h.dataSync();
  assert.ok(Math.abs(h[0] - h1) < 1e-7 && h[1] === 0 && h2 === 0, `h ${Array.from(h)}, want ${[h1, h2]}`);
});

test("checkSimpleRnnShapes names the input, its shape and the expected one", () => {
  const t = ts(randomCellArrays(k, 2));
  const fails = (patch: Partial<typeof t>, message: string) => assert.throws(() => checkSimpleRnnShapes({ ...t, ...patch }), { message });
  fails({ x: tf.zeros([2, 4]) as unknown as tf.Tensor3D }, "SimpleRNN sequence input x: shape [2, 4], expected [batch, time, inputDim]");
  fails({ recurrentKernel: tf.zeros([3, 4]) as tf.Tensor2D }, "SimpleRNN sequence input recurrentKernel: shape [3, 4], expected [units, units]");
  fails({ kernel: tf.zeros([2, 3]) as tf.Tensor2D }, "SimpleRNN sequence input kernel: shape [2, 3], expected [3, 3]");
  fails({ h0: tf.zeros([3, 3]) as tf.Tensor2D }, "SimpleRNN sequence input h0: shape [3, 3], expected [2, 3]");
  fails({ bias: tf.zeros([4]) as tf.Tensor1D }, "SimpleRNN sequence input bias: shape [4], expected [3]");
  assert.throws(() => referenceSimpleRnnSequence(t, { activation: "swish" }), /^Error: SimpleRNN option activation: unknown activation "swish"/);
});
