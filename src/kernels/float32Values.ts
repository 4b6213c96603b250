import type * as tf from "@tensorflow/tfjs";

/**
 * A float32 tensor's values as a Float32Array, as the fused kernels take them. Usually the
 * backend's own array; a copy when the cpu backend hands back another array type: its cast of an
 * int32 tensor to float32 keeps the int32 values (`tf.oneHot(ids, n).toFloat()` and
 * `tf.cast(intIds, "float32")` read back as an Int32Array there).
 *
 * Internal: the fused ops read their inputs through it; not exported from an index.
 *
 * @example
 * const x = float32Values(tf.oneHot(tf.tensor1d([1, 0], "int32"), 2).toFloat()); // Float32Array [0, 1, 1, 0]
 */
export function float32Values(t: tf.Tensor): Float32Array {
  const values = t.dataSync();
  return values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
}
