import * as tf from "@tensorflow/tfjs";

/**
 * The optimizer every model builder compiles with: tfjs's Adam at `learningRate` (β 0.9/0.999
 * as Keras; ε: tfjs's backend epsilon, 1e-7 on float32, as Keras), its gradients clipped to an L2
 * norm ≤ `clipNorm` each when `clipNorm` > 0 (Keras's `clipnorm`; tfjs's adam takes none).
 * `learningRate` must be > 0 and `clipNorm` (default 0: no clipping) ≥ 0, else an Error naming
 * `builder` and the option. Made before any layer, so a bad option allocates nothing.
 *
 * @example
 * const optimizer = adamOptimizer("buildCharLm", 0.002, 5);
 * model.compile({ optimizer, loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
 */
export function adamOptimizer(builder: string, learningRate: number, clipNorm = 0): tf.Optimizer {
  if (!(learningRate > 0)) throw new Error(`${builder}: option learningRate must be > 0, got ${learningRate}`);
  if (!(clipNorm >= 0)) throw new Error(`${builder}: option clipNorm must be ≥ 0, got ${clipNorm}`);
  const adam = tf.train.adam(learningRate);
  if (clipNorm === 0) return adam;
  const apply = adam.applyGradients.bind(adam);
  adam.applyGradients = (grads) => {
    const list = Array.isArray(grads) ? grads : Object.entries(grads).map(([name, tensor]) => ({ name, tensor }));
    const clipped = list.map(({ name, tensor }) => ({ name, tensor: tf.tidy(() => clipByNorm(tensor, clipNorm)) }));
    try {
      apply(clipped);
    } finally {
      tf.dispose(clipped.map((g) => g.tensor));
    }
  };
  return adam;
}

function clipByNorm(t: tf.Tensor, maxNorm: number): tf.Tensor {
  const norm = tf.norm(t);
  return tf.mul(t, tf.div(maxNorm, tf.maximum(norm, maxNorm)));
}
