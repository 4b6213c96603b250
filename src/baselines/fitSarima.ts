import { minimiseLbfgs } from "./minimiseLbfgs";
import { sarima, type Sarima, type SarimaCoefficients, type SarimaOrder } from "./sarima";

/** A fitted SARIMA: the model at the maximum-likelihood coefficients, and how the fit went. */
export interface FittedSarima extends Sarima {
  /** L-BFGS iterations and the largest component of the (numerical) gradient at the end. */
  iterations: number;
  gradientMax: number;
}

/**
 * Monahan's map from any real vector to the coefficients of a stationary AR polynomial (the one
 * statsmodels uses): partial autocorrelations x/√(1+x²) through the Durbin–Levinson recursion.
 */
function stationary(x: Float64Array | number[]): number[] {
  const n = x.length;
  let prev: number[] = [];
  for (let k = 0; k < n; k++) {
    const rk = x[k] / Math.sqrt(1 + x[k] * x[k]);
    const row = prev.map((v, i) => v - rk * prev[k - i - 1]);
    row.push(rk);
    prev = row;
  }
  return prev;
}

/**
 * Fits a SARIMA(p, d, q)(P, D, Q)_s (no constant) to a series by exact maximum likelihood: σ² is
 * concentrated out and the coefficients are kept stationary (AR) and invertible (MA) through
 * Monahan's partial-autocorrelation map, over which L-BFGS minimises the negative log-likelihood
 * per observation with central-difference gradients, starting from all coefficients zero. Returns
 * {@link sarima} at the optimum, ready to forecast any series (e.g. the whole series when fitted
 * on its training part). test/baselines/fitSarima.test.ts compares it with statsmodels' fit.
 *
 * @example
 * const m = fitSarima(trainValues, { p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, period: 12 });
 * m.coefficients.seasonalMa // ≈ −0.87 on CO₂
 */
export function fitSarima(series: ArrayLike<number>, order: SarimaOrder, options: { tolerance?: number; maxIterations?: number } = {}): FittedSarima {
  const sizes = [order.p, order.q, order.P, order.Q];
  const k = sizes.reduce((a, b) => a + b, 0);
  const coefficients = (x: Float64Array): SarimaCoefficients => {
    const parts: number[][] = [];
    let at = 0;
    for (const size of sizes) { parts.push(stationary(x.subarray(at, at + size))); at += size; }
    const [ar, maNeg, seasonalAr, seasonalMaNeg] = parts;
    // stationary() gives φ with 1 − Σφ_i B^i stationary; θ(B) = 1 + Σθ_i B^i is invertible for θ = −φ.
    return { ar, ma: maNeg.map((v) => -v), seasonalAr, seasonalMa: seasonalMaNeg.map((v) => -v) };
  };
  const objective = (x: Float64Array) => {
    try {
      const m = sarima(series, order, coefficients(x));
      return -m.logLikelihood / m.observations;
    } catch (err) {
      if (err instanceof Error && /stationary|unit root|prediction variance/.test(err.message)) return Infinity;
      throw err;
    }
  };
  const theta = new Float64Array(k);
  let iterations = 0, gradientMax = 0;
  if (k > 0) {
    const h = 1e-6;
    const evaluate = (x: Float64Array, g: Float64Array) => {
      const f = objective(x);
      const probe = Float64Array.from(x);
      for (let i = 0; i < k; i++) {
        probe[i] = x[i] + h; const up = objective(probe);
        probe[i] = x[i] - h; const down = objective(probe);
        probe[i] = x[i];
        g[i] = (up - down) / (2 * h);
      }
      return f;
    };
    const fit = minimiseLbfgs(theta, evaluate, options.tolerance ?? 1e-7, options.maxIterations ?? 500,
      `fitSarima (${order.p},${order.d},${order.q})(${order.P},${order.D},${order.Q})_${order.period}`, "raise maxIterations or try another order");
    iterations = fit.iterations;
    gradientMax = fit.gradientMax;
  }
  return { ...sarima(series, order, coefficients(theta)), iterations, gradientMax };
}
