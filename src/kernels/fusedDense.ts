import * as tf from "@tensorflow/tfjs";

/** The activations `fusedDense` computes inside its op. */
export type FusedDenseActivation = "linear" | "softmax";

/**
 * A dense layer's math, y = activation(x·kernel + bias) over the last axis of x (any rank ≥ 2),
 * as one differentiable op whose gradient runs as a few large steps instead of tfjs's chain:
 * the softmax's backward p ⊙ (dy − Σ dy ⊙ p) in one pass over the rows, then
 * dKernel = xᵀ·dz and dx = dz·kernelᵀ as matmuls on explicitly transposed operands (tfjs's wasm
 * backend runs a matmul with a transposed operand in a scalar loop: 69 and 126 ms instead of 6 and
 * 10 ms for the character model's [6400, 128]ᵀ·[6400, 96]), dBias as one column sum.
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
    const x2 = tf.reshape(args[0] as tf.Tensor, [-1, inDim]) as tf.Tensor2D;
    const w = args[1] as tf.Tensor2D;
    const z = tf.fused.matMul({ a: x2, b: w, bias: bias ? (args[2] as tf.Tensor1D) : undefined });
    const y = activation === "softmax" ? tf.softmax(z) : z;
    save([x2, w, y]);
    return {
      value: tf.reshape(y, outShape),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const dy2 = tf.reshape(dy as tf.Tensor, [-1, units]) as tf.Tensor2D;
        const dz = activation === "softmax" ? softmaxBackward(ys, dy2) : dy2;
        const grads: tf.Tensor[] = [
          tf.reshape(tf.matMul(dz, tf.transpose(ws)), (args[0] as tf.Tensor).shape),
          tf.matMul(tf.transpose(xs), dz),
        ];
        if (bias) grads.push(tf.sum(dz, 0));
        return grads;
      },
    };
  });
  return op(...inputs) as tf.Tensor;
}

// dz = p ⊙ (dy − Σ_j dy_j p_j) per row, in one pass over the rows.
function softmaxBackward(p: tf.Tensor2D, dy: tf.Tensor2D): tf.Tensor2D {
  const [rows, units] = p.shape;
  const pv = p.dataSync() as Float32Array;
  const dyv = dy.dataSync() as Float32Array;
  const dz = new Float32Array(rows * units);
  for (let i = 0, o = 0; i < rows; i++, o += units) {
    let dot = 0;
    for (let j = 0; j < units; j++) dot += dyv[o + j] * pv[o + j];
    for (let j = 0; j < units; j++) dz[o + j] = pv[o + j] * (dyv[o + j] - dot);
  }
  return tf.tensor2d(dz, [rows, units]);
}
