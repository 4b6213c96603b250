import * as tf from "@tensorflow/tfjs";
import { fusedLstmSequence, fusedLstmStates, fusedLstmSupports } from "../kernels/fusedLstmSequence";
import type { LstmSequenceOutputs } from "../kernels/lstmSequence";
import { GrulabRecurrent } from "./recurrentLayer";
import type { RecurrentOptions } from "./recurrentSettings";
import { referenceLstmSequence } from "./referenceLstmSequence";

/**
 * Options of grulab's LSTM layer: those of `RecurrentOptions` plus the gate activation and the forget bias.
 *
 * @example
 * const options: LstmOptions = { units: 64, unitForgetBias: false };
 */
export interface LstmOptions extends RecurrentOptions {
  /** Activation of i, f and o, default "sigmoid" (Keras; tfjs's LSTM defaults to hardSigmoid). */
  recurrentActivation?: string;
  /** Start the forget gate's bias at 1 (Jozefowicz et al. 2015), replacing what biasInitializer gave it. Default true (Keras). */
  unitForgetBias?: boolean;
}

/**
 * grulab's LSTM layer: Keras's weights and gate order (kernel [inputDim, 4·units],
 * recurrentKernel [units, 4·units], bias [4·units]; i | f | c | o), states [h, c], and every
 * step's gates on request (`runSequence`). The fused kernel runs by default on cpu and wasm.
 * Serializable as "GrulabLSTM". Departs from Keras: no masking support, no `stateful`.
 * Options and defaults: see `RecurrentOptions` and `LstmOptions`.
 *
 * @example
 * const model = tf.sequential({ layers: [lstm({ units: 32, inputShape: [30, 8] }), tf.layers.dense({ units: 5, activation: "softmax" })] });
 */
export class GrulabLSTM extends GrulabRecurrent {
  static className = "GrulabLSTM";
  readonly recurrentActivation: string;
  readonly unitForgetBias: boolean;

  constructor(options: LstmOptions) {
    super(options, { cell: "LSTM", gates: 4, states: 2 });
    this.recurrentActivation = options.recurrentActivation ?? "sigmoid";
    this.unitForgetBias = options.unitForgetBias ?? true;
    this.checkActivation(this.recurrentActivation, "recurrentActivation");
  }

  override build(inputShape: (number | null)[] | (number | null)[][]): void {
    super.build(inputShape);
    if (this.bias && this.unitForgetBias) {
      const H = this.units;
      const b = this.bias.read();
      const withForget = tf.tidy(() => tf.concat([tf.slice(b, 0, H), tf.ones([H]), tf.slice(b, 2 * H, 2 * H)]));
      this.bias.write(withForget); // the variable takes the values; the temporary is freed
      withForget.dispose();
    }
  }

  /**
   * Runs the layer's sequence function on `x` [batch, time, inputDim] from `initialState` ([h0, c0]
   * or zeros) and returns every step's h, c, i, f, cTilde and o ([batch, time, units], in
   * processing order: reversed for goBackwards). The caller disposes them. `training` applies dropout.
   * `gateOutputs` false: only h and c are needed (reading text with the state carried): the fused
   * implementation then skips the gates' copies and returns i, f, cTilde, o as empty [batch, time, 0] tensors.
   * `lastCOnly` (with `gateOutputs` false): only the final c is needed (a reader carrying the state):
   * the fused implementation then returns c as [batch, 1, units] (the reference's has every step; take the last).
   *
   * @example
   * const { h, c, i, f, cTilde, o } = layer.runSequence(x);
   */
  runSequence(x: tf.Tensor3D, initialState: tf.Tensor2D[] | null = null, training = false, gateOutputs = true, lastCOnly = false): LstmSequenceOutputs {
    if (gateOutputs) return this.run(x, initialState, training, true) as LstmSequenceOutputs;
    const [h, c] = this.hAndC(x, initialState, training, false, lastCOnly);
    const [batch, time] = h.shape;
    const empty = () => tf.tensor3d(new Float32Array(0), [batch, time, 0]);
    return { h: h as tf.Tensor3D, c: c as tf.Tensor3D, i: empty(), f: empty(), cTilde: empty(), o: empty() };
  }

  // A layer call needs only the states, and of c only the last step (call carries or returns the
  // final state alone): the fused path then skips the gates' copies and c's of every other step.
  protected override runStates(x: tf.Tensor3D, initialState: tf.Tensor2D[] | null, training: boolean, lastStepOnly: boolean): tf.Tensor3D[] {
    return this.hAndC(x, initialState, training, lastStepOnly, true);
  }

  // h and c alone (the reference's gates disposed).
  private hAndC(x: tf.Tensor3D, initialState: tf.Tensor2D[] | null, training: boolean, lastStepOnly: boolean, lastCOnly: boolean): tf.Tensor3D[] {
    const out = this.run(x, initialState, training, false, lastStepOnly, lastCOnly);
    tf.dispose(Object.values(out).filter((t) => t !== out.h && t !== out.c));
    return [out.h, out.c];
  }

  private run(x: tf.Tensor3D, initialState: tf.Tensor2D[] | null, training: boolean, gates: boolean,
              lastStepOnly = false, lastCOnly = false): Partial<LstmSequenceOutputs> & { h: tf.Tensor3D; c: tf.Tensor3D } {
    return tf.tidy(() => {
      const run = this.prepare(x, initialState, training);
      const inputs = { x: run.x, h0: run.states[0], c0: run.states[1], ...run.weights };
      const options = { activation: this.activation, recurrentActivation: this.recurrentActivation };
      if (run.recurrentMask) return referenceLstmSequence(inputs, options, run.recurrentMask) as unknown as tf.TensorContainerObject;
      if (!run.fused) return referenceLstmSequence(inputs, options) as unknown as tf.TensorContainerObject;
      return (gates ? fusedLstmSequence(inputs, options) : fusedLstmStates(inputs, { ...options, lastStepOnly, lastCOnly })) as unknown as tf.TensorContainerObject;
    }) as unknown as LstmSequenceOutputs;
  }

  protected override fusedSupported(): boolean {
    return fusedLstmSupports({ activation: this.activation, recurrentActivation: this.recurrentActivation });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), recurrentActivation: this.recurrentActivation, unitForgetBias: this.unitForgetBias };
  }
}
tf.serialization.registerClass(GrulabLSTM);

/**
 * Makes a grulab LSTM layer (see `GrulabLSTM`) with Keras's defaults: units required; activation
 * "tanh", recurrentActivation "sigmoid", useBias true, unitForgetBias true, kernelInitializer
 * "glorotUniform", recurrentInitializer "orthogonal", biasInitializer "zeros", no regularizers or
 * constraints, returnSequences/returnState/goBackwards false, dropout/recurrentDropout 0,
 * implementation "auto".
 *
 * @example
 * const layer = lstm({ units: 64, returnSequences: true });
 */
export function lstm(options: LstmOptions): GrulabLSTM {
  return new GrulabLSTM(options);
}
