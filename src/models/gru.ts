import * as tf from "@tensorflow/tfjs";
import type { Kwargs } from "@tensorflow/tfjs-layers/dist/types";
import type { GruSequenceOutputs } from "../kernels/gruSequence";
import type { LayerObjectIdentifier } from "./layerObjects";
import { pickGruSequence, type GruImplementation } from "./pickGruSequence";
import { gruActivation } from "./gruActivation";
import type { RecurrentOptions } from "./recurrentSettings";
import { dropoutMask, recurrentConfig } from "./recurrentSettings";
import { RecurrentLayerBase } from "./recurrentLayerBase";
import { referenceGruSequence } from "./referenceGruSequence";
import type { Shape } from "./layerShape";

/**
 * Options of grulab's GRU layer: those of `RecurrentOptions` (Keras names and defaults) plus the
 * gate activation and resetAfter; tfjs's `tf.layers.gru` differs where marked.
 */
export interface GruOptions extends RecurrentOptions {
  /** Candidate activation, default "tanh". */
  activation?: string;
  /** Gate activation, default "sigmoid" (as tf.keras 2 and Keras 3; tfjs's GRU defaults to hardSigmoid). */
  recurrentActivation?: string;
  /** Default true (tf.keras 2 and Keras 3, PyTorch, cuDNN); tfjs's GRU supports only false. */
  resetAfter?: boolean;
  /** Default "glorotUniform" (as Keras; tfjs's GRU defaults to glorotNormal). */
  kernelInitializer?: LayerObjectIdentifier;
  /**
   * Fraction of input features dropped while training: one mask per sequence, fixed across time
   * steps, shared by the 3 gates (Keras 3, Keras 2's default implementation=2; tf.layers.gru draws one mask per gate).
   */
  dropout?: number;
  /**
   * Fraction of h_{t−1} dropped while training: one mask per sequence, fixed across time steps
   * (Gal & Ghahramani 2016); the masked h_{t−1} is used everywhere in the step, including z ⊙ h_{t−1}, as in Keras and tfjs.
   */
  recurrentDropout?: number;
  /** Which whole-sequence implementation runs: see `pickGruSequence`. Default "auto". */
  implementation?: GruImplementation;
}

/**
 * grulab's GRU layer: Keras's weights and gate order (kernel [inputDim, 3·units],
 * recurrentKernel [units, 3·units], bias [3·units] or, with resetAfter, [2, 3·units]; z | r | h),
 * both conventions, and its gates on request (`runSequence`). Serializable as "GrulabGRU".
 * Departs from Keras: no masking support, no `stateful`.
 *
 * @example
 * const model = tf.sequential({ layers: [gru({ units: 16, inputShape: [30, 8] }), tf.layers.dense({ units: 5, activation: "softmax" })] });
 * // tfjs types the layer a bidirectional wrapper takes as RNN; grulab's GRU works there through a cast:
 * const bi = tf.layers.bidirectional({ layer: gru({ units: 16, returnSequences: true }) as unknown as tf.RNN });
 */
export class GrulabGRU extends RecurrentLayerBase {
  static className = "GrulabGRU";
  readonly recurrentActivation: string;
  readonly resetAfter: boolean;

  constructor(options: GruOptions) {
    super(options, { cell: "GRU", states: 1 });
    this.recurrentActivation = options.recurrentActivation ?? "sigmoid";
    this.resetAfter = options.resetAfter ?? true;
    gruActivation(this.recurrentActivation, "recurrentActivation");
  }

  override build(inputShape: Shape | Shape[]): void {
    this.buildWeights(inputShape, 3 * this.units, this.resetAfter ? [2, 3 * this.units] : [3 * this.units]);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const fromKwargs = kwargs?.["initialState"] as tf.Tensor | tf.Tensor[] | undefined;
      const h0 = list.length > 1 ? list[1] : Array.isArray(fromKwargs) ? fromKwargs[0] : fromKwargs;
      const seq = this.runSequence(list[0] as tf.Tensor3D, (h0 ?? null) as tf.Tensor2D | null, kwargs?.["training"] === true, false,
        !this.returnSequences);
      const time = seq.h.shape[1];
      const last = tf.reshape(time === 1 ? seq.h : tf.slice(seq.h, [0, time - 1, 0], [-1, 1, -1]), [-1, this.units]);
      const output = this.returnSequences ? seq.h : last;
      return this.returnState ? [output, last] : output;
    });
  }

  /**
   * Runs the layer's sequence function on `x` [batch, time, inputDim] and returns every step's
   * h, z, r and hTilde ([batch, time, units], in processing order: reversed for goBackwards).
   * The caller disposes them. `training` applies dropout as `fit` does. `gateOutputs` false: only
   * h is needed (the layer's call): the fused implementation returns z, r, hTilde empty.
   * `lastStepOnly` (with gateOutputs false): only the last step's h is needed; the fused
   * implementation then returns h as [batch, 1, units] (the reference: every step, as always).
   *
   * @example
   * const { h, z, r, hTilde } = layer.runSequence(x);
   */
  runSequence(x: tf.Tensor3D, initialState: tf.Tensor2D | null = null, training = false, gateOutputs = true,
              lastStepOnly = false): GruSequenceOutputs {
    if (!this.built || this.kernel === null || this.recurrentKernel === null) {
      throw new Error(`GRU layer ${this.name}: not built yet (call it on an input or build a model with it first)`);
    }
    const kernel = this.kernel.read() as tf.Tensor2D;
    const recurrentKernel = this.recurrentKernel.read() as tf.Tensor2D;
    const bias = this.bias === null ? null : (this.bias.read() as tf.Tensor1D | tf.Tensor2D);
    const outputs = tf.tidy(() => {
      const [batch, , inputDim] = x.shape;
      let xs: tf.Tensor3D = this.goBackwards ? tf.reverse(x, 1) : x;
      if (training && this.dropout > 0) xs = tf.mul(xs, dropoutMask([batch, 1, inputDim], this.dropout));
      const h0 = initialState ?? tf.zeros([batch, this.units]);
      const inputs = { x: xs, h0: h0 as tf.Tensor2D, kernel, recurrentKernel, bias };
      const options = { resetAfter: this.resetAfter, activation: this.activation, recurrentActivation: this.recurrentActivation, gateOutputs, lastStepOnly };
      if (training && this.recurrentDropout > 0) {
        // Recurrent dropout needs a mask inside the time loop: only the reference implements it.
        const mask = dropoutMask([batch, this.units], this.recurrentDropout) as tf.Tensor2D;
        return referenceGruSequence(inputs, options, mask) as unknown as tf.TensorContainerObject;
      }
      return pickGruSequence(this.implementation, options)(inputs, options) as unknown as tf.TensorContainerObject;
    });
    return outputs as unknown as GruSequenceOutputs;
  }

  override getConfig(): tf.serialization.ConfigDict {
    // Key order as before the config was shared: units, activation, recurrentActivation, resetAfter, useBias, …
    const shared = recurrentConfig(this, this.objects);
    return { ...super.getConfig(), units: shared.units, activation: shared.activation, recurrentActivation: this.recurrentActivation, resetAfter: this.resetAfter, ...shared };
  }
}
tf.serialization.registerClass(GrulabGRU);

/**
 * Makes a grulab GRU layer (see `GrulabGRU`): tf.keras 2 and Keras 3 defaults, resetAfter true.
 *
 * @example
 * const layer = gru({ units: 128, returnSequences: true });
 */
export function gru(options: GruOptions): GrulabGRU {
  return new GrulabGRU(options);
}
