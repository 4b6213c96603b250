import * as tf from "@tensorflow/tfjs";
import { gruActivation } from "./gruActivation";
import type { LstmSequenceFn, LstmSequenceInputs, LstmSequenceOptions, LstmSequenceOutputs } from "../kernels/lstmSequence";

/**
 * The reference LSTM: plain tf ops, one loop over time steps, gradients from tfjs's autograd (the
 * oracle of the fused kernel, written for clarity). With gate blocks i | f | c | o of `kernel` W,
 * `recurrentKernel` U and bias b (Keras's layout), act = activation, σ = recurrentActivation:
 *   i_t = σ(x_t W_i + h_{t−1} U_i + b_i)     f_t = σ(x_t W_f + h_{t−1} U_f + b_f)
 *   c̃_t = act(x_t W_c + h_{t−1} U_c + b_c)   o_t = σ(x_t W_o + h_{t−1} U_o + b_o)
 *   c_t = f_t ⊙ c_{t−1} + i_t ⊙ c̃_t          h_t = o_t ⊙ act(c_t)
 * `recurrentMask` (optional, [batch, units]) multiplies h_{t−1} before the recurrent product at
 * every step (Keras 3's recurrent dropout: one mask for all steps and gates).
 *
 * @example
 * const { h, c, i, f, cTilde, o } = referenceLstmSequence({ x, h0, c0, kernel, recurrentKernel, bias }, {});
 */
export function referenceLstmSequence(inputs: LstmSequenceInputs, options: LstmSequenceOptions,
                                      recurrentMask?: tf.Tensor2D): LstmSequenceOutputs {
  const { x, h0, c0, kernel, recurrentKernel, bias } = inputs;
  checkLstmShapes(inputs);
  const act = gruActivation(options.activation ?? "tanh", "LSTM option activation");
  const gate = gruActivation(options.recurrentActivation ?? "sigmoid", "LSTM option recurrentActivation");
  return tf.tidy(() => {
    const [batch, time, inputDim] = x.shape;
    const units = recurrentKernel.shape[0];
    let xProj: tf.Tensor = tf.matMul(tf.reshape(x, [batch * time, inputDim]), kernel);
    if (bias) xProj = tf.add(xProj, bias);
    const xSeq = tf.reshape(xProj, [batch, time, 4 * units]);
    // One slice per step (tfjs 4.22 cannot differentiate tf.unstack over an axis of size 1).
    const xStep = (t: number) => tf.reshape(tf.slice(xSeq, [0, t, 0], [batch, 1, 4 * units]), [batch, 4 * units]);
    const seq: Record<keyof LstmSequenceOutputs, tf.Tensor[]> = { h: [], c: [], i: [], f: [], cTilde: [], o: [] };
    let h: tf.Tensor = h0;
    let c: tf.Tensor = c0;
    for (let t = 0; t < time; t++) {
      const hPrev = recurrentMask ? tf.mul(h, recurrentMask) : h;
      const [ai, af, ac, ao] = tf.split(tf.add(xStep(t), tf.matMul(hPrev, recurrentKernel)), 4, 1);
      const i = gate(ai);
      const f = gate(af);
      const cTilde = act(ac);
      const o = gate(ao);
      c = tf.add(tf.mul(f, c), tf.mul(i, cTilde));
      h = tf.mul(o, act(c));
      seq.h.push(h); seq.c.push(c); seq.i.push(i); seq.f.push(f); seq.cTilde.push(cTilde); seq.o.push(o);
    }
    const stack = (list: tf.Tensor[]) => tf.stack(list, 1) as tf.Tensor3D;
    return { h: stack(seq.h), c: stack(seq.c), i: stack(seq.i), f: stack(seq.f), cTilde: stack(seq.cTilde), o: stack(seq.o) };
  });
}

// The reference satisfies the shared whole-sequence type (its extra mask argument is optional).
const satisfiesLstmSequenceFn: LstmSequenceFn = referenceLstmSequence;
void satisfiesLstmSequenceFn;

/**
 * Throws unless the inputs have LSTM shapes ([D, 4H], [H, 4H], [4H], [B, H] states), naming the input.
 *
 * @example
 * checkLstmShapes({ x, h0, c0, kernel, recurrentKernel, bias: null });
 */
export function checkLstmShapes(inputs: LstmSequenceInputs): void {
  const { x, h0, c0, kernel, recurrentKernel, bias } = inputs;
  const fail = (what: string, got: number[], expected: string) => {
    throw new Error(`LSTM sequence input ${what}: shape [${got.join(", ")}], expected ${expected}`);
  };
  if (x.rank !== 3) fail("x", x.shape, "[batch, time, inputDim]");
  const [batch, , inputDim] = x.shape;
  if (recurrentKernel.rank !== 2 || recurrentKernel.shape[1] !== 4 * recurrentKernel.shape[0]) fail("recurrentKernel", recurrentKernel.shape, "[units, 4·units]");
  const units = recurrentKernel.shape[0];
  if (kernel.rank !== 2 || kernel.shape[0] !== inputDim || kernel.shape[1] !== 4 * units) fail("kernel", kernel.shape, `[${inputDim}, ${4 * units}] (inputDim, 4·units)`);
  for (const [name, s] of [["h0", h0], ["c0", c0]] as const) {
    if (s.rank !== 2 || s.shape[0] !== batch || s.shape[1] !== units) fail(name, s.shape, `[${batch}, ${units}]`);
  }
  if (bias !== null && bias.shape.join() !== String(4 * units)) fail("bias", bias.shape, `[${4 * units}]`);
}
