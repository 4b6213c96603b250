import type { SimpleRnnSequenceFn, SimpleRnnSequenceOptions } from "./simpleRnnSequence";
import { rnnFusedOp } from "./rnnFusedOp";

/**
 * Whether the fused kernel computes this SimpleRNN: activation tanh (the Keras default).
 *
 * @example
 * fusedSimpleRnnSupports({ activation: "relu" }); // false
 */
export function fusedSimpleRnnSupports(options: SimpleRnnSequenceOptions): boolean {
  return (options.activation ?? "tanh") === "tanh";
}

/**
 * The fused whole-sequence SimpleRNN (native or WebAssembly kernel, src/kernels/rnnKernelModule.ts):
 * every step's h (with `options.lastStepOnly`: the last step's, [batch, 1, units]),
 * differentiable through one fused BPTT.
 *
 * @example
 * const { h } = fusedSimpleRnnSequence({ x, h0, kernel, recurrentKernel, bias }, {});
 */
export const fusedSimpleRnnSequence: SimpleRnnSequenceFn = (inputs, options) => {
  if (!fusedSimpleRnnSupports(options)) {
    throw new Error(`fusedSimpleRnnSequence: activation "${options.activation}" is not supported (only tanh); use referenceSimpleRnnSequence`);
  }
  return { h: rnnFusedOp("simpleRnn", { ...inputs, c0: null }, true, options.lastStepOnly === true).h };
};
