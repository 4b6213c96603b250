import * as tf from "@tensorflow/tfjs";

/**
 * Disposes a model and the optimizer it was compiled with. tfjs's `model.dispose()` frees the
 * weights but keeps an optimizer passed to `compile` as an object (`tf.train.adam(…)`, as
 * grulab's builders do), so Adam's moment slots stay allocated: 2 per weight + 2 scalars, 12
 * tensors for GRU → Dense. Departs from tfjs: the optimizer is disposed even when the caller made
 * it, so never share one optimizer between models that outlive each other. Returns the number of
 * tensors freed.
 *
 * @example
 * const before = tf.memory().numTensors;
 * const model = buildTutorialClassifier({ timesteps: 14, inputDim: 6, outputDim: 5 });
 * await model.trainOnBatch(x, y);
 * disposeModel(model); // tf.memory().numTensors === before
 */
export function disposeModel(model: tf.LayersModel): number {
  const before = tf.memory().numTensors;
  const optimizer = model.optimizer as tf.Optimizer | undefined;
  const owned = (model as unknown as { isOptimizerOwned?: boolean }).isOptimizerOwned === true;
  model.dispose();
  if (optimizer && !owned) optimizer.dispose();
  return before - tf.memory().numTensors;
}
