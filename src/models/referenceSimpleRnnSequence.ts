import * as tf from "@tensorflow/tfjs";
import { gruActivation } from "./gruActivation";
import type { SimpleRnnSequenceFn, SimpleRnnSequenceInputs, SimpleRnnSequenceOptions, SimpleRnnSequenceOutputs } from "../kernels/simpleRnnSequence";

/**
 * The reference SimpleRNN (Elman network): plain tf ops with autograd, the oracle of the fused
 * kernel. With `kernel` W, `recurrentKernel` U, bias b (Keras's layout):
 *   h_t = act(x_t W + b + h_{t−1} U)
 * `recurrentMask` (optional, [batch, units]) multiplies h_{t−1} before U at every step (Keras's recurrent dropout).
 *
 * @example
 * const { h } = referenceSimpleRnnSequence({ x, h0, kernel, recurrentKernel, bias }, {});
 */
export function referenceSimpleRnnSequence(inputs: SimpleRnnSequenceInputs, options: SimpleRnnSequenceOptions,
                                           recurrentMask?: tf.Tensor2D): SimpleRnnSequenceOutputs {
  const { x, h0, kernel, recurrentKernel, bias } = inputs;
  checkSimpleRnnShapes(inputs);
  const act = gruActivation(options.activation ?? "tanh", "SimpleRNN option activation");
  return tf.tidy(() => {
    const [batch, time, inputDim] = x.shape;
    const units = recurrentKernel.shape[0];
    let xProj: tf.Tensor = tf.matMul(tf.reshape(x, [batch * time, inputDim]), kernel);
    if (bias) xProj = tf.add(xProj, bias);
    const xSeq = tf.reshape(xProj, [batch, time, units]);
    const hs: tf.Tensor[] = [];
    let h: tf.Tensor = h0;
    for (let t = 0; t < time; t++) {
      const hPrev = recurrentMask ? tf.mul(h, recurrentMask) : h;
      const xt = tf.reshape(tf.slice(xSeq, [0, t, 0], [batch, 1, units]), [batch, units]);
      h = act(tf.add(xt, tf.matMul(hPrev, recurrentKernel)));
      hs.push(h);
    }
    return { h: tf.stack(hs, 1) as tf.Tensor3D };
  });
}

const satisfiesSimpleRnnSequenceFn: SimpleRnnSequenceFn = referenceSimpleRnnSequence;
void satisfiesSimpleRnnSequenceFn;

/**
 * Throws unless the inputs have SimpleRNN shapes ([D, H], [H, H], [H], [B, H]), naming the input.
 *
 * @example
 * checkSimpleRnnShapes({ x, h0, kernel, recurrentKernel, bias: null });
 */
export function checkSimpleRnnShapes(inputs: SimpleRnnSequenceInputs): void {
  const { x, h0, kernel, recurrentKernel, bias } = inputs;
  const fail = (what: string, got: number[], expected: string) => {
    throw new Error(`SimpleRNN sequence input ${what}: shape [${got.join(", ")}], expected ${expected}`);
  };
  if (x.rank !== 3) fail("x", x.shape, "[batch, time, inputDim]");
  const [batch, , inputDim] = x.shape;
  if (recurrentKernel.rank !== 2 || recurrentKernel.shape[1] !== recurrentKernel.shape[0]) fail("recurrentKernel", recurrentKernel.shape, "[units, units]");
  const units = recurrentKernel.shape[0];
  if (kernel.rank !== 2 || kernel.shape[0] !== inputDim || kernel.shape[1] !== units) fail("kernel", kernel.shape, `[${inputDim}, ${units}]`);
  if (h0.rank !== 2 || h0.shape[0] !== batch || h0.shape[1] !== units) fail("h0", h0.shape, `[${batch}, ${units}]`);
  if (bias !== null && bias.shape.join() !== String(units)) fail("bias", bias.shape, `[${units}]`);
}
