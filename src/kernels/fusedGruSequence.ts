import * as tf from "@tensorflow/tfjs";
import type { GruSequenceFn, GruSequenceInputs, GruSequenceOptions } from "./gruSequence";
import { gruKernelBackward } from "./gruKernelBackward";
import { gruKernelForward } from "./gruKernelForward";

/**
 * Whether the fused kernel computes this cell: activation tanh and recurrentActivation sigmoid
 * (the defaults); anything else belongs to the reference implementation.
 *
 * @example
 * fusedSupports({ resetAfter: true }); // true
 * fusedSupports({ resetAfter: true, recurrentActivation: "hardSigmoid" }); // false
 */
export function fusedSupports(options: GruSequenceOptions): boolean {
  return (options.activation ?? "tanh") === "tanh" && (options.recurrentActivation ?? "sigmoid") === "sigmoid";
}

// Throws unless every tensor has the shape and dtype the kernel expects, naming the input.
function checkShapes(inputs: GruSequenceInputs, resetAfter: boolean): void {
  const [B, , D] = inputs.x.shape;
  const H = inputs.recurrentKernel.shape[0];
  const want: [string, tf.Tensor | null, number[]][] = [
    ["x", inputs.x, [B, inputs.x.shape[1], D]], ["h0", inputs.h0, [B, H]], ["kernel", inputs.kernel, [D, 3 * H]],
    ["recurrentKernel", inputs.recurrentKernel, [H, 3 * H]],
    ["bias", inputs.bias, resetAfter ? [2, 3 * H] : [3 * H]],
  ];
  for (const [name, t, shape] of want) {
    if (t === null) continue;
    if (t.rank !== shape.length || t.shape.some((v, i) => v !== shape[i]) || t.dtype !== "float32") {
      throw new Error(`fusedGruSequence: input ${name} must be float32 [${shape}] (resetAfter ${resetAfter}), got ${t.dtype} [${t.shape}]`);
    }
  }
}

/**
 * The fused whole-sequence GRU (WebAssembly SIMD kernel, src/kernels/wasm/): reads the inputs
 * synchronously, runs the forward over all steps and returns h as a tf.customGrad op whose
 * gradient is the fused BPTT. z, r and hTilde come from the same run but are constants for
 * autograd (departs from the reference, where they are differentiable). Backward buffers are kept
 * only while a gradient tape is recording (inference keeps nothing).
 *
 * @example
 * const { h, z } = fusedGruSequence({ x, h0, kernel, recurrentKernel, bias }, { resetAfter: true });
 */
export const fusedGruSequence: GruSequenceFn = (inputs, options) => {
  if (!fusedSupports(options)) {
    throw new Error(`fusedGruSequence: activation "${options.activation}" and recurrentActivation ` +
      `"${options.recurrentActivation}" are not supported (only tanh and sigmoid); use referenceGruSequence`);
  }
  checkShapes(inputs, options.resetAfter);
  const [batch, time, inputDim] = inputs.x.shape;
  const units = inputs.recurrentKernel.shape[0];
  const shape = { batch, time, inputDim, units, resetAfter: options.resetAfter };
  const read = (t: tf.Tensor) => t.dataSync() as Float32Array;
  const arrays = {
    x: read(inputs.x), h0: read(inputs.h0), kernel: read(inputs.kernel), recurrentKernel: read(inputs.recurrentKernel),
    bias: inputs.bias ? read(inputs.bias) : null,
  };
  // Backends that copy an array into their own memory on tf.tensor (wasm) get views into the
  // kernel's memory; others (cpu keeps the array itself) get copies.
  const views = tf.getBackend() === "wasm";
  const run = gruKernelForward(shape, arrays, tf.engine().isTapeOn(), views);
  const dims: [number, number, number] = [batch, time, units];
  const tensors: tf.Tensor[] = [inputs.x, inputs.h0, inputs.kernel, inputs.recurrentKernel];
  if (inputs.bias) tensors.push(inputs.bias);
  const z = tf.tensor3d(run.z, dims);
  const r = tf.tensor3d(run.r, dims);
  const hTilde = tf.tensor3d(run.hTilde, dims);
  const op = tf.customGrad(() => ({
    value: tf.tensor3d(run.h, dims),
    gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
      if (!run.state) throw new Error("fusedGruSequence: gradient requested but the forward ran without a gradient tape");
      const g = gruKernelBackward(run.state, read(dy as tf.Tensor), null, tf.getBackend() === "wasm");
      const grads: tf.Tensor[] = [tf.tensor3d(g.dx, inputs.x.shape), tf.tensor2d(g.dh0, inputs.h0.shape),
        tf.tensor2d(g.dKernel, inputs.kernel.shape), tf.tensor2d(g.dRecurrentKernel, inputs.recurrentKernel.shape)];
      if (inputs.bias) grads.push(tf.tensor(g.dBias!, inputs.bias.shape as number[]));
      return grads;
    },
  }));
  return { h: op(...tensors) as tf.Tensor3D, z, r, hTilde };
};
