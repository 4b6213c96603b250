import * as tf from "@tensorflow/tfjs";

// tfjs-core's Engine.runKernelFunc (private in its typings): the op customGrad builds, but with the
// gradient as one thunk per input, which the tape calls only for the inputs on the path to the
// differentiated tensors, in input order (the pruned node's inputs "0", "1", …).
interface KernelFuncEngine {
  runKernelFunc?: (params: {
    forwardFunc: (backend: unknown, save: (tensors: tf.Tensor[]) => void) => tf.Tensor;
    backwardsFunc: (dy: tf.Tensor) => Record<string, () => tf.Tensor>;
    inputs: Record<string, tf.Tensor>;
  }) => tf.Tensor;
}

/**
 * A differentiable op of `inputs` whose value is `value()` and whose gradient, given dL/d(value),
 * is `gradients(dy)`: one thunk per input, called by the gradient tape only for the inputs whose
 * gradient is needed, in input order (so the first thunk called knows whether the inputs before it
 * are wanted). This is tf.customGrad with lazy per-input gradients, through tfjs-core's
 * Engine.runKernelFunc (what customGrad itself calls; not in tfjs's public typings). Returns null
 * where the engine has no runKernelFunc (another tfjs): the caller then uses tf.customGrad and
 * computes every gradient. test/kernels/lazyInputGradients.test.ts fails if tfjs changes which
 * thunks it calls or their order.
 *
 * @example
 * const y = lazyInputGradients([a, b], () => tf.mul(a, b), (dy) => [() => tf.mul(dy, b), () => tf.mul(dy, a)]);
 */
export function lazyInputGradients(inputs: tf.Tensor[], value: () => tf.Tensor,
                                   gradients: (dy: tf.Tensor) => (() => tf.Tensor)[]): tf.Tensor | null {
  const engine = tf.engine() as unknown as KernelFuncEngine;
  if (typeof engine.runKernelFunc !== "function") return null;
  const inputMap: Record<string, tf.Tensor> = {};
  inputs.forEach((t, i) => { inputMap[i] = t; });
  return engine.runKernelFunc({
    forwardFunc: () => value(),
    backwardsFunc: (dy: tf.Tensor) => {
      const thunks: Record<string, () => tf.Tensor> = {};
      gradients(dy).forEach((f, i) => { thunks[i] = f; });
      return thunks;
    },
    inputs: inputMap,
  });
}
