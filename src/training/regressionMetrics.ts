/** Mean absolute error and root mean squared error of predictions. */
export interface RegressionMetrics {
  mae: number;
  rmse: number;
}

/**
 * Scores predicted values against actual ones (flat, the same length): mean absolute error and
 * root mean squared error. Throws on different lengths, no values or a non-finite value (naming its index).
 *
 * @example
 * regressionMetrics([1, 2, 3], [1, 2, 5]) // { mae: 0.6667, rmse: 1.1547 }
 */
export function regressionMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>): RegressionMetrics {
  if (actual.length !== predicted.length) throw new Error(`regressionMetrics: ${actual.length} actual values but ${predicted.length} predictions`);
  if (actual.length === 0) throw new Error("regressionMetrics: no values");
  let abs = 0;
  let sq = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = predicted[i] - actual[i];
    if (!Number.isFinite(e)) throw new Error(`regressionMetrics: value ${i} is not finite (actual ${actual[i]}, predicted ${predicted[i]})`);
    abs += Math.abs(e);
    sq += e * e;
  }
  return { mae: abs / actual.length, rmse: Math.sqrt(sq / actual.length) };
}
