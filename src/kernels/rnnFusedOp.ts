import * as tf from "@tensorflow/tfjs";
import { rnnKernelBackward, rnnKernelForward } from "./rnnKernel";
import type { RnnCell } from "./rnnKernelLayout";
import { float32Values } from "./float32Values";

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

// true when every value is 0 (an output the loss does not use gets a zero gradient).
function allZero(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
  return true;
}

/**
 * Runs the fused kernel on tensors and returns one differentiable tensor [K, batch, time, units]
 * holding every output: K = 1 (SimpleRNN: h) or 6 (LSTM: h, c, i, f, c̃, o; 2 without
 * `withGates`: h, c). One tensor because tf.customGrad takes one output; the callers slice it, so
 * a loss through any slice gets exact gradients (the BPTT takes dL/d(i, f, c̃, o, c) whenever
 * they are not all zero). `lastStepOnly` (a layer with returnSequences false; LSTM: withGates
 * false): time is 1, the last step, and the BPTT reads the gradient of that step alone.
 *
 * @example
 * const packed = rnnFusedOp("lstm", { x, h0, c0, kernel, recurrentKernel, bias });
 */
export function rnnFusedOp(cell: RnnCell, t: RnnFusedTensors, withGates = true, lastStepOnly = false): tf.Tensor4D {
  checkShapes(cell, t);
  const [batch, time, inputDim] = t.x.shape;
  const units = t.recurrentKernel.shape[0];
  const shape = { cell, batch, time, inputDim, units };
  const read = float32Values; // a copy only when the cpu backend keeps an int32 cast's Int32Array (a one-hot input)
  const inputs = {
    x: read(t.x), h0: read(t.h0), c0: t.c0 ? read(t.c0) : null, kernel: read(t.kernel), recurrentKernel: read(t.recurrentKernel),
    bias: t.bias ? read(t.bias) : null,
  };
  // The wasm backend copies arrays into its own memory: it gets views into the kernel's memory; cpu keeps arrays, so copies.
  const views = tf.getBackend() === "wasm";
  const run = rnnKernelForward(shape, inputs, tf.engine().isTapeOn(), views, withGates, lastStepOnly);
  const parts = cell === "lstm" ? [run.h, run.c!, ...run.gates] : [run.h];
  const steps = lastStepOnly ? 1 : time;
  const n = batch * steps * units;
  let packed: Float32Array;
  if (views && (parts.length === 1 || parts[1].byteOffset === parts[0].byteOffset + 4 * n)) {
    packed = new Float32Array(parts[0].buffer, parts[0].byteOffset, parts.length * n); // already contiguous, in this order
  } else {
    packed = new Float32Array(parts.length * n);
    parts.forEach((p, k) => packed.set(p, k * n));
  }
  const dims: [number, number, number, number] = [parts.length, batch, steps, units];
  const list: tf.Tensor[] = [t.x, t.h0, ...(t.c0 ? [t.c0] : []), t.kernel, t.recurrentKernel, ...(t.bias ? [t.bias] : [])];
  const op = tf.customGrad((...args: unknown[]) => {
    void args;
    return {
      value: tf.tensor4d(packed, dims),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        if (!run.state) throw new Error(`fused ${cell}: gradient requested but the forward ran without a gradient tape`);
        const all = read(dy as tf.Tensor);
        const part = (k: number) => all.subarray(k * n, (k + 1) * n);
        const c = cell === "lstm" ? part(1) : null;
        const gates = cell === "lstm" && withGates ? [2, 3, 4, 5].map(part) : null;
        const used = (a: Float32Array | null) => (a !== null && !allZero(a) ? a : null);
        const g = rnnKernelBackward(run.state, {
          h: part(0), c: used(c), gates: gates && gates.some((a) => !allZero(a)) ? gates : null,
        }, views);
        return [
          tf.tensor3d(g.dx, t.x.shape), tf.tensor2d(g.dh0, t.h0.shape), ...(t.c0 ? [tf.tensor2d(g.dc0!, t.c0.shape)] : []),
          tf.tensor2d(g.dKernel, t.kernel.shape), tf.tensor2d(g.dRecurrentKernel, t.recurrentKernel.shape),
          ...(t.bias ? [tf.tensor1d(g.dBias!)] : []),
        ];
      },
    };
  });
  return op(...list) as tf.Tensor4D;
}
