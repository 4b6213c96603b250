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

// tfjs's engine runs an op with several outputs and one gradient function for all of them
// (engine.runKernelFunc, what tf.customGrad calls; customGrad itself allows a single output).
// Outputs the loss does not use arrive as zero tensors. Private in tfjs 4.22's typings, hence the
// cast; test/kernels/fusedGruSequence.test.ts checks every output's gradient against autograd.
interface MultiOutputOp {
  runKernelFunc(op: {
    forwardFunc: () => tf.Tensor[];
    backwardsFunc: (dys: tf.Tensor[]) => Record<string, () => tf.Tensor>;
    inputs: Record<string, tf.Tensor>;
  }): tf.Tensor[];
}

// null when every value is 0 (a gate output the loss does not use): the backward then skips the gate terms.
function unlessAllZero(a: Float32Array): Float32Array | null {
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) return a;
  return null;
}

/**
 * The fused whole-sequence GRU (WebAssembly SIMD kernel, src/kernels/wasm/): reads the inputs
 * synchronously, runs the forward over all steps and returns h, z, r and hTilde as the four
 * outputs of one differentiable op whose gradient is one fused BPTT: a loss may use any of them
 * (e.g. a penalty on z) and gets the exact gradient with respect to every input. Backward
 * buffers are kept only while a gradient tape is recording (inference keeps nothing).
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
  const dims: [number, number, number] = [batch, time, units];
  const tensors: tf.Tensor[] = [inputs.x, inputs.h0, inputs.kernel, inputs.recurrentKernel];
  if (inputs.bias) tensors.push(inputs.bias);
  // Backends that copy an array into their own memory on tf.tensor (wasm) get views into the
  // kernel's memory; others (cpu keeps the array itself) get copies.
  const views = () => tf.getBackend() === "wasm";
  // Read here: inside runKernelFunc the engine reports the tape as off.
  const keepState = tf.engine().isTapeOn();
  let run: ReturnType<typeof gruKernelForward>;
  const forwardFunc = () => {
    const arrays = {
      x: read(inputs.x), h0: read(inputs.h0), kernel: read(inputs.kernel), recurrentKernel: read(inputs.recurrentKernel),
      bias: inputs.bias ? read(inputs.bias) : null,
    };
    run = gruKernelForward(shape, arrays, keepState, views());
    return [run.h, run.z, run.r, run.hTilde].map((a) => tf.tensor3d(a, dims));
  };
  const backwardsFunc = (dys: tf.Tensor[]) => {
    if (!run.state) throw new Error("fusedGruSequence: gradient requested but the forward ran without a gradient tape");
    const [dz, dr, dhTilde] = dys.slice(1).map((d) => unlessAllZero(read(d)));
    const gates = dz || dr || dhTilde
      ? { z: dz ?? new Float32Array(batch * time * units), r: dr ?? new Float32Array(batch * time * units),
          hTilde: dhTilde ?? new Float32Array(batch * time * units) }
      : null;
    const g = gruKernelBackward(run.state, read(dys[0]), gates, views());
    const grads: tf.Tensor[] = [tf.tensor3d(g.dx, inputs.x.shape), tf.tensor2d(g.dh0, inputs.h0.shape),
      tf.tensor2d(g.dKernel, inputs.kernel.shape), tf.tensor2d(g.dRecurrentKernel, inputs.recurrentKernel.shape)];
    if (inputs.bias) grads.push(tf.tensor(g.dBias!, inputs.bias.shape as number[]));
    return Object.fromEntries(grads.map((t, i) => [String(i), () => t]));
  };
  const engine = tf.engine() as unknown as MultiOutputOp;
  const [h, z, r, hTilde] = engine.runKernelFunc({ forwardFunc, backwardsFunc, inputs: Object.fromEntries(tensors.map((t, i) => [String(i), t])) });
  return { h: h as tf.Tensor3D, z: z as tf.Tensor3D, r: r as tf.Tensor3D, hTilde: hTilde as tf.Tensor3D };
};
