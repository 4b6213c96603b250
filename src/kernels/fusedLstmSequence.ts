import * as tf from "@tensorflow/tfjs";
import type { LstmSequenceFn, LstmSequenceOptions } from "./lstmSequence";
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
 * The fused whole-sequence LSTM (WebAssembly SIMD kernel, src/kernels/wasm/rnn.ts): h, c and the
 * gates i, f, c̃, o of every step, each differentiable with exact gradients (one fused BPTT).
 *
 * @example
 * const { h, c, f } = fusedLstmSequence({ x, h0, c0, kernel, recurrentKernel, bias }, {});
 */
export const fusedLstmSequence: LstmSequenceFn = (inputs, options) => {
  if (!fusedLstmSupports(options)) {
    throw new Error(`fusedLstmSequence: activation "${options.activation}" and recurrentActivation ` +
      `"${options.recurrentActivation}" are not supported (only tanh and sigmoid); use referenceLstmSequence`);
  }
  return tf.tidy(() => {
    const packed = rnnFusedOp("lstm", inputs);
    const [, batch, time, units] = packed.shape;
    const take = (k: number) => tf.reshape(tf.slice(packed, [k, 0, 0, 0], [1, -1, -1, -1]), [batch, time, units]) as tf.Tensor3D;
    return { h: take(0), c: take(1), i: take(2), f: take(3), cTilde: take(4), o: take(5) };
  });
};
