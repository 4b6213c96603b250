import * as tf from "@tensorflow/tfjs";
import type { GruSequenceFn, GruSequenceInputs, GruSequenceOptions } from "./gruSequence";
import { gruKernelBackward, type GruKernelGradients } from "./gruKernelBackward";
import { lazyInputGradients } from "./lazyInputGradients";
import { gruKernelForward } from "./gruKernelForward";
import { oneHotIds } from "./oneHotIds";
import { float32Values } from "./float32Values";
import { tensorMemory } from "./wasmTensorMemory";

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
 * The fused whole-sequence GRU (native or WebAssembly kernel, src/kernels/gruKernel.ts): reads
 * the inputs synchronously, runs the forward over all steps and returns h, z, r and hTilde, all
 * differentiable with exact gradients from ONE fused BPTT: a loss may use any of them (e.g. a
 * penalty on z). Backward buffers are kept only while a gradient tape is recording (inference
 * keeps nothing). An x marked as one-hot rows of ids (markOneHot: OneHotLayer's output) runs the
 * kernel on the ids: a gather of kernel rows instead of x·W, and a zero gradient for x. Option `gateOutputs: false` (a layer's call): z, r and hTilde come back as
 * empty [batch, time, 0] tensors and cost nothing; with `lastStepOnly` too (returnSequences false),
 * h is only the last step, [batch, 1, units] ([batch, units] with `lastStepRows`), and its gradient reads only that step.
 *
 * How (public tf.customGrad only): h is a custom op of the inputs whose gradient runs the BPTT;
 * z, r and hTilde are custom ops of h whose gradients only hand their dL/d(gate) to that BPTT
 * (and pass zero to h). The tape runs them before h's gradient (they consume h), and not at all
 * when the loss does not use them, so a loss of h alone costs nothing extra.
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
  // The values as the kernel reads them: in place in tfjs's wasm heap where it can (no copy; each
  // view is used before any new tensor could grow that heap: the kernel stages them at once and the
  // backward never reads them again), else the backend's array (a copy only when the cpu backend
  // keeps an int32 cast's Int32Array, a one-hot input).
  const read = (t: tf.Tensor) => tensorMemory(t) ?? float32Values(t);
  const dims: [number, number, number] = [batch, time, units];
  const lastStepOnly = options.lastStepOnly === true;
  if (lastStepOnly && options.gateOutputs !== false) {
    throw new Error("fusedGruSequence: option lastStepOnly needs gateOutputs false (the gates of every step are not copied out then)");
  }
  const tensors: tf.Tensor[] = [inputs.x, inputs.h0, inputs.kernel, inputs.recurrentKernel];
  if (inputs.bias) tensors.push(inputs.bias);
  // Backends that copy an array into their own memory on tf.tensor (wasm) get views into the
  // kernel's memory; others (cpu keeps the array itself) get copies.
  const views = () => tf.getBackend() === "wasm";
  // Read here: inside a custom op the engine reports the tape as off.
  const keepState = tf.engine().isTapeOn();
  // one-hot rows of known ids (OneHotLayer's output, unchanged): the kernel gathers instead of x·W
  const hot = oneHotIds(inputs.x);
  const ids = hot && hot.depth === inputDim ? hot.ids : null;
  const run = gruKernelForward(shape, {
    ids, x: ids ? new Float32Array(0) : read(inputs.x), h0: read(inputs.h0), kernel: read(inputs.kernel), recurrentKernel: read(inputs.recurrentKernel),
    bias: inputs.bias ? read(inputs.bias) : null,
  }, keepState, views(), options.gateOutputs !== false, lastStepOnly);
  // dL/d(z, r, h̃) handed over by the gate ops' gradients (they run before h's gradient).
  const gateGradients: { z?: Float32Array; r?: Float32Array; hTilde?: Float32Array } = {};
  const backward = (dy: tf.Tensor, withDx: boolean) => {
    if (!run.state) throw new Error("fusedGruSequence: gradient requested but the forward ran without a gradient tape");
    const { z, r, hTilde } = gateGradients;
    const zeros = () => new Float32Array(batch * time * units);
    const gates = z || r || hTilde ? { z: z ?? zeros(), r: r ?? zeros(), hTilde: hTilde ?? zeros() } : null;
    return gruKernelBackward(run.state, read(dy), gates, views(), withDx && !ids);
  };
  // input i's gradient tensor from the backward's arrays (one-hot rows of ids: no gradient, zeros)
  const gradOf = (g: GruKernelGradients, i: number): tf.Tensor => [
    () => (ids ? tf.zeros(inputs.x.shape) : tf.tensor3d(g.dx, inputs.x.shape)), () => tf.tensor2d(g.dh0, inputs.h0.shape),
    () => tf.tensor2d(g.dKernel, inputs.kernel.shape), () => tf.tensor2d(g.dRecurrentKernel, inputs.recurrentKernel.shape),
    () => tf.tensor(g.dBias!, inputs.bias!.shape as number[]),
  ][i]();
  // lastStepRows: the last step as [batch, units], the layer's output (no reshape op after this one)
  const lastStepRows = lastStepOnly && options.lastStepRows === true;
  const value = () => lastStepRows ? tf.tensor2d(run.h, [batch, units])
    : tf.tensor3d(run.h, lastStepOnly ? [batch, 1, units] : dims);
  const h = (lazyInputGradients(tensors, value, (dy) => {
    // The engine asks for the gradients of the inputs on the path to the differentiated tensors
    // only, in input order: when x's comes first the backward computes dx, when another's comes
    // first x needs none and the kernel skips dx = dgx·Wᵀ (A's input, data: ~0.3 ms of its step).
    let g: GruKernelGradients | null = null;
    let withDx = false;
    return tensors.map((_, i) => () => {
      if (g === null) {
        withDx = i === 0;
        g = backward(dy, withDx);
      } else if (i === 0 && !withDx) {
        throw new Error("fusedGruSequence: the gradient of x was asked for after another input's (the engine's order changed); the backward ran without dx");
      }
      return gradOf(g, i);
    });
  }) ?? tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    void args;
    return {
      value: value(),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const g = backward(dy as tf.Tensor, true);
        return tensors.map((_, i) => gradOf(g, i));
      },
    };
  })(...tensors)) as tf.Tensor3D;
  const gateOp = (name: "z" | "r" | "hTilde") => tf.customGrad((hIn: tf.Tensor | tf.GradSaveFunc) => ({
    value: tf.tensor3d(run[name], dims),
    gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
      gateGradients[name] = read(dy as tf.Tensor).slice(); // (a view on wasm: copy before the next read)
      return [tf.zerosLike(hIn as tf.Tensor)];
    },
  }))(h) as tf.Tensor3D;
  if (options.gateOutputs === false) {
    const empty = () => tf.tensor3d(new Float32Array(0), [batch, time, 0]);
    if (lastStepRows) {
      const none = empty(); // (the layer's call reads h alone: one empty tensor stands for all three)
      return { h, z: none, r: none, hTilde: none };
    }
    return { h, z: empty(), r: empty(), hTilde: empty() };
  }
  return { h, z: gateOp("z"), r: gateOp("r"), hTilde: gateOp("hTilde") };
};
