import type * as tf from "@tensorflow/tfjs";
import { FusedAdam } from "./fusedAdam";

/**
 * The optimizer every model builder compiles with: Adam at `learningRate` (β 0.9/0.999
 * as Keras; ε: tfjs's backend epsilon, 1e-7 on float32, as Keras), its gradients clipped to an L2
 * norm ≤ `clipNorm` each when `clipNorm` > 0 (Keras's `clipnorm`; tfjs's adam takes none); a
 * `FusedAdam`, tfjs's Adam with the step computed in one pass per weight.
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
  return new FusedAdam(learningRate, clipNorm);
}
