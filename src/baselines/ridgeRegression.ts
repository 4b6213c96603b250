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
 * Every target's solution of (AᵀA + l2·D)·x = Aᵀb, D the identity without its intercept entry
 * (column 0 of A is the intercept's 1s): AᵀA formed once (its upper triangle, row by row), one
 * Cholesky factorisation L·Lᵀ, then two triangular solves per target. Throws when a pivot is not
 * positive (A rank-deficient and l2 = 0), naming the column.
 */
function choleskyRidge(A: number[][], targets: number[][], l2: number): number[][] {
  const m = A.length, p = A[0].length, outputs = targets[0].length;
  const G = new Float64Array(p * p);
  const B = new Float64Array(p * outputs); // Aᵀ·targets
  for (let i = 0; i < m; i++) {
    const a = A[i];
    for (let j = 0; j < p; j++) {
      const v = a[j];
      if (v === 0) continue;
      const row = j * p;
      for (let k = j; k < p; k++) G[row + k] += v * a[k];
      for (let t = 0; t < outputs; t++) B[j * outputs + t] += v * targets[i][t];
    }
  }
  for (let j = 1; j < p; j++) G[j * p + j] += l2;
  // L in the lower triangle of L (row-major): G = L·Lᵀ.
  const L = new Float64Array(p * p);
  let scale = 0;
  for (let j = 0; j < p; j++) scale = Math.max(scale, G[j * p + j]);
  for (let j = 0; j < p; j++) {
    let d = G[j * p + j];
    for (let k = 0; k < j; k++) d -= L[j * p + k] * L[j * p + k];
    if (!(d > 1e-13 * Math.max(scale, 1e-300))) throw new Error(`fitRidgeRegression: column ${j} is (nearly) a combination of the others: the features are rank-deficient (use l2 > 0)`);
    const root = Math.sqrt(d);
    L[j * p + j] = root;
    for (let i = j + 1; i < p; i++) {
      let s = G[j * p + i]; // G is filled in its upper triangle: G[i][j] = G[j][i]
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      L[i * p + j] = s / root;
    }
  }
  return Array.from({ length: outputs }, (_, t) => {
    const y = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let s = B[i * outputs + t];
      for (let k = 0; k < i; k++) s -= L[i * p + k] * y[k];
      y[i] = s / L[i * p + i];
    }
    const x = new Array<number>(p).fill(0);
    for (let i = p - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
      x[i] = s / L[i * p + i];
    }
    return x;
  });
}

/**
 * Linear least squares from feature rows to every target column at once, with an L2 (ridge)
 * penalty l2·‖w‖² on the weights (the intercepts are not penalised): for each target column b,
 * w minimises ‖c + A·w − b‖² + l2·‖w‖², i.e. solves the normal equations (AᵀA + l2·I)·w = Aᵀb
 * with an intercept. Solved by Householder QR (leastSquares) on A stacked over √l2·I, which
 * avoids forming AᵀA; l2 > 0 makes collinear features (a window's centred changes sum to zero)
 * harmless. `solver: "cholesky"` instead forms AᵀA + l2·I once and factors it once for every
 * target (several times faster, one factorisation for many targets; accurate when l2 keeps it
 * well conditioned, as the probes' l2 = rows does; the QR stays the default for small or
 * unpenalised fits). Throws on ragged or non-finite input, naming the row.
 *
 * @example
 * const fit = fitRidgeRegression([[0], [1], [2]], [[1], [3], [5]], 0); // intercept [1], weights [[2]]
 * fit.predict([[3]]) // [[7]]
 */
export function fitRidgeRegression(features: number[][], targets: number[][], l2: number, options: { solver?: "qr" | "cholesky" } = {}): RidgeRegression {
  const solver = options.solver ?? "qr";
  if (solver !== "qr" && solver !== "cholesky") throw new Error(`fitRidgeRegression option solver: ${JSON.stringify(solver)}, expected "qr" or "cholesky"`);
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
  let solutions: number[][];
  if (solver === "cholesky") {
    solutions = choleskyRidge(A, targets, l2);
  } else {
    const root = Math.sqrt(l2);
    if (l2 > 0) for (let j = 0; j < n; j++) A.push(Array.from({ length: n + 1 }, (_, c) => (c === j + 1 ? root : 0)));
    solutions = Array.from({ length: outputs }, (_, k) => leastSquares(A, [...targets.map((t) => t[k]), ...(l2 > 0 ? new Array<number>(n).fill(0) : [])]));
  }
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
