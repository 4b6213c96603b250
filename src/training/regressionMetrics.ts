/**
 * Mean absolute error and root mean squared error of one set of forecasts.
 *
 * @example
 * const { mae, rmse } = regressionMetrics(actual, predicted);
 */
export interface RegressionMetrics {
  mae: number;
  rmse: number;
  /** How many values were scored. */
  count: number;
}

/**
 * Scores predicted values against actual ones: MAE = mean |p − a|, RMSE = √(mean (p − a)²), in
 * the units of the data. Rows (e.g. one row per forecast origin, one column per step ahead) are
 * flattened; throws when the shapes differ or a value is not finite, naming the index.
 *
 * @example
 * regressionMetrics([1, 2, 3, 4], [1, 3, 3, 2]) // { mae: 0.75, rmse: 1.118…, count: 4 }
 */
export function regressionMetrics(actual: ArrayLike<number> | number[][], predicted: ArrayLike<number> | number[][]): RegressionMetrics {
  const a = flatten(actual, "actual");
  const p = flatten(predicted, "predicted");
  if (a.length !== p.length) throw new Error(`regressionMetrics: ${a.length} actual values but ${p.length} predicted`);
  if (a.length === 0) throw new Error("regressionMetrics: no values to score");
  let abs = 0;
  let sq = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]) || !Number.isFinite(p[i])) {
      throw new Error(`regressionMetrics: value ${i} is not finite (actual ${a[i]}, predicted ${p[i]})`);
    }
    const e = p[i] - a[i];
    abs += Math.abs(e);
    sq += e * e;
  }
  return { mae: abs / a.length, rmse: Math.sqrt(sq / a.length), count: a.length };
}

function flatten(v: ArrayLike<number> | number[][], name: string): number[] {
  const rows = Array.from(v as ArrayLike<number | number[]>);
  if (rows.length > 0 && Array.isArray(rows[0])) {
    const width = (rows[0] as number[]).length;
    rows.forEach((r, i) => {
      if (!Array.isArray(r) || r.length !== width) throw new Error(`regressionMetrics: ${name} row ${i} is ragged (expected ${width} values)`);
    });
    return (rows as number[][]).flat();
  }
  return rows as number[];
}
