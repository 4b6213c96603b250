import * as tf from "@tensorflow/tfjs";

/**
 * tfjs's `categoricalCrossentropy` loss (probabilities in, fromLogits false) as one op: the same
 * per-row losses and the same gradient, in one pass over the rows instead of ~20 tensor ops and
 * their gradients (normalise, clip, log, multiply by the targets, sum, with the clip's
 * comparison masks in the backward). Per row with targets y: s = Σ p, q = clip(p / s, ε, 1 − ε),
 * loss = −Σ y ln q; ε is tfjs's backend epsilon (1e-7 on float32). The gradient passes the clip
 * where p / s lies in [ε, 1 − ε], as tf.clipByValue's does; targets need not be one-hot.
 * The classifier head's loss (GRU → FusedDenseLayer(softmax) → this), as `sparseCrossentropyOp`
 * is the character model's.
 *
 * @example
 * const perRow = categoricalCrossentropyOp(oneHotTargets, probabilities); // [batch, V], [batch, V] → [batch]
 */
export function categoricalCrossentropyOp(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  if (yTrue.size !== yPred.size || yTrue.shape[yTrue.rank - 1] !== yPred.shape[yPred.rank - 1]) {
    throw new Error(`categoricalCrossentropyOp: targets [${yTrue.shape}] do not match the probabilities [${yPred.shape}]`);
  }
  const V = yPred.shape[yPred.rank - 1];
  const eps = tf.backend().epsilon();
  const y = yTrue.dataSync();
  const op = tf.customGrad((pIn: tf.Tensor | tf.GradSaveFunc) => {
    const p = (pIn as tf.Tensor).dataSync() as Float32Array;
    const sums = new Float64Array(p.length / V);
    const loss = crossentropyForward(p, y, V, eps, sums);
    return {
      value: tf.tensor(loss, yPred.shape.slice(0, -1)),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.tensor(crossentropyBackward(p, y, (dy as tf.Tensor).dataSync(), V, eps, sums), yPred.shape),
    };
  });
  return op(yPred) as tf.Tensor;
}

// (Top-level functions without closures: V8 compiles the loops over the rows tightly.)
function crossentropyForward(p: Float32Array, y: ArrayLike<number>, V: number, eps: number, sums: Float64Array): Float32Array {
  const hi = 1 - eps;
  const loss = new Float32Array(sums.length);
  for (let i = 0, o = 0; i < sums.length; i++, o += V) {
    let s = 0;
    for (let j = 0; j < V; j++) s += p[o + j];
    sums[i] = s;
    let l = 0;
    for (let j = 0; j < V; j++) {
      if (y[o + j] === 0) continue;
      const q = p[o + j] / s;
      l -= y[o + j] * Math.log(q < eps ? eps : q > hi ? hi : q);
    }
    loss[i] = l;
  }
  return loss;
}

// q_j = p_j / s: dq_j/dp_k = δ_jk / s − p_j / s², so dp_k = (dq_k − Σ_j dq_j p_j / s) / s with
// dq_j = −g y_j / q_j where the clip passes (ε ≤ q_j ≤ 1 − ε), else 0.
function crossentropyBackward(p: Float32Array, y: ArrayLike<number>, g: ArrayLike<number>, V: number, eps: number, sums: Float64Array): Float32Array {
  const hi = 1 - eps;
  const dp = new Float32Array(p.length);
  const dq = new Float64Array(V);
  for (let i = 0, o = 0; i < sums.length; i++, o += V) {
    const s = sums[i];
    let dot = 0;
    for (let j = 0; j < V; j++) {
      const q = p[o + j] / s;
      dq[j] = y[o + j] !== 0 && q >= eps && q <= hi ? -g[i] * y[o + j] / q : 0;
      dot += dq[j] * p[o + j];
    }
    for (let j = 0; j < V; j++) dp[o + j] = (dq[j] - dot / s) / s;
  }
  return dp;
}
