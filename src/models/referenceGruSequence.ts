import * as tf from "@tensorflow/tfjs";
import { gruActivation } from "./gruActivation";
import type { GruSequenceFn, GruSequenceInputs, GruSequenceOptions, GruSequenceOutputs } from "../kernels/gruSequence";

/**
 * The reference GRU: plain tf ops, one loop over time steps, gradients from tfjs's autograd.
 * It is the oracle the fused kernel is tested against, so it is written for clarity.
 *
 * With gate blocks z | r | h of `kernel` W, `recurrentKernel` U and bias b (Keras's layout):
 *   z_t = σ(x_t W_z + h_{t−1} U_z + b_z)            r_t = σ(x_t W_r + h_{t−1} U_r + b_r)
 *   resetAfter false (Cho et al. 2014, tfjs, Keras 1):  h̃_t = act(x_t W_h + (r_t ⊙ h_{t−1}) U_h + b_h)
 *   resetAfter true (tf.keras 2 and Keras 3, PyTorch, cuDNN; bias [2, 3H] = input bias, recurrent bias):
 *     every gate gets b^in + b^rec, and h̃_t = act(x_t W_h + b^in_h + r_t ⊙ (h_{t−1} U_h + b^rec_h))
 *   h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t
 * The last line is Keras's (and PyTorch's) convention; Cho et al. 2014 write
 * h_t = z ⊙ h̃ + (1 − z) ⊙ h_{t−1}, i.e. their z is Keras's 1 − z.
 *
 * `recurrentMask` (optional, [batch, units]) multiplies h_{t−1} at every step before it enters
 * the cell, as Keras's recurrent dropout does (the same mask for all steps and gates).
 *
 * @example
 * const { h, z, r, hTilde } = referenceGruSequence({ x, h0, kernel, recurrentKernel, bias }, { resetAfter: true });
 */
export function referenceGruSequence(
  inputs: GruSequenceInputs,
  options: GruSequenceOptions,
  recurrentMask?: tf.Tensor2D,
): GruSequenceOutputs {
  const { x, h0, kernel, recurrentKernel, bias } = inputs;
  checkShapes(inputs, options.resetAfter);
  const act = gruActivation(options.activation ?? "tanh", "GRU option activation");
  const gate = gruActivation(options.recurrentActivation ?? "sigmoid", "GRU option recurrentActivation");
  return tf.tidy(() => {
    const [batch, time, inputDim] = x.shape;
    const units = recurrentKernel.shape[0];
    const [inBias, recBias] = splitBias(bias, options.resetAfter, units);
    // The input projections of all steps at once: [batch·time, inputDim]·[inputDim, 3·units].
    let xProj: tf.Tensor = tf.matMul(tf.reshape(x, [batch * time, inputDim]), kernel);
    if (inBias) xProj = tf.add(xProj, inBias);
    const xSeq = tf.reshape(xProj, [batch, time, 3 * units]);
    // One slice per step rather than tf.unstack: tfjs 4.22 cannot differentiate unstack over an axis of size 1 (T = 1).
    const xStep = (t: number) => tf.reshape(tf.slice(xSeq, [0, t, 0], [batch, 1, 3 * units]), [batch, 3 * units]);
    const [uZR, uH] = tf.split(recurrentKernel, [2 * units, units], 1);
    const hs: tf.Tensor[] = [];
    const zs: tf.Tensor[] = [];
    const rs: tf.Tensor[] = [];
    const hTildes: tf.Tensor[] = [];
    let h: tf.Tensor = h0;
    for (let t = 0; t < time; t++) {
      const hPrev = recurrentMask ? tf.mul(h, recurrentMask) : h;
      const [xz, xr, xh] = tf.split(xStep(t), 3, 1);
      let z: tf.Tensor;
      let r: tf.Tensor;
      let hTilde: tf.Tensor;
      if (options.resetAfter) {
        let hProj: tf.Tensor = tf.matMul(hPrev, recurrentKernel);
        if (recBias) hProj = tf.add(hProj, recBias);
        const [hz, hr, hh] = tf.split(hProj, 3, 1);
        z = gate(tf.add(xz, hz));
        r = gate(tf.add(xr, hr));
        hTilde = act(tf.add(xh, tf.mul(r, hh)));
      } else {
        const [hz, hr] = tf.split(tf.matMul(hPrev, uZR), 2, 1);
        z = gate(tf.add(xz, hz));
        r = gate(tf.add(xr, hr));
        hTilde = act(tf.add(xh, tf.matMul(tf.mul(r, hPrev), uH)));
      }
      h = tf.add(tf.mul(z, hPrev), tf.mul(tf.sub(1, z), hTilde));
      hs.push(h);
      zs.push(z);
      rs.push(r);
      hTildes.push(hTilde);
    }
    return {
      h: tf.stack(hs, 1) as tf.Tensor3D,
      z: tf.stack(zs, 1) as tf.Tensor3D,
      r: tf.stack(rs, 1) as tf.Tensor3D,
      hTilde: tf.stack(hTildes, 1) as tf.Tensor3D,
    };
  });
}

// The reference satisfies the shared whole-sequence type (its extra mask argument is optional).
const satisfiesGruSequenceFn: GruSequenceFn = referenceGruSequence;
void satisfiesGruSequenceFn;

/** [input bias, recurrent bias] (each [3·units] or null): resetAfter false has only an input bias. */
function splitBias(bias: tf.Tensor | null, resetAfter: boolean, units: number): [tf.Tensor | null, tf.Tensor | null] {
  if (bias === null) return [null, null];
  if (!resetAfter) return [bias, null];
  const [bIn, bRec] = tf.unstack(bias, 0);
  return [bIn, bRec].map((b) => tf.reshape(b, [3 * units])) as [tf.Tensor, tf.Tensor];
}

function checkShapes(inputs: GruSequenceInputs, resetAfter: boolean): void {
  const { x, h0, kernel, recurrentKernel, bias } = inputs;
  const fail = (what: string, got: number[], expected: string) => {
    throw new Error(`GRU sequence input ${what}: shape [${got.join(", ")}], expected ${expected}`);
  };
  if (x.rank !== 3) fail("x", x.shape, "[batch, time, inputDim]");
  const [batch, , inputDim] = x.shape;
  if (recurrentKernel.rank !== 2 || recurrentKernel.shape[1] !== 3 * recurrentKernel.shape[0]) {
    fail("recurrentKernel", recurrentKernel.shape, "[units, 3·units]");
  }
  const units = recurrentKernel.shape[0];
  if (kernel.rank !== 2 || kernel.shape[0] !== inputDim || kernel.shape[1] !== 3 * units) {
    fail("kernel", kernel.shape, `[${inputDim}, ${3 * units}] (inputDim, 3·units)`);
  }
  if (h0.rank !== 2 || h0.shape[0] !== batch || h0.shape[1] !== units) fail("h0", h0.shape, `[${batch}, ${units}]`);
  if (bias !== null) {
    const expected = resetAfter ? [2, 3 * units] : [3 * units];
    if (bias.shape.join() !== expected.join()) {
      fail("bias", bias.shape, `[${expected.join(", ")}] for resetAfter ${resetAfter}`);
    }
  }
}
