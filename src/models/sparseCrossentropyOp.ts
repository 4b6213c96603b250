import * as tf from "@tensorflow/tfjs";

/**
 * tfjs's `sparseCategoricalCrossentropy` loss (probabilities in, fromLogits false) as one op:
 * the same per-step losses [..., ] and the same gradient, in one pass over the rows instead of
 * ~15 tensor ops and their gradients (clip, one-hot, normalise, clip, log, sum, with the
 * clips' comparison masks in the backward). Per row with label l: q = clip(p, ε, 1 − ε),
 * s = Σ q, r = clip(q_l / s, ε, 1 − ε), loss = −ln r; ε is tfjs's backend epsilon (1e-7 on
 * float32). The gradient passes each clip where its input lies in [ε, 1 − ε], as tf.clipByValue's
 * does. A label outside 0 … V − 1 gives loss 0 and no gradient (tf.oneHot's all-zero row).
 *
 * @example
 * const perStep = sparseCrossentropyOp(labels, probabilities); // [batch, time, 1], [batch, time, V] → [batch, time]
 */
export function sparseCrossentropyOp(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const V = yPred.shape[yPred.rank - 1];
  const rows = yPred.size / V;
  if (yTrue.size !== rows) {
    throw new Error(`sparseCrossentropyOp: ${yTrue.size} labels [${yTrue.shape}] for ${rows} rows of probabilities [${yPred.shape}]`);
  }
  const eps = tf.backend().epsilon();
  const labels = yTrue.dataSync();
  const op = tf.customGrad((pIn: tf.Tensor | tf.GradSaveFunc) => {
    const p = (pIn as tf.Tensor).dataSync() as Float32Array;
    const perRow = new CrossentropyRows(labels.length);
    const loss = crossentropyForward(p, labels, V, eps, perRow);
    return {
      value: tf.tensor(loss, yPred.shape.slice(0, -1)),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.tensor(crossentropyBackward(p, (dy as tf.Tensor).dataSync(), V, eps, perRow), yPred.shape),
    };
  });
  return op(yPred) as tf.Tensor;
}

// What the backward needs of each row: the label (−1: none), Σ clip(p) and the ratio q_l / Σ q.
class CrossentropyRows {
  readonly ids: Int32Array;
  readonly sums: Float64Array;
  readonly ratios: Float64Array;
  constructor(n: number) {
    this.ids = new Int32Array(n);
    this.sums = new Float64Array(n);
    this.ratios = new Float64Array(n);
  }
}

// (Top-level functions without closures: V8 compiles the loops over the rows tightly.)
function clipTo(v: number, eps: number, hi: number): number {
  return v < eps ? eps : v > hi ? hi : v;
}

function crossentropyForward(p: Float32Array, labels: ArrayLike<number>, V: number, eps: number, rows: CrossentropyRows): Float32Array {
  const hi = 1 - eps;
  const n = rows.ids.length;
  const loss = new Float32Array(n);
  for (let i = 0, o = 0; i < n; i++, o += V) {
    const l = Math.floor(labels[i]);
    const id = l >= 0 && l < V ? l : -1;
    rows.ids[i] = id;
    if (id < 0) continue;
    let s = 0;
    for (let j = 0; j < V; j++) s += clipTo(p[o + j], eps, hi);
    rows.sums[i] = s;
    const r = clipTo(p[o + id], eps, hi) / s;
    rows.ratios[i] = r;
    loss[i] = -Math.log(clipTo(r, eps, hi));
  }
  return loss;
}

function crossentropyBackward(p: Float32Array, g: ArrayLike<number>, V: number, eps: number, rows: CrossentropyRows): Float32Array {
  const hi = 1 - eps;
  const n = rows.ids.length;
  const dp = new Float32Array(n * V);
  for (let i = 0, o = 0; i < n; i++, o += V) {
    const l = rows.ids[i];
    const r = rows.ratios[i];
    if (l < 0 || r < eps || r > hi) continue; // the outer clip passes no gradient here
    const dr = -g[i] / r;
    const s = rows.sums[i];
    const ql = clipTo(p[o + l], eps, hi);
    // r = q_l / s: dr/dq_j = δ_jl / s − q_l / s²; dq/dp passes where eps ≤ p_j ≤ 1 − eps.
    const common = -dr * ql / (s * s);
    for (let j = 0; j < V; j++) {
      const pj = p[o + j];
      if (pj >= eps && pj <= hi) dp[o + j] = common;
    }
    if (p[o + l] >= eps && p[o + l] <= hi) dp[o + l] = common + dr / s;
  }
  return dp;
}
