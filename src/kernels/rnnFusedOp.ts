import * as tf from "@tensorflow/tfjs";
import { rnnKernelBackward, rnnKernelForward } from "./rnnKernel";
import type { RnnCell } from "./rnnKernelLayout";
import { float32Values } from "./float32Values";
import { oneHotIds } from "./oneHotIds";

/** The tensors of one fused LSTM / SimpleRNN call (Keras layout; c0 only for the LSTM). */
export interface RnnFusedTensors {
  x: tf.Tensor3D;
  h0: tf.Tensor2D;
  c0: tf.Tensor2D | null;
  kernel: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  bias: tf.Tensor1D | null;
}

// Throws unless every tensor is float32 of the shape the kernel expects, naming the input.
function checkShapes(cell: RnnCell, t: RnnFusedTensors): void {
  const fail = (name: string, got: tf.Tensor, want: string) => {
    throw new Error(`fused ${cell}: input ${name} must be float32 ${want}, got ${got.dtype} [${got.shape}]`);
  };
  if (t.x.rank !== 3 || t.x.dtype !== "float32") fail("x", t.x, "[batch, time, inputDim]");
  const [B, , D] = t.x.shape;
  const G = cell === "lstm" ? 4 : 1;
  const H = t.recurrentKernel.shape[0];
  const want: [string, tf.Tensor | null, number[]][] = [
    ["recurrentKernel", t.recurrentKernel, [H, G * H]], ["kernel", t.kernel, [D, G * H]], ["h0", t.h0, [B, H]],
    ["c0", t.c0, [B, H]], ["bias", t.bias, [G * H]],
  ];
  for (const [name, v, shape] of want) {
    if (v === null) continue;
    if (v.rank !== shape.length || v.shape.some((n, i) => n !== shape[i]) || v.dtype !== "float32") fail(name, v, `[${shape}]`);
  }
  if (cell === "lstm" && t.c0 === null) throw new Error("fused lstm: input c0 is missing");
}

/** The outputs of one fused call, each [batch, time, units] ([batch, 1, units] with lastStepOnly; c alone with lastCOnly). */
export interface RnnFusedOutputs {
  h: tf.Tensor3D;
  /** LSTM only (else null). */
  c: tf.Tensor3D | null;
  /** LSTM with `withGates`: i, f, c̃, o (else empty). */
  gates: tf.Tensor3D[];
}

/**
 * Runs the fused kernel on tensors and returns h (SimpleRNN) or h, c and, with `withGates`, the
 * gates i, f, c̃, o (LSTM), every one differentiable with exact gradients from ONE fused BPTT: a
 * loss may use any of them. As fusedGruSequence: h is a custom op of the inputs whose gradient
 * runs the BPTT; c and the gates are custom ops of h whose gradients only hand their dL/d(output)
 * to that BPTT (the tape runs them before h's, and not at all when the loss does not use them, so
 * a loss of h alone costs nothing extra). `lastStepOnly` (a layer with returnSequences false;
 * LSTM: withGates false): time is 1, the last step, and the BPTT reads the gradient of that step
 * alone. `lastCOnly` (LSTM): c alone is the last step's, [batch, 1, units], and the BPTT reads
 * dL/dc of that step alone (h keeps every step). An x marked as one-hot rows of ids (markOneHot: OneHotLayer's output) runs the kernel on
 * the ids: a gather of kernel rows instead of x·W, and a zero gradient for x.
 *
 * @example
 * const { h, c } = rnnFusedOp("lstm", { x, h0, c0, kernel, recurrentKernel, bias }, false);
 */
export function rnnFusedOp(cell: RnnCell, t: RnnFusedTensors, withGates = true, lastStepOnly = false, lastCOnly = false): RnnFusedOutputs {
  checkShapes(cell, t);
  const [batch, time, inputDim] = t.x.shape;
  const units = t.recurrentKernel.shape[0];
  const shape = { cell, batch, time, inputDim, units };
  const read = float32Values; // a copy only when the cpu backend keeps an int32 cast's Int32Array (a one-hot input)
  // one-hot rows of known ids (OneHotLayer's output, unchanged): the kernel gathers instead of x·W
  const hot = oneHotIds(t.x);
  const ids = hot && hot.depth === inputDim ? hot.ids : null;
  const inputs = {
    ids, x: ids ? new Float32Array(0) : read(t.x), h0: read(t.h0), c0: t.c0 ? read(t.c0) : null, kernel: read(t.kernel),
    recurrentKernel: read(t.recurrentKernel), bias: t.bias ? read(t.bias) : null,
  };
  // The wasm backend copies arrays into its own memory: it gets views into the kernel's memory; cpu keeps arrays, so copies.
  const views = tf.getBackend() === "wasm";
  const run = rnnKernelForward(shape, inputs, tf.engine().isTapeOn(), views, withGates, lastStepOnly, lastCOnly);
  const dims: [number, number, number] = [batch, lastStepOnly ? 1 : time, units];
  // dL/d(c) and dL/d(i, f, c̃, o), handed over by their ops' gradients (they run before h's gradient)
  const handed: { c: Float32Array | null; gates: (Float32Array | null)[] } = { c: null, gates: [null, null, null, null] };
  const list: tf.Tensor[] = [t.x, t.h0, ...(t.c0 ? [t.c0] : []), t.kernel, t.recurrentKernel, ...(t.bias ? [t.bias] : [])];
  const hOp = tf.customGrad((...args: unknown[]) => {
    void args;
    return {
      value: tf.tensor3d(run.h, dims),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        if (!run.state) throw new Error(`fused ${cell}: gradient requested but the forward ran without a gradient tape`);
        const n = batch * time * units;
        const gates = handed.gates.some((g) => g !== null) ? handed.gates.map((g) => g ?? new Float32Array(n)) : null;
        const g = rnnKernelBackward(run.state, { h: read(dy as tf.Tensor), c: handed.c, gates }, views);
        return [
          ids ? tf.zeros(t.x.shape) : tf.tensor3d(g.dx, t.x.shape), tf.tensor2d(g.dh0, t.h0.shape), ...(t.c0 ? [tf.tensor2d(g.dc0!, t.c0.shape)] : []),
          tf.tensor2d(g.dKernel, t.kernel.shape), tf.tensor2d(g.dRecurrentKernel, t.recurrentKernel.shape),
          ...(t.bias ? [tf.tensor1d(g.dBias!)] : []),
        ];
      },
    };
  });
  const h = hOp(...list) as tf.Tensor3D;
  // an output of h's run whose gradient is handed to h's BPTT (and 0 to h itself)
  const outputOp = (values: Float32Array, hand: (g: Float32Array) => void, shape = dims) => tf.customGrad((hIn: tf.Tensor | tf.GradSaveFunc) => ({
    value: tf.tensor3d(values, shape),
    gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
      hand(read(dy as tf.Tensor).slice()); // (a view on wasm: copy before the next read)
      return [tf.zerosLike(hIn as tf.Tensor)];
    },
  }))(h) as tf.Tensor3D;
  const c = run.c ? outputOp(run.c, (g) => (handed.c = g), lastCOnly ? [batch, 1, units] : dims) : null;
  const gates = run.gates.map((values, q) => outputOp(values, (g) => (handed.gates[q] = g)));
  return { h, c, gates };
}
