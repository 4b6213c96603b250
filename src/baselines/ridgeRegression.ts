import { leastSquares } from "./leastSquares";

/** A fitted linear map from feature rows to several targets at once (see {@link fitRidgeRegression}). */
export interface RidgeRegression {
  /** The penalty it was fitted with. */
  l2: number;
  /** One intercept per target (not penalised). */
  intercept: number[];
  /** [feature][target]. */
  weights: number[][];
  /** Predictions for feature rows: [rows][targets]. */
  predict(features: number[][]): number[][];
}

/**
 * Linear least squares from feature rows to every target column at once, with an L2 (ridge)
 * penalty l2·‖w‖² on the weights (the intercepts are not penalised): for each target column b,
 * w minimises ‖c + A·w − b‖² + l2·‖w‖², i.e. solves the normal equations (AᵀA + l2·I)·w = Aᵀb
 * with an intercept. Solved by Householder QR (leastSquares) on A stacked over √l2·I, which
 * avoids forming AᵀA; l2 > 0 makes collinear features (a window's centred changes sum to zero)
 * harmless. Throws on ragged or non-finite input, naming the row.
 *
 * @example
 * const fit = fitRidgeRegression([[0], [1], [2]], [[1], [3], [5]], 0); // intercept [1], weights [[2]]
 * fit.predict([[3]]) // [[7]]
 */
export function fitRidgeRegression(features: number[][], targets: number[][], l2: number): RidgeRegression {
  if (!(l2 >= 0) || !Number.isFinite(l2)) throw new Error(`fitRidgeRegression: l2 must be a finite number ≥ 0, got ${l2}`);
  const m = features.length;
  if (m === 0) throw new Error("fitRidgeRegression: no rows");
  if (targets.length !== m) throw new Error(`fitRidgeRegression: ${m} feature rows but ${targets.length} target rows`);
  const n = features[0].length, outputs = targets[0].length;
  features.forEach((row, i) => {
    if (row.length !== n) throw new Error(`fitRidgeRegression: feature row ${i} has ${row.length} values, expected ${n}`);
    if (targets[i].length !== outputs) throw new Error(`fitRidgeRegression: target row ${i} has ${targets[i].length} values, expected ${outputs}`);
    if (![...row, ...targets[i]].every(Number.isFinite)) throw new Error(`fitRidgeRegression: row ${i} holds a value that is not finite`);
  });
  const A = features.map((row) => [1, ...row]);
  const root = Math.sqrt(l2);
  if (l2 > 0) for (let j = 0; j < n; j++) A.push(Array.from({ length: n + 1 }, (_, c) => (c === j + 1 ? root : 0)));
  const solutions = Array.from({ length: outputs }, (_, k) => leastSquares(A, [...targets.map((t) => t[k]), ...(l2 > 0 ? new Array<number>(n).fill(0) : [])]));
  const intercept = solutions.map((s) => s[0]);
  const weights = Array.from({ length: n }, (_, j) => solutions.map((s) => s[j + 1]));
  return {
    l2, intercept, weights,
    predict(rows) {
      return rows.map((row, i) => {
        if (row.length !== n) throw new Error(`RidgeRegression.predict: row ${i} has ${row.length} values, expected ${n}`);
        return intercept.map((c, k) => row.reduce((s, v, j) => s + v * weights[j][k], c));
      });
    },
  };
}
