import type * as tf from "@tensorflow/tfjs";

/** What a one-hot tensor was made from: ids[i] is the hot position of row i (−1 or ≥ depth: an all-zero row). */
export interface OneHotIds {
  ids: Int32Array;
  depth: number;
}

// Weak: an entry lives as long as its tensor object (a disposed tensor is never looked up again).
const known = new WeakMap<tf.Tensor, OneHotIds>();

/**
 * Records that `t` ([..., depth], float32) is tf.oneHot(ids, depth), so that a consumer that can
 * use the ids instead of the one-hot rows (the fused GRU kernel: a gather of the kernel's rows
 * instead of the matmul x·W) finds them with `oneHotIds(t)`. The caller guarantees the equality.
 *
 * @example
 * const x = tf.oneHot(ids, 96).toFloat(); markOneHot(x, ids.dataSync() as Int32Array, 96);
 */
export function markOneHot(t: tf.Tensor, ids: Int32Array, depth: number): void {
  if (t.shape[t.rank - 1] !== depth || t.size !== ids.length * depth) {
    throw new Error(`markOneHot: a tensor [${t.shape}] is not the one-hot rows of ${ids.length} ids of depth ${depth}`);
  }
  known.set(t, { ids, depth });
}

/**
 * The ids `t` was marked with by `markOneHot`, or null (any other tensor, including one derived
 * from a marked tensor: a reversed, masked or sliced copy is a new tensor).
 *
 * @example
 * const hot = oneHotIds(inputs.x); // { ids, depth } or null
 */
export function oneHotIds(t: tf.Tensor): OneHotIds | null {
  return known.get(t) ?? null;
}
