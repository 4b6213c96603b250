import * as tf from "@tensorflow/tfjs";
import { kernelMatMul } from "./kernelMatMul";
import { float32Values } from "./float32Values";

/** The activations `fusedDense` computes inside its op. */
export type FusedDenseActivation = "linear" | "softmax";

/**
 * A dense layer's math, y = activation(x·kernel + bias) over the last axis of x (any rank ≥ 2),
 * as one differentiable op whose gradient runs as a few large steps instead of tfjs's chain:
 * the softmax's backward p ⊙ (dy − Σ dy ⊙ p) in one pass over the rows (with dBias, the column
 * sums), then dKernel = xᵀ·dz and dx = dz·kernelᵀ. The three matmuls (x·kernel too) run on the
 * fused GRU kernel's GEMM (kernelMatMul: native AVX-512/AVX2 where built, else its WebAssembly
 * SIMD), transposes as strides: tfjs's wasm backend runs a matmul with a transposed operand in a
 * scalar loop (69 and 126 ms for the character model's [6400, 128]ᵀ·[6400, 96]), and its XNNPACK
 * matmul on one thread reached ~25 GFLOP/s on these shapes.
 * Same values and gradients as `tf.layers.dense` with the same activation (float32 rounding aside).
 *
 * @example
 * const p = fusedDense(h, kernel, bias, "softmax"); // h [batch, time, units] → p [batch, time, V]
 */
export function fusedDense(x: tf.Tensor, kernel: tf.Tensor2D, bias: tf.Tensor1D | null, activation: FusedDenseActivation): tf.Tensor {
  const [inDim, units] = kernel.shape;
  if (x.rank < 2 || x.shape[x.rank - 1] !== inDim) {
    throw new Error(`fusedDense: input x must be [..., ${inDim}] (the kernel's rows), got [${x.shape}]`);
  }
  if (bias && (bias.rank !== 1 || bias.shape[0] !== units)) throw new Error(`fusedDense: bias must be [${units}], got [${bias.shape}]`);
  if (activation !== "linear" && activation !== "softmax") throw new Error(`fusedDense: activation "${activation}", expected linear or softmax`);
  const outShape = [...x.shape.slice(0, -1), units];
  const inputs: tf.Tensor[] = bias ? [x, kernel, bias] : [x, kernel];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    // (a rank-2 x, the head after a GRU with returnSequences false, is used as it is: no reshape op)
    const x2 = (x.rank === 2 ? args[0] : tf.reshape(args[0] as tf.Tensor, [-1, inDim])) as tf.Tensor2D;
    const w = args[1] as tf.Tensor2D;
    const rows = x2.shape[0];
    // x and the kernel as read for the fused kernel's GEMM (kept for the backward's products)
    const xs = float32Values(x2), ws = w.dataSync() as Float32Array;
    // tfjs's wasm backend copies an array into its own memory on tf.tensor: products as views there
    const view = tf.getBackend() === "wasm";
    // x·kernel + bias: the bias added here to the product's rows before they become a tensor (one
    // float32 addition each, rounded as tfjs's add rounds it: the same bits, one op and tensor fewer)
    const xw = kernelMatMul({ data: xs, rows, cols: inDim }, { data: ws, rows: inDim, cols: units }, view);
    if (bias) {
      const b = float32Values(args[2] as tf.Tensor);
      for (let o = 0; o < xw.length; o += units) for (let j = 0; j < units; j++) xw[o + j] += b[j];
    }
    const z = tf.tensor2d(xw, [rows, units]);
    const y = activation === "softmax" ? tf.softmax(z) : z;
    save([y]);
    return {
      value: x.rank === 2 ? y : tf.reshape(y, outShape),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const dyv = (dy as tf.Tensor).dataSync() as Float32Array;
        const { dz, columnSums } = activation === "softmax" ? softmaxBackward(saved[0].dataSync() as Float32Array, dyv, units)
          : { dz: dyv, columnSums: sumColumns(dyv, units) };
        const dzm = { data: dz, rows, cols: units };
        const grads: tf.Tensor[] = [
          tf.tensor(kernelMatMul(dzm, { data: ws, rows: inDim, cols: units, transpose: true }, view), (args[0] as tf.Tensor).shape),
          tf.tensor2d(kernelMatMul({ data: xs, rows, cols: inDim, transpose: true }, dzm, view), [inDim, units]),
        ];
        if (bias) grads.push(tf.tensor1d(columnSums));
        return grads;
      },
    };
  });
  return op(...inputs) as tf.Tensor;
}

// dz = p ⊙ (dy − Σ_j dy_j p_j) per row, in one pass over the rows, with dz's column sums (dBias).
function softmaxBackward(p: Float32Array, dy: Float32Array, units: number): { dz: Float32Array; columnSums: Float32Array } {
  const rows = p.length / units;
  const dz = new Float32Array(rows * units);
  const sums = new Float64Array(units);
  for (let i = 0, o = 0; i < rows; i++, o += units) {
    let dot = 0;
    for (let j = 0; j < units; j++) dot += dy[o + j] * p[o + j];
    for (let j = 0; j < units; j++) {
      const d = Math.fround(p[o + j] * (dy[o + j] - dot));
      dz[o + j] = d;
      sums[j] += d;
    }
  }
  return { dz, columnSums: Float32Array.from(sums) };
}

// Column sums of a [rows, units] matrix (summed in float64).
function sumColumns(m: Float32Array, units: number): Float32Array {
  const sums = new Float64Array(units);
  for (let o = 0; o < m.length; o += units) for (let j = 0; j < units; j++) sums[j] += m[o + j];
  return Float32Array.from(sums);
}
