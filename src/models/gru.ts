import * as tf from "@tensorflow/tfjs";
import type { GruSequenceOutputs } from "../kernels/gruSequence";
import type { LayerObjectIdentifier } from "./layerObjects";
import { fusedSupports } from "../kernels/fusedGruSequence";
import { pickGruSequence, type GruImplementation } from "./pickGruSequence";
import { GrulabRecurrent } from "./recurrentLayer";
import { recurrentConfig, type RecurrentOptions } from "./recurrentSettings";
import { referenceGruSequence } from "./referenceGruSequence";

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
export class GrulabGRU extends GrulabRecurrent {
  static className = "GrulabGRU";
  readonly recurrentActivation: string;
  readonly resetAfter: boolean;

  constructor(options: GruOptions) {
    super(options, { cell: "GRU", gates: 3, states: 1 });
    this.recurrentActivation = options.recurrentActivation ?? "sigmoid";
    this.resetAfter = options.resetAfter ?? true;
    this.checkActivation(this.recurrentActivation, "recurrentActivation");
  }

  // With resetAfter the recurrent product has its own bias row: [2, 3·units] (Keras's layout).
  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
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
    return this.sequence(x, initialState, training, gateOutputs, lastStepOnly, false);
  }

  // runSequence; `lastStepRows` (with lastStepOnly): the fused h as [batch, units] (GruSequenceOptions), for call
  private sequence(x: tf.Tensor3D, initialState: tf.Tensor2D | null, training: boolean, gateOutputs: boolean,
                   lastStepOnly: boolean, lastStepRows: boolean): GruSequenceOutputs {
    return tf.tidy(() => {
      const run = this.prepare(x, initialState === null ? null : [initialState], training);
      const bias = run.weights.bias as tf.Tensor1D | tf.Tensor2D | null;
      const inputs = { x: run.x, h0: run.states[0], kernel: run.weights.kernel, recurrentKernel: run.weights.recurrentKernel, bias };
      const options = { resetAfter: this.resetAfter, activation: this.activation, recurrentActivation: this.recurrentActivation, gateOutputs, lastStepOnly, lastStepRows };
      if (run.recurrentMask) return referenceGruSequence(inputs, options, run.recurrentMask) as unknown as tf.TensorContainerObject;
      return pickGruSequence(this.implementation, options)(inputs, options) as unknown as tf.TensorContainerObject;
    }) as unknown as GruSequenceOutputs;
  }

  // A layer call needs only h: the fused path then skips the gates' copies (and with lastStepOnly
  // returns the last step as [batch, units], which call uses as it is; not with returnState, whose
  // output and state are then two tensors as before).
  protected override runStates(x: tf.Tensor3D, initialState: tf.Tensor2D[] | null, training: boolean, lastStepOnly: boolean): tf.Tensor3D[] {
    return [this.sequence(x, initialState?.[0] ?? null, training, false, lastStepOnly, lastStepOnly && !this.returnState).h];
  }

  protected override fusedSupported(): boolean {
    return fusedSupports({ resetAfter: this.resetAfter, activation: this.activation, recurrentActivation: this.recurrentActivation });
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
