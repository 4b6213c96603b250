import * as tf from "@tensorflow/tfjs";
import type { LayerArgs } from "@tensorflow/tfjs-layers/dist/engine/topology";
import { markOneHot } from "../kernels/oneHotIds";

/** Options of the one-hot layer. */
export interface OneHotLayerOptions extends LayerArgs {
  /** Number of symbols: ids must lie in 0 … depth − 1 (others give an all-zero row, as tf.oneHot). */
  depth: number;
}

/**
 * A weightless layer turning integer ids [batch, time] into one-hot vectors [batch, time, depth]
 * (float32). It replaces tf.layers.embedding in grulab's char LM: the embedding's gradient needs
 * the UnsortedSegmentSum kernel, which tfjs's wasm backend lacks. A learned embedding is this
 * followed by a Dense layer without bias. Serializable as "GrulabOneHot". Its output is marked with
 * its ids (markOneHot): a fused GRU layer reading it directly gathers its kernel's rows instead of
 * the matmul x·W, and computes no gradient for the one-hot rows (ids have none).
 *
 * @example
 * const model = tf.sequential({ layers: [new OneHotLayer({ depth: 96, inputShape: [null] }), gru({ units: 64 })] });
 */
export class OneHotLayer extends tf.layers.Layer {
  static className = "GrulabOneHot";
  readonly depth: number;

  constructor(options: OneHotLayerOptions) {
    super(options);
    if (!Number.isInteger(options.depth) || options.depth < 1) throw new Error(`OneHotLayer option depth: ${options.depth}, expected a positive integer`);
    this.depth = options.depth;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) || inputShape[0] === undefined ? inputShape[0] : inputShape) as tf.Shape;
    return [...shape, this.depth];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const out = tf.tidy(() => {
      const ids = Array.isArray(inputs) ? inputs[0] : inputs;
      return tf.oneHot(tf.cast(ids, "int32"), this.depth).toFloat();
    });
    // the ids behind the rows: the fused GRU gathers its kernel's rows instead of multiplying by them
    const ids = Array.isArray(inputs) ? inputs[0] : inputs;
    const idArray = Int32Array.from(ids.dataSync()); // truncated as tf.cast to int32
    markOneHot(out, idArray, this.depth);
    return out;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), depth: this.depth };
  }
}
tf.serialization.registerClass(OneHotLayer);
