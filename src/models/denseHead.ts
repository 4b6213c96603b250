import * as tf from "@tensorflow/tfjs";
import type { Initializer } from "@tensorflow/tfjs-layers/dist/initializers";
import { FusedDenseLayer } from "./fusedDenseLayer";
import { FUSED_BACKENDS } from "./pickGruSequence";

/**
 * The option `head` of `buildTutorialClassifier` and `buildForecaster`, their output layer: "tfjs"
 * is tf.layers.dense; "fused" is the same layer (weights `kernel` and `bias`, same initial values,
 * same math) as one op whose products run on grulab's kernel GEMM (FusedDenseLayer), and in
 * `buildTutorialClassifier` the categorical cross-entropy as one op too.
 */
export type DenseHead = "tfjs" | "fused";
const HEADS: readonly DenseHead[] = ["tfjs", "fused"];

/** The Dense layer's settings a builder passes (the same for either head). */
export interface DenseHeadLayerOptions {
  units: number;
  /** Default "linear" (both layers). */
  activation?: "linear" | "softmax";
  kernelInitializer: Initializer;
  /** Default "zeros" (both layers). */
  biasInitializer?: "zeros";
}

/**
 * Checks `builder`'s option `head` (undefined is "tfjs", the default) before the builder makes any
 * layer, and returns what makes its output layer. An unknown value is an Error naming the option and
 * the accepted values; "fused" off the cpu and wasm backends is an Error too (the fused layer reads
 * tensors with dataSync, as the fused GRU does): there is no silent fallback.
 *
 * @example
 * const makeHead = denseHead("buildForecaster", "fused");
 * const layer = makeHead({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 44 }) });
 */
export function denseHead(builder: string, head: DenseHead | undefined): (options: DenseHeadLayerOptions) => tf.layers.Layer {
  const h = head ?? "tfjs";
  if (!HEADS.includes(h)) throw new Error(`${builder}: option head ${JSON.stringify(h)}, expected "tfjs" or "fused"`);
  if (h === "fused" && !FUSED_BACKENDS.includes(tf.getBackend())) {
    throw new Error(`${builder}: option head "fused" runs on the ${FUSED_BACKENDS.join(" and ")} backends, the active backend is "${tf.getBackend()}": use head "tfjs" (the default) there`);
  }
  return (options) => (h === "fused" ? new FusedDenseLayer(options) : tf.layers.dense(options));
}
