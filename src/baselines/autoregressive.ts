import { leastSquares } from "./leastSquares";

/** A fitted linear autoregressive model y_t = c + a₁·y_{t−1} + … + a_p·y_{t−p}. */
export interface Autoregressive {
  order: number;
  /** c (0 when fitted without an intercept). */
  intercept: number;
  /** a₁ … a_p: coefficients[0] multiplies the most recent value. */
  coefficients: number[];
  /** Forecasts `horizon` steps after the end of `history` (at least `order` values), feeding each forecast back in. */
  forecast(history: ArrayLike<number>, horizon: number): number[];
}

/**
 * Fits AR(p) to a series by ordinary least squares: one equation per t ≥ p, unknowns the
 * intercept and the p lag coefficients. Forecasts several steps ahead recursively (each forecast
 * becomes the next step's input), the usual linear baseline for a forecasting model.
 *
 * @example
 * const ar = fitAutoregressive(trainValues, 12);
 * ar.forecast(valuesUpToNow, 6) // the next 6 values
 */
export function fitAutoregressive(series: ArrayLike<number>, order: number, options: { intercept?: boolean } = {}): Autoregressive {
  const intercept = options.intercept ?? true;
  if (!Number.isInteger(order) || order < 1) throw new Error(`fitAutoregressive: order must be a positive integer, got ${order}`);
  const y = Array.from(series);
  y.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new Error(`fitAutoregressive: value ${i} of the series is ${v}`);
  });
  const unknowns = order + (intercept ? 1 : 0);
  if (y.length - order < unknowns) {
    throw new Error(`fitAutoregressive: ${y.length} values give ${Math.max(0, y.length - order)} equations for ${unknowns} unknowns (order ${order})`);
  }
  const A: number[][] = [];
  const b: number[] = [];
  for (let t = order; t < y.length; t++) {
    const lags = Array.from({ length: order }, (_, k) => y[t - 1 - k]);
    A.push(intercept ? [1, ...lags] : lags);
    b.push(y[t]);
  }
  const solution = leastSquares(A, b);
  const c = intercept ? solution[0] : 0;
  const coefficients = intercept ? solution.slice(1) : solution;
  return {
    order,
    intercept: c,
    coefficients,
    forecast(history, horizon) {
      if (history.length < order) throw new Error(`Autoregressive.forecast: history has ${history.length} values, AR(${order}) needs ${order}`);
      if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`Autoregressive.forecast: horizon must be a positive integer, got ${horizon}`);
      const recent = Array.from({ length: order }, (_, k) => history[history.length - 1 - k]); // newest first
      const out: number[] = [];
      for (let h = 0; h < horizon; h++) {
        const next = coefficients.reduce((s, a, k) => s + a * recent[k], c);
        out.push(next);
        recent.unshift(next);
        recent.pop();
      }
      return out;
    },
  };
}
