import type * as tf from "@tensorflow/tfjs";
import type { LstmSequenceFn, LstmSequenceInputs, LstmSequenceOptions } from "./lstmSequence";
import { rnnFusedOp } from "./rnnFusedOp";

/**
 * Whether the fused kernel computes this LSTM: activation tanh and recurrentActivation sigmoid
 * (the Keras defaults); anything else belongs to the reference.
 *
 * @example
 * fusedLstmSupports({}); // true
 * fusedLstmSupports({ recurrentActivation: "hardSigmoid" }); // false
 */
export function fusedLstmSupports(options: LstmSequenceOptions): boolean {
  return (options.activation ?? "tanh") === "tanh" && (options.recurrentActivation ?? "sigmoid") === "sigmoid";
}

/**
 * The fused whole-sequence LSTM (native or WebAssembly kernel, src/kernels/rnnKernelModule.ts): h, c and the
 * gates i, f, c̃, o of every step, each differentiable with exact gradients (one fused BPTT).
 *
 * @example
 * const { h, c, f } = fusedLstmSequence({ x, h0, c0, kernel, recurrentKernel, bias }, {});
 */
export const fusedLstmSequence: LstmSequenceFn = (inputs, options) => {
  checkSupported(options);
  if (options.lastStepOnly) throw new Error("fusedLstmSequence: option lastStepOnly is for fusedLstmStates (the gates of every step are not copied out then)");
  if (options.lastCOnly) throw new Error("fusedLstmSequence: option lastCOnly is for fusedLstmStates (this returns every step of c and the gates)");
  const { h, c, gates: [i, f, cTilde, o] } = rnnFusedOp("lstm", inputs);
  return { h, c: c!, i, f, cTilde, o };
};

function checkSupported(options: LstmSequenceOptions): void {
  if (!fusedLstmSupports(options)) {
    throw new Error(`fusedLstmSequence: activation "${options.activation}" and recurrentActivation ` +
      `"${options.recurrentActivation}" are not supported (only tanh and sigmoid); use referenceLstmSequence`);
  }
}

/**
 * The fused LSTM's states only (h and c of every step, differentiable): what a layer call needs.
 * A third of the copies of `fusedLstmSequence`, which also returns the gates. With
 * `options.lastStepOnly` h and c are the last step's, [batch, 1, units]; with `options.lastCOnly`, c alone.
 *
 * @example
 * const { h, c } = fusedLstmStates({ x, h0, c0, kernel, recurrentKernel, bias }, {});
 */
export function fusedLstmStates(inputs: LstmSequenceInputs, options: LstmSequenceOptions): { h: tf.Tensor3D; c: tf.Tensor3D } {
  checkSupported(options);
  const { h, c } = rnnFusedOp("lstm", inputs, false, options.lastStepOnly === true, options.lastCOnly === true);
  return { h, c: c! };
}
