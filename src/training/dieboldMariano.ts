import { studentTTwoSidedP } from "./studentT";

/**
 * The result of {@link dieboldMariano}.
 *
 * @example
 * const { statistic, pValue, meanDifference } = dieboldMariano(errorsGru, errorsAr, { horizon: 12 });
 */
export interface DieboldMarianoResult {
  /** Mean of loss(A) − loss(B): negative when A's forecasts lose less. */
  meanDifference: number;
  /** The statistic with Harvey, Leybourne and Newbold's small-sample correction. */
  statistic: number;
  /** Two-sided p-value from Student's t with n − 1 degrees of freedom. */
  pValue: number;
  /** Forecasts compared. */
  n: number;
}

/** Options of {@link dieboldMariano}. */
export interface DieboldMarianoOptions {
  /** Forecast horizon h (default 1): the loss differential is taken as MA(h − 1), so autocovariances to lag h − 1 enter the variance. */
  horizon?: number;
  /** Loss of an error (default "squared"; "absolute" compares MAE). */
  loss?: "squared" | "absolute";
}

/**
 * Diebold–Mariano test (1995) of equal predictive accuracy of two forecasts of the same targets,
 * with a HAC variance of the loss differential d_t = L(eA_t) − L(eB_t): the autocovariances up
 * to lag h − 1 (rectangular window, as the original test for h-step forecasts; when that estimate
 * is not positive it falls back to Newey–West's Bartlett weights, which always are), and the
 * Harvey–Leybourne–Newbold (1997) correction √((n + 1 − 2h + h(h − 1)/n) / n) with Student's t,
 * n − 1 degrees of freedom. Errors are forecast minus actual (or the reverse: only |e| or e² enter).
 *
 * @example
 * dieboldMariano([0.1, -0.2, 0.3, 0.1], [0.5, -0.4, 0.6, 0.2]).pValue // < 0.05: A loses less
 */
export function dieboldMariano(errorsA: number[], errorsB: number[], options: DieboldMarianoOptions = {}): DieboldMarianoResult {
  const h = options.horizon ?? 1;
  const loss = options.loss ?? "squared";
  if (!Number.isInteger(h) || h < 1) throw new Error(`dieboldMariano: option horizon is ${h}, expected an integer ≥ 1`);
  if (loss !== "squared" && loss !== "absolute") throw new Error(`dieboldMariano: option loss is ${JSON.stringify(loss)}, expected "squared" or "absolute"`);
  if (errorsA.length !== errorsB.length) throw new Error(`dieboldMariano: ${errorsA.length} errors of A but ${errorsB.length} of B (compare forecasts of the same targets)`);
  const n = errorsA.length;
  if (n < 3 || n <= h) throw new Error(`dieboldMariano: ${n} forecasts, need more than the horizon ${h} and at least 3`);
  const L = loss === "squared" ? (e: number) => e * e : Math.abs;
  const d = errorsA.map((e, i) => {
    const v = L(e) - L(errorsB[i]);
    if (!Number.isFinite(v)) throw new Error(`dieboldMariano: error ${i} is not finite (A ${e}, B ${errorsB[i]})`);
    return v;
  });
  const mean = d.reduce((s, v) => s + v, 0) / n;
  const gamma = (k: number) => { let s = 0; for (let t = k; t < n; t++) s += (d[t] - mean) * (d[t - k] - mean); return s / n; };
  const gammas = Array.from({ length: h }, (_, k) => gamma(k));
  let longRun = gammas[0] + 2 * gammas.slice(1).reduce((s, g) => s + g, 0);
  if (!(longRun > 0)) longRun = gammas[0] + 2 * gammas.slice(1).reduce((s, g, i) => s + (1 - (i + 1) / h) * g, 0);
  if (!(longRun > 0)) {
    // Identical losses at every step: no evidence either way.
    return { meanDifference: mean, statistic: 0, pValue: 1, n };
  }
  const dm = mean / Math.sqrt(longRun / n);
  const statistic = dm * Math.sqrt((n + 1 - 2 * h + (h * (h - 1)) / n) / n);
  return { meanDifference: mean, statistic, pValue: studentTTwoSidedP(statistic, n - 1), n };
}
