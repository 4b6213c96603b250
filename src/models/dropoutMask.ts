import * as tf from "@tensorflow/tfjs";

/**
 * Keras's dropout mask: 0 with probability `rate`, else 1 / (1 − rate).
 *
 * @example
 * const xs = tf.mul(x, dropoutMask([batch, 1, inputDim], 0.2));
 */
export function dropoutMask(shape: number[], rate: number): tf.Tensor {
  return tf.tidy(() => tf.div(tf.cast(tf.greaterEqual(tf.randomUniform(shape), rate), "float32"), 1 - rate));
}
