import * as tf from "@tensorflow/tfjs";

/**
 * ‖∂L/∂x_t‖ for every step t of one batch: the gradient of the batch's mean loss L with respect
 * to the input x [batch, time, features], its Euclidean norm taken over batch and features at
 * each step. How much the loss still depends on what the network saw t steps ago: a vanishing
 * gradient shows as norms that fall by orders of magnitude towards t = 0. `loss` defaults to the
 * model's compiled loss when that is "meanSquaredError" or "categoricalCrossentropy".
 *
 * @example
 * const data = addingProblem({ samples: 32, length: 100, seed: 1 });
 * const norms = inputGradientNorms(model, data.x, data.y); // number[100]
 */
export function inputGradientNorms(
  model: tf.LayersModel,
  x: tf.Tensor3D,
  y: tf.Tensor,
  loss?: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor,
): number[] {
  if (x.rank !== 3) throw new Error(`inputGradientNorms: x has shape [${x.shape}], expected [batch, time, features]`);
  const lossFn = loss ?? compiledLoss(model);
  return tf.tidy(() => {
    const f = (input: tf.Tensor) => tf.mean(lossFn(y, model.apply(input, { training: false }) as tf.Tensor)) as tf.Scalar;
    const g = tf.grad(f)(x);
    return Array.from(tf.sqrt(tf.sum(tf.square(g), [0, 2])).dataSync());
  });
}

function compiledLoss(model: tf.LayersModel): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor {
  const name = Array.isArray(model.loss) ? model.loss[0] : model.loss;
  if (name === "meanSquaredError") return (t, p) => tf.losses.meanSquaredError(t, p, undefined, tf.Reduction.NONE);
  if (name === "categoricalCrossentropy") return (t, p) => tf.metrics.categoricalCrossentropy(t, p);
  throw new Error(`inputGradientNorms: the model's loss ${JSON.stringify(name)} is not one of meanSquaredError, categoricalCrossentropy; pass the loss function`);
}
