import type * as tf from "@tensorflow/tfjs";

/**
 * The inputs of one SimpleRNN layer run over a whole sequence, in Keras's layout: `kernel`
 * [inputDim, units], `recurrentKernel` [units, units], `bias` [units] or null; `x` [batch, time,
 * inputDim] in processing order, `h0` [batch, units].
 *
 * @example
 * const { h } = referenceSimpleRnnSequence({ x, h0, kernel, recurrentKernel, bias }, {});
 */
export interface SimpleRnnSequenceInputs {
  x: tf.Tensor3D;
  h0: tf.Tensor2D;
  kernel: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  bias: tf.Tensor1D | null;
}

/**
 * `activation` (Keras name), default "tanh".
 *
 * @example
 * const options: SimpleRnnSequenceOptions = { activation: "relu" };
 */
export interface SimpleRnnSequenceOptions {
  activation?: string;
  /**
   * Only the last step's h is needed (a layer with returnSequences false): the fused kernel then
   * returns h as [batch, 1, units] and its gradient reads only that step. The reference returns
   * every step anyway: callers take the last. Default false.
   */
  lastStepOnly?: boolean;
}

/**
 * Every step's h [batch, time, units] (the output sequence, which is also the state).
 *
 * @example
 * const { h } = fusedSimpleRnnSequence(inputs, {});
 */
export interface SimpleRnnSequenceOutputs {
  h: tf.Tensor3D;
}

/**
 * A whole-sequence SimpleRNN implementation (reference or fused).
 *
 * @example
 * const run: SimpleRnnSequenceFn = useKernel ? fusedSimpleRnnSequence : referenceSimpleRnnSequence;
 */
export type SimpleRnnSequenceFn = (inputs: SimpleRnnSequenceInputs, options: SimpleRnnSequenceOptions) => SimpleRnnSequenceOutputs;
