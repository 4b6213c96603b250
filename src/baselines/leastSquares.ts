/**
 * Solves min ‖A·x − b‖₂ for a tall matrix A (rows ≥ columns, full column rank) by Householder
 * QR in float64 — better conditioned than forming the normal equations AᵀA·x = Aᵀb. Throws when
 * the shapes disagree or A is rank-deficient (naming the column).
 *
 * @example
 * leastSquares([[1, 0], [1, 1], [1, 2]], [1, 3, 5]) // [1, 2]: the line 1 + 2·t through the points
 */
export function leastSquares(A: number[][], b: number[]): number[] {
  const m = A.length;
  if (m === 0) throw new Error("leastSquares: no rows");
  const n = A[0].length;
  if (b.length !== m) throw new Error(`leastSquares: A has ${m} rows but b has ${b.length} values`);
  if (m < n) throw new Error(`leastSquares: ${m} rows for ${n} unknowns (need at least as many rows as columns)`);
  const R = A.map((row, i) => {
    if (row.length !== n) throw new Error(`leastSquares: row ${i} has ${row.length} columns, expected ${n}`);
    return Float64Array.from(row);
  });
  const y = Float64Array.from(b);
  let scale = 0;
  for (const row of R) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (let k = 0; k < n; k++) {
    // Householder reflection that zeroes column k below the diagonal, applied to R and y.
    let norm = 0;
    for (let i = k; i < m; i++) norm += R[i][k] * R[i][k];
    norm = Math.sqrt(norm);
    if (norm <= 1e-12 * Math.max(scale, 1e-300)) throw new Error(`leastSquares: column ${k} is (nearly) a combination of the others: A is rank-deficient`);
    const alpha = R[k][k] > 0 ? -norm : norm;
    const v = new Float64Array(m - k);
    v[0] = R[k][k] - alpha;
    for (let i = k + 1; i < m; i++) v[i - k] = R[i][k];
    const vv = v.reduce((s, x) => s + x * x, 0);
    if (vv === 0) continue;
    for (let j = k; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k] * R[i][j];
      const f = (2 * dot) / vv;
      for (let i = k; i < m; i++) R[i][j] -= f * v[i - k];
    }
    let dot = 0;
    for (let i = k; i < m; i++) dot += v[i - k] * y[i];
    const f = (2 * dot) / vv;
    for (let i = k; i < m; i++) y[i] -= f * v[i - k];
  }
  // Back substitution on the upper triangle R[0:n, 0:n]·x = y[0:n].
  const x = new Array<number>(n).fill(0);
  for (let k = n - 1; k >= 0; k--) {
    let s = y[k];
    for (let j = k + 1; j < n; j++) s -= R[k][j] * x[j];
    x[k] = s / R[k][k];
  }
  return x;
}
