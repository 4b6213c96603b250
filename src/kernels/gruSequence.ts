import type * as tf from "@tensorflow/tfjs";

/**
 * The inputs of one GRU layer run over a whole sequence, in Keras's weight layout:
 * `kernel` [inputDim, 3·units] and `recurrentKernel` [units, 3·units] with gate blocks in the
 * order z | r | h; `bias` is [3·units] when resetAfter is false and [2, 3·units] (input bias,
 * recurrent bias) when it is true, or null without bias. `x` is [batch, time, inputDim] in the
 * order the cell consumes it (a goBackwards layer reverses it first); `h0` is [batch, units].
 *
 * @example
 * const out = referenceGruSequence({ x, h0, kernel, recurrentKernel, bias }, { resetAfter: true });
 */
export interface GruSequenceInputs {
  x: tf.Tensor3D;
  h0: tf.Tensor2D;
  kernel: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  bias: tf.Tensor1D | tf.Tensor2D | null;
}

/** How the cell computes: the convention and the two activations (Keras names). */
export interface GruSequenceOptions {
  /** false: r multiplies h before the recurrent product (Cho et al., tfjs, Keras 1 and standalone Keras 2); true: after it (tf.keras 2 and Keras 3, PyTorch, cuDNN). */
  resetAfter: boolean;
  /** Candidate activation, default "tanh". */
  activation?: string;
  /** Gate activation, default "sigmoid". */
  recurrentActivation?: string;
  /**
   * Default true. false: the caller needs only h (a layer's call); the fused implementation then
   * skips copying z, r and hTilde out and returns them as empty [batch, time, 0] tensors (the
   * reference computes them anyway).
   */
  gateOutputs?: boolean;
  /**
   * Default false. true (with gateOutputs false): the caller needs only the last step's h (a layer
   * with returnSequences false); the fused implementation returns h as [batch, 1, units] and its
   * gradient reads only that step. The reference returns every step anyway: callers take the last.
   */
  lastStepOnly?: boolean;
  /**
   * Default false. true (with lastStepOnly): the fused implementation returns the last step's h as
   * [batch, units] (typed Tensor3D all the same), the layer's output itself: a layer with returnSequences false
   * then needs no reshape of it (a taped op: its kernel, the engine's saved copy of its input and
   * its gradient's reshape). The reference ignores it (every step, [batch, time, units]): callers
   * take the last step of a rank-3 h and use a rank-2 h as it is. The fused z, r and hTilde are
   * then one and the same empty tensor (a layer's call reads h alone).
   */
  lastStepRows?: boolean;
}

/** Every time step's state and gates, each [batch, time, units]: h (the output sequence), z, r, hTilde. */
export interface GruSequenceOutputs {
  h: tf.Tensor3D;
  z: tf.Tensor3D;
  r: tf.Tensor3D;
  hTilde: tf.Tensor3D;
}

/** A whole-sequence GRU implementation: the reference (tf ops) and the fused kernel both have this type. */
export type GruSequenceFn = (inputs: GruSequenceInputs, options: GruSequenceOptions) => GruSequenceOutputs;
