/**
 * Scores of predicted class probabilities, beside accuracy: how confident and how calibrated.
 *
 * @example
 * const { logLoss, brier } = probabilisticScores(probabilities, labels);
 */
export interface ProbabilisticScores {
  /** Mean negative natural log of the probability given to the actual class (cross-entropy, nats). */
  logLoss: number;
  /** Multi-class Brier score: mean over samples of Σ_k (p_k − [k = actual])², in [0, 2]. */
  brier: number;
  /** Samples scored. */
  n: number;
}

/**
 * Log-loss and the multi-class Brier score of predicted probabilities against actual class indices.
 * Probabilities are clipped to [1e-15, 1] before the log (as scikit-learn's log_loss), so one
 * confident miss costs 34.5 nats, not Infinity. Each row must have one probability per class, be
 * finite and non-negative, and sum to 1 within 1e-3 (softmax output in float32); an error names the row.
 *
 * @example
 * probabilisticScores([[0.8, 0.2], [0.4, 0.6]], [0, 1]) // { logLoss: 0.367…, brier: 0.2, n: 2 }
 */
export function probabilisticScores(probabilities: ArrayLike<number>[], labels: number[]): ProbabilisticScores {
  if (probabilities.length !== labels.length) {
    throw new Error(`probabilisticScores: ${probabilities.length} rows of probabilities but ${labels.length} labels`);
  }
  if (labels.length === 0) throw new Error("probabilisticScores: no samples");
  const k = probabilities[0].length;
  let logLoss = 0, brier = 0;
  probabilities.forEach((row, i) => {
    if (row.length !== k) throw new Error(`probabilisticScores: row ${i} has ${row.length} probabilities, expected ${k} (one per class)`);
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= k) throw new Error(`probabilisticScores: label ${i} is ${y}, expected an integer in [0, ${k})`);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const p = row[c];
      if (!(p >= 0) || !Number.isFinite(p)) throw new Error(`probabilisticScores: row ${i} class ${c} has probability ${p}, expected a finite number ≥ 0`);
      sum += p;
      brier += (p - (c === y ? 1 : 0)) ** 2;
    }
    if (Math.abs(sum - 1) > 1e-3) throw new Error(`probabilisticScores: row ${i} sums to ${sum}, expected 1 (pass probabilities, e.g. softmax outputs, not logits)`);
    logLoss -= Math.log(Math.min(1, Math.max(1e-15, row[y])));
  });
  return { logLoss: logLoss / labels.length, brier: brier / labels.length, n: labels.length };
}
