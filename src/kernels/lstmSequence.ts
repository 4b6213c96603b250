import type * as tf from "@tensorflow/tfjs";

/**
 * The inputs of one LSTM layer run over a whole sequence, in Keras's layout: `kernel`
 * [inputDim, 4·units], `recurrentKernel` [units, 4·units], `bias` [4·units] or null, gate blocks
 * i | f | c | o. `x` is [batch, time, inputDim] in processing order; `h0`, `c0` are [batch, units].
 *
 * @example
 * const out = referenceLstmSequence({ x, h0, c0, kernel, recurrentKernel, bias }, {});
 */
export interface LstmSequenceInputs {
  x: tf.Tensor3D;
  h0: tf.Tensor2D;
  c0: tf.Tensor2D;
  kernel: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  bias: tf.Tensor1D | null;
}

/**
 * The two activations (Keras names): `activation` (c̃ and the output's act(c)), default "tanh"; `recurrentActivation` (i, f, o), default "sigmoid".
 *
 * @example
 * const options: LstmSequenceOptions = { recurrentActivation: "hardSigmoid" };
 */
export interface LstmSequenceOptions {
  activation?: string;
  recurrentActivation?: string;
  /**
   * Only the last step's states are needed (a layer with returnSequences false): the fused
   * `fusedLstmStates` then returns h and c as [batch, 1, units] and its gradient reads only that
   * step. The reference returns every step anyway: callers take the last. Default false.
   */
  lastStepOnly?: boolean;
  /**
   * Only the last step's c is needed (h of every step is: a layer returning its sequence, whose
   * carried or returned state is the final one): `fusedLstmStates` then returns c as
   * [batch, 1, units], saving its copy of every step. The reference returns every step anyway:
   * callers take the last. Default false.
   */
  lastCOnly?: boolean;
}

/**
 * Every step's output and state and gates, each [batch, time, units]: h, c, i, f, cTilde (c̃), o.
 *
 * @example
 * const { f } = fusedLstmSequence(inputs, {}); // the forget gate of every step
 */
export interface LstmSequenceOutputs {
  h: tf.Tensor3D;
  c: tf.Tensor3D;
  i: tf.Tensor3D;
  f: tf.Tensor3D;
  cTilde: tf.Tensor3D;
  o: tf.Tensor3D;
}

/**
 * A whole-sequence LSTM implementation: the reference (tf ops) and the fused kernel both have this type.
 *
 * @example
 * const run: LstmSequenceFn = useKernel ? fusedLstmSequence : referenceLstmSequence;
 */
export type LstmSequenceFn = (inputs: LstmSequenceInputs, options: LstmSequenceOptions) => LstmSequenceOutputs;
