import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { ownsData, tensorMemory } from "../../src/kernels/wasmTensorMemory";

// These tests pin the tfjs-backend-wasm internals wasmTensorMemory.ts relies on (typedArrayFromHeap
// gives the tensor's own storage, refCount counts the tensors sharing it): if a tfjs upgrade
// changes either, they fail here rather than FusedAdam writing into the wrong memory.
test("tensorMemory on tfjs's wasm backend: the tensor's own values in place (writing the view changes the tensor), null for int32 and disposed tensors", async () => {
  await tf.setBackend("wasm");
  const t = tf.tensor2d([[1.5, -2], [3, 0.25]]);
  const view = tensorMemory(t);
  assert.ok(view instanceof Float32Array, "a Float32Array view");
  assert.deepEqual(Array.from(view!), [1.5, -2, 3, 0.25]);
  assert.notEqual(view!.buffer, (t.dataSync() as Float32Array).buffer, "dataSync copies; the view does not");
  view![2] = 42;
  assert.deepEqual(Array.from(t.dataSync()), [1.5, -2, 42, 0.25], "the view is the tensor's storage");
  const ints = tf.tensor1d([1, 2], "int32");
  assert.equal(tensorMemory(ints), null, "float32 only");
  t.dispose();
  assert.equal(tensorMemory(t), null, "a disposed tensor has no memory");
  ints.dispose();
});

test("ownsData on tfjs's wasm backend: true only while no other tensor shares the data (a variable made from a live tensor, a live reshape)", async () => {
  await tf.setBackend("wasm");
  const t = tf.tensor1d([1, 2, 3, 4]);
  assert.equal(ownsData(t), true, "a fresh tensor");
  const v = tf.variable(t);
  assert.equal(ownsData(v), false, "the variable shares the tensor's data");
  t.dispose();
  assert.equal(ownsData(v), true, "the tensor it was made from is gone");
  const r = tf.reshape(v, [2, 2]);
  assert.equal(ownsData(v), false, "a reshape shares the data");
  assert.equal(ownsData(r), false);
  r.dispose();
  assert.equal(ownsData(v), true);
  tf.tidy(() => v.assign(tf.tensor1d([5, 6, 7, 8])));
  assert.equal(ownsData(v), true, "after an assign in a tidy, the assigned tensor is gone");
  tensorMemory(v)![0] = -1;
  assert.deepEqual(Array.from(v.dataSync()), [-1, 6, 7, 8]);
  v.dispose();
  assert.equal(ownsData(v), false, "disposed");
});

test("tensorMemory and ownsData elsewhere than the wasm backend: null and false (callers copy)", async () => {
  await tf.setBackend("cpu");
  const t = tf.tensor1d([1, 2]);
  assert.equal(tensorMemory(t), null);
  assert.equal(ownsData(t), false);
  t.dispose();
  await tf.setBackend("wasm");
});
