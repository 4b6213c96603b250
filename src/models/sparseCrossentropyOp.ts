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
  const hi = 1 - eps;
  const clip = (v: number) => (v < eps ? eps : v > hi ? hi : v);
  const labels = yTrue.dataSync();
  const op = tf.customGrad((pIn: tf.Tensor | tf.GradSaveFunc) => {
    const p = (pIn as tf.Tensor).dataSync() as Float32Array;
    const loss = new Float32Array(rows);
    const sums = new Float64Array(rows);
    const ratios = new Float64Array(rows);
    const ids = new Int32Array(rows);
    for (let i = 0, o = 0; i < rows; i++, o += V) {
      const l = Math.floor(labels[i]);
      ids[i] = l >= 0 && l < V ? l : -1;
      if (ids[i] < 0) continue;
      let s = 0;
      for (let j = 0; j < V; j++) s += clip(p[o + j]);
      sums[i] = s;
      ratios[i] = clip(p[o + l]) / s;
      loss[i] = -Math.log(clip(ratios[i]));
    }
    return {
      value: tf.tensor(loss, yPred.shape.slice(0, -1)),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const g = (dy as tf.Tensor).dataSync();
        const dp = new Float32Array(rows * V);
        for (let i = 0, o = 0; i < rows; i++, o += V) {
          const l = ids[i];
          const r = ratios[i];
          if (l < 0 || r < eps || r > hi) continue; // the outer clip passes no gradient here
          const dr = -g[i] / r;
          const s = sums[i];
          const ql = clip(p[o + l]);
          // r = q_l / s: dr/dq_j = δ_jl / s − q_l / s²; dq/dp passes where eps ≤ p_j ≤ 1 − eps.
          const common = -dr * ql / (s * s);
          for (let j = 0; j < V; j++) {
            const pj = p[o + j];
            if (pj >= eps && pj <= hi) dp[o + j] = common + (j === l ? dr / s : 0);
          }
        }
        return tf.tensor(dp, yPred.shape);
      },
    };
  });
  return op(yPred) as tf.Tensor;
}
