/** Per-column mean and standard deviation, and the transform they define. */
export interface StandardScaler {
  mean: number[];
  std: number[];
  /** (value − mean) / std per column; returns new rows. */
  transform(rows: number[][]): number[][];
  /** The inverse: value · std + mean. */
  inverse(rows: number[][]): number[][];
}

/**
 * Fits a standard scaler on the given rows only (pass the training rows, never validation or
 * test rows: that would leak their statistics). Population standard deviation (ddof 0, as
 * scikit-learn's StandardScaler); a constant column gets std 1.
 *
 * @example
 * const scaler = fitStandardScaler(trainRows);
 * const scaled = scaler.transform(allRows);
 */
export function fitStandardScaler(rows: number[][]): StandardScaler {
  if (rows.length === 0) throw new Error("fitStandardScaler: no rows to fit on");
  return fitStandardScalerOn(rows.length, rows[0].length, (i, j) => rows[i][j]);
}

/**
 * The same fit over any row-major storage: `value(i, j)` is row i, column j, for i < n, j < d
 * (loadSeattleWeather fits on typed arrays this way without building row arrays).
 *
 * @example
 * const scaler = fitStandardScalerOn(2, 1, (i) => [1, 3][i]); // mean [2], std [1]
 */
export function fitStandardScalerOn(n: number, d: number, value: (i: number, j: number) => number): StandardScaler {
  if (n === 0) throw new Error("fitStandardScaler: no rows to fit on");
  const mean = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += value(i, j);
  for (let j = 0; j < d; j++) mean[j] /= n;
  const variance = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) variance[j] += (value(i, j) - mean[j]) ** 2 / n;
  // A column constant up to rounding (std below 1e-10 of its scale) is left unscaled, as scikit-learn does.
  const std = variance.map((v, j) => (Math.sqrt(v) > 1e-10 * Math.max(1, Math.abs(mean[j])) ? Math.sqrt(v) : 1));
  const check = (r: number[][]) => r.forEach((row, i) => {
    if (row.length !== d) throw new Error(`StandardScaler: row ${i} has ${row.length} columns, fitted on ${d}`);
  });
  return {
    mean,
    std,
    transform: (r) => (check(r), r.map((row) => row.map((v, j) => (v - mean[j]) / std[j]))),
    inverse: (r) => (check(r), r.map((row) => row.map((v, j) => v * std[j] + mean[j]))),
  };
}
