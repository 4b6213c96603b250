import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { float32Values } from "../../src/kernels/float32Values";

test("float32Values: a float32 tensor's own array; a Float32Array copy where the cpu backend reads an int32 cast back as Int32Array", async () => {
  await tf.setBackend("cpu");
  const plain = tf.tensor1d([0.5, -2, 3]);
  assert.equal(float32Values(plain), plain.dataSync(), "no copy of a real Float32Array");
  const hot = tf.oneHot(tf.tensor1d([1, 0, 2], "int32"), 3).toFloat();
  assert.ok(hot.dataSync() instanceof Int32Array, "the cpu backend's cast keeps the int32 values");
  const values = float32Values(hot);
  assert.ok(values instanceof Float32Array);
  assert.deepEqual(Array.from(values), [0, 1, 0, 1, 0, 0, 0, 0, 1]);
  tf.dispose([plain, hot]);
});
