import * as tf from "@tensorflow/tfjs";

/**
 * tfjs's own loss function of that name (as `model.compile` resolves it), taken from a compiled
 * one-layer model: tfjs-layers does not export its loss functions, and its ESM files do not load under CommonJS.
 */
export function tfjsLoss(name: string): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [1] })] });
  model.compile({ optimizer: "sgd", loss: name });
  const fn = (model as unknown as { model: { lossFunctions: ((a: tf.Tensor, b: tf.Tensor) => tf.Tensor)[] } }).model.lossFunctions[0];
  model.dispose();
  return fn;
}
