import * as tf from "@tensorflow/tfjs";
import { ownEntry } from "../util/ownEntry";

/** The activations a grulab GRU accepts, by their tfjs/Keras names. */
const ACTIVATIONS: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  tanh: (x) => tf.tanh(x),
  sigmoid: (x) => tf.sigmoid(x),
  // tfjs's hardSigmoid: clip(0.2·x + 0.5, 0, 1). Keras 3's hard_sigmoid is relu6(x + 3) / 6 (slope 1/6): departs from Keras 3.
  hardSigmoid: (x) => tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1),
  relu: (x) => tf.relu(x),
  linear: (x) => x,
  softsign: (x) => tf.div(x, tf.add(tf.abs(x), 1)),
  elu: (x) => tf.elu(x),
  selu: (x) => tf.selu(x),
};

/**
 * The element-wise activation called `name` (tanh, sigmoid, hardSigmoid, relu, linear, softsign,
 * elu, selu). An unknown name throws an Error starting with `option` (the layer and option, e.g.
 * "LSTM option recurrentActivation") and listing the accepted names.
 *
 * @example
 * const act = gruActivation("tanh", "GRU option activation");
 * act(tf.tensor([0, 1])).print();
 */
export function gruActivation(name: string, option: string): (x: tf.Tensor) => tf.Tensor {
  const fn = ownEntry(ACTIVATIONS, name); // not "toString" etc.
  if (fn === undefined) {
    throw new Error(`${option}: unknown activation "${name}"; expected one of ${Object.keys(ACTIVATIONS).join(", ")}`);
  }
  return fn;
}
