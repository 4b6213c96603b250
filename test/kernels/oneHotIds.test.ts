import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/index";
import { fusedGruSequence } from "../../src/kernels/fusedGruSequence";
import { markOneHot, oneHotIds } from "../../src/kernels/oneHotIds";
import { referenceGruSequence } from "../../src/models/referenceGruSequence";
import { maxRelativeError, randomArray, randomSource } from "../support/gruTestReferences";

test("markOneHot / oneHotIds: a marked tensor gives its ids back; any other tensor (a copy, a derived one) gives null; a size mismatch is an error", async () => {
  await initBackend();
  const ids = Int32Array.from([0, 2, 1, 5]);
  const x = tf.oneHot(tf.tensor1d(ids, "int32"), 3).toFloat();
  assert.equal(oneHotIds(x), null);
  markOneHot(x, ids, 3);
  assert.deepEqual(oneHotIds(x), { ids, depth: 3 });
  assert.equal(oneHotIds(x.clone()), null);
  assert.equal(oneHotIds(tf.reverse(x, 0)), null);
  assert.throws(() => markOneHot(x, ids, 4), /a tensor \[4,3\] is not the one-hot rows of 4 ids of depth 4/);
});

test("fused GRU on marked one-hot rows (ids: a gather instead of x·W): h bitwise as on the same rows unmarked; h0, kernel, recurrent kernel and bias gradients equal autograd through referenceGruSequence (≤ 1e-5)", async () => {
  await initBackend();
  const [B, T, V, H] = [4, 6, 9, 10];
  const rand = randomSource(11);
  // every id, an id outside the depth (an all-zero row, as tf.oneHot gives), repeats
  const ids = Int32Array.from({ length: B * T }, (_, i) => (i === 5 ? V + 2 : (i * 4) % V));
  const weights = {
    h0: tf.tensor2d(randomArray(B * H, rand, 0.5), [B, H]), kernel: tf.tensor2d(randomArray(V * 3 * H, rand, 0.4), [V, 3 * H]),
    recurrentKernel: tf.tensor2d(randomArray(H * 3 * H, rand, 0.3), [H, 3 * H]), bias: tf.tensor2d(randomArray(6 * H, rand, 0.2), [2, 3 * H]),
  };
  const w = tf.tensor3d(randomArray(B * T * H, rand), [B, T, H]);
  const hot = () => tf.oneHot(tf.tensor2d(ids, [B, T], "int32"), V).toFloat() as tf.Tensor3D;
  const marked = hot();
  markOneHot(marked, ids, V);
  const plainH = fusedGruSequence({ ...weights, x: hot() }, { resetAfter: true }).h.dataSync();
  const markedH = fusedGruSequence({ ...weights, x: marked }, { resetAfter: true }).h.dataSync();
  assert.ok(plainH.every((v, i) => Object.is(v, markedH[i])), "h differs from the one-hot matmul's");
  const loss = (seq: typeof fusedGruSequence, x: tf.Tensor3D) => (h0: tf.Tensor, k: tf.Tensor, u: tf.Tensor, b: tf.Tensor) =>
    seq({ x, h0: h0 as tf.Tensor2D, kernel: k as tf.Tensor2D, recurrentKernel: u as tf.Tensor2D, bias: b as tf.Tensor2D }, { resetAfter: true }).h.mul(w).sum() as tf.Scalar;
  const args = [weights.h0, weights.kernel, weights.recurrentKernel, weights.bias];
  const got = tf.grads(loss(fusedGruSequence, marked))(args);
  const want = tf.grads(loss(referenceGruSequence, hot()))(args);
  ["h0", "kernel", "recurrentKernel", "bias"].forEach((name, i) => {
    const err = maxRelativeError(got[i].dataSync(), want[i].dataSync());
    assert.ok(err <= 1e-5, `${name}: ${err}`);
  });
  const dx = tf.grad((x: tf.Tensor) => fusedGruSequence({ ...weights, x: x as tf.Tensor3D }, { resetAfter: true }).h.sum() as tf.Scalar)(marked);
  // the one-hot rows of ids get no gradient (zeros of their shape)
  assert.equal(dx.shape.join(), [B, T, V].join());
  assert.ok(dx.dataSync().every((v) => v === 0));
});
