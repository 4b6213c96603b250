import * as tf from "@tensorflow/tfjs";
import { fusedSimpleRnnSequence, fusedSimpleRnnSupports } from "../kernels/fusedSimpleRnnSequence";
import { GrulabRecurrent } from "./recurrentLayer";
import type { RecurrentOptions } from "./recurrentSettings";
import { referenceSimpleRnnSequence } from "./referenceSimpleRnnSequence";
import type { SimpleRnnSequenceOutputs } from "../kernels/simpleRnnSequence";

/**
 * grulab's SimpleRNN layer (Elman): h_t = act(x_t W + b + h_{t−1} U) with Keras's weights
 * (kernel [inputDim, units], recurrentKernel [units, units], bias [units]). The fused kernel runs
 * by default on cpu and wasm (activation tanh). Serializable as "GrulabSimpleRNN". Departs from
 * Keras: no masking support, no `stateful`. Options and defaults: see `RecurrentOptions`.
 *
 * @example
 * const model = tf.sequential({ layers: [simpleRnn({ units: 32, inputShape: [30, 8] }), tf.layers.dense({ units: 1 })] });
 */
export class GrulabSimpleRNN extends GrulabRecurrent {
  static className = "GrulabSimpleRNN";

  constructor(options: RecurrentOptions) {
    super(options, { cell: "SimpleRNN", gates: 1, states: 1 });
  }

  /**
   * Runs the layer's sequence function on `x` [batch, time, inputDim] from `initialState` ([h0] or
   * zeros) and returns every step's h ([batch, time, units], in processing order). The caller
   * disposes it. `training` applies dropout. `lastStepOnly`: only the last step is needed; the
   * fused implementation then returns h as [batch, 1, units] (the reference: every step).
   *
   * @example
   * const { h } = layer.runSequence(x);
   */
  runSequence(x: tf.Tensor3D, initialState: tf.Tensor2D[] | null = null, training = false, lastStepOnly = false): SimpleRnnSequenceOutputs {
    return tf.tidy(() => {
      const run = this.prepare(x, initialState, training);
      const inputs = { x: run.x, h0: run.states[0], ...run.weights };
      const options = { activation: this.activation, lastStepOnly };
      if (run.recurrentMask) return referenceSimpleRnnSequence(inputs, options, run.recurrentMask) as unknown as tf.TensorContainerObject;
      const fn = run.fused ? fusedSimpleRnnSequence : referenceSimpleRnnSequence;
      return fn(inputs, options) as unknown as tf.TensorContainerObject;
    }) as unknown as SimpleRnnSequenceOutputs;
  }

  protected override runStates(x: tf.Tensor3D, initialState: tf.Tensor2D[] | null, training: boolean, lastStepOnly: boolean): tf.Tensor3D[] {
    return [this.runSequence(x, initialState, training, lastStepOnly).h];
  }

  protected override fusedSupported(): boolean {
    return fusedSimpleRnnSupports({ activation: this.activation });
  }
}
tf.serialization.registerClass(GrulabSimpleRNN);

/**
 * Makes a grulab SimpleRNN layer (see `GrulabSimpleRNN`) with Keras's defaults: units required;
 * activation "tanh", useBias true, kernelInitializer "glorotUniform", recurrentInitializer
 * "orthogonal", biasInitializer "zeros", no regularizers or constraints,
 * returnSequences/returnState/goBackwards false, dropout/recurrentDropout 0, implementation "auto".
 *
 * @example
 * const layer = simpleRnn({ units: 16, returnSequences: true });
 */
export function simpleRnn(options: RecurrentOptions): GrulabSimpleRNN {
  return new GrulabSimpleRNN(options);
}
