import * as tf from "@tensorflow/tfjs";
import { tfjsLoss } from "./tfjsLoss";

type Loss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/**
 * A loss op beside tfjs's loss of the same name on the same targets and probabilities `p`: each
 * one's per-row losses, the weighted total Σ weights ⊙ losses, and that total's gradient with respect to `p`.
 */
export function lossOpParity(op: Loss, tfjsName: string, targets: tf.Tensor, p: tf.Tensor, weights: tf.Tensor) {
  const run = (f: Loss) => {
    const { value, grads } = tf.valueAndGrads((q: tf.Tensor) => tf.sum(tf.mul(f(targets, q), weights)) as tf.Scalar)([p]);
    return { losses: f(targets, p).dataSync(), loss: value.dataSync()[0], grad: grads[0].dataSync() };
  };
  return { fast: run(op), plain: run(tfjsLoss(tfjsName)) };
}
