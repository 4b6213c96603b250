/** The orders of a SARIMA(p, d, q)(P, D, Q)_period model. */
export interface SarimaOrder { p: number; d: number; q: number; P: number; D: number; Q: number; period: number }

/**
 * Coefficients in statsmodels' SARIMAX convention: φ(B)Φ(B^s)(1−B)^d(1−B^s)^D y_t = θ(B)Θ(B^s)ε_t
 * with φ(B) = 1 − ar[0]B − ar[1]B² …, Φ(B^s) = 1 − seasonalAr[0]B^s …, θ(B) = 1 + ma[0]B …,
 * Θ(B^s) = 1 + seasonalMa[0]B^s …; lengths p, q, P, Q.
 */
export interface SarimaCoefficients { ar: number[]; ma: number[]; seasonalAr: number[]; seasonalMa: number[] }

/** A SARIMA model with fixed coefficients run over a series (see {@link sarima}). */
export interface Sarima {
  order: SarimaOrder;
  coefficients: SarimaCoefficients;
  /** σ² that maximises the exact likelihood for these coefficients: mean of v_t²/F_t over the differenced series. */
  variance: number;
  /** Exact Gaussian log-likelihood of the differenced series at `variance` (or at the variance passed in). */
  logLikelihood: number;
  /** Observations the likelihood covers (the series' length less d + D·period). */
  observations: number;
  /** Forecasts of the levels `horizon` months after index t from values 0 … t (t ≥ d + D·period). */
  forecastFrom(t: number, horizon: number): number[];
}

/** Coefficients of a polynomial product, each given by its coefficients from lag 0. */
function multiply(a: number[], b: number[]): number[] {
  const out = new Array(a.length + b.length - 1).fill(0);
  a.forEach((x, i) => b.forEach((y, j) => { out[i + j] += x * y; }));
  return out;
}

/** The lag polynomial 1 + c₁B^step + c₂B^{2·step} …, from lag 0. */
function lagPolynomial(coefficients: number[], step: number, sign: number): number[] {
  const out = new Array(coefficients.length * step + 1).fill(0);
  out[0] = 1;
  coefficients.forEach((c, i) => { out[(i + 1) * step] = sign * c; });
  return out;
}

/** (1 − B)^d (1 − B^s)^D from lag 0. */
function differencingPolynomial(d: number, D: number, period: number): number[] {
  let poly = [1];
  for (let i = 0; i < d; i++) poly = multiply(poly, [1, -1]);
  for (let i = 0; i < D; i++) poly = multiply(poly, lagPolynomial([1], period, -1));
  return poly;
}

/** Checks an order and coefficient lengths; throws naming the field. */
function checkOrder(order: SarimaOrder, c?: SarimaCoefficients): void {
  for (const key of ["p", "d", "q", "P", "D", "Q"] as const) {
    if (!Number.isInteger(order[key]) || order[key] < 0) throw new Error(`sarima: order.${key} must be a non-negative integer, got ${order[key]}`);
  }
  if (!Number.isInteger(order.period) || order.period < 1) throw new Error(`sarima: order.period must be a positive integer, got ${order.period}`);
  if (!c) return;
  const lengths = { ar: order.p, ma: order.q, seasonalAr: order.P, seasonalMa: order.Q };
  for (const [key, n] of Object.entries(lengths) as Array<[keyof SarimaCoefficients, number]>) {
    if (c[key].length !== n) throw new Error(`sarima: coefficients.${key} has ${c[key].length} values, the order needs ${n}`);
    c[key].forEach((v, i) => { if (!Number.isFinite(v)) throw new Error(`sarima: coefficients.${key}[${i}] is ${v}`); });
  }
}

/**
 * A SARIMA(p, d, q)(P, D, Q)_s model with fixed coefficients (statsmodels' SARIMAX convention, no
 * constant) run over a series: the series is differenced by (1−B)^d(1−B^s)^D, the ARMA on the
 * differences is put in Harvey's state-space form (state size max(p + sP, q + sQ + 1)) and run
 * through the Kalman filter from its stationary initial state (the Lyapunov equation solved by
 * doubling), which gives the exact likelihood and, from the state at each index, forecasts that
 * use values 0 … t only; forecasts of the differences are integrated back to levels with the
 * observed values. This equals statsmodels' SARIMAX with the differencing in the state and its
 * exact diffuse initialisation (test/baselines/sarima.test.ts checks forecasts and likelihood).
 * The AR polynomial must be stationary (the stationary initial state does not exist otherwise).
 *
 * @example
 * const m = sarima(values, { p: 1, d: 1, q: 1, P: 0, D: 1, Q: 1, period: 12 }, { ar: [0.3], ma: [-0.6], seasonalAr: [], seasonalMa: [-0.8] });
 * m.forecastFrom(values.length - 1, 12) // the next 12 months
 */
export function sarima(series: ArrayLike<number>, order: SarimaOrder, coefficients: SarimaCoefficients, options: { variance?: number } = {}): Sarima {
  checkOrder(order, coefficients);
  const y = Float64Array.from(series as ArrayLike<number>);
  y.forEach((v, i) => { if (!Number.isFinite(v)) throw new Error(`sarima: value ${i} of the series is ${v}`); });
  const diff = differencingPolynomial(order.d, order.D, order.period);
  const lost = diff.length - 1;
  const n = y.length - lost;
  const arPoly = multiply(lagPolynomial(coefficients.ar, 1, -1), lagPolynomial(coefficients.seasonalAr, order.period, -1));
  const maPoly = multiply(lagPolynomial(coefficients.ma, 1, 1), lagPolynomial(coefficients.seasonalMa, order.period, 1));
  const phi = arPoly.slice(1).map((v) => -v); // w_t = Σ phi_i w_{t−i} + …
  const theta = maPoly.slice(1);
  const r = Math.max(phi.length, theta.length + 1);
  if (n < r + 1) throw new Error(`sarima: ${y.length} values, need more than ${lost + r} for this order`);
  const T = new Float64Array(r); // first column of the companion matrix
  phi.forEach((v, i) => { T[i] = v; });
  const R = new Float64Array(r);
  R[0] = 1;
  theta.forEach((v, i) => { R[i + 1] = v; });

  // w: the differenced series.
  const w = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let j = 0; j < diff.length; j++) s += diff[j] * y[t + lost - j];
    w[t] = s;
  }

  // T·M for the companion T (first column T, ones on the superdiagonal): (TM)_ij = T_i M_0j + M_{i+1,j}.
  const tTimes = (M: Float64Array, out: Float64Array) => {
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) out[i * r + j] = T[i] * M[j] + (i + 1 < r ? M[(i + 1) * r + j] : 0);
  };
  // T P T' for symmetric P, into out.
  const tpt = (P: Float64Array, tmp: Float64Array, out: Float64Array) => {
    tTimes(P, tmp); // tmp = T P
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) out[i * r + j] = T[j] * tmp[i * r] + (j + 1 < r ? tmp[i * r + j + 1] : 0); // (T P) T'
  };

  // Stationary initial covariance (σ² = 1): P = T P T' + R R', by doubling P ← P + A P A', A ← A².
  let P = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * r + j] = R[i] * R[j];
  let A = new Float64Array(r * r);
  for (let i = 0; i < r; i++) { A[i * r] = T[i]; if (i + 1 < r) A[i * r + i + 1] = 1; }
  const matmul = (X: Float64Array, Y: Float64Array) => {
    const out = new Float64Array(r * r);
    for (let i = 0; i < r; i++) for (let k = 0; k < r; k++) { const x = X[i * r + k]; if (x !== 0) for (let j = 0; j < r; j++) out[i * r + j] += x * Y[k * r + j]; }
    return out;
  };
  const transpose = (X: Float64Array) => { const out = new Float64Array(r * r); for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) out[j * r + i] = X[i * r + j]; return out; };
  for (let it = 0; it < 200; it++) {
    const add = matmul(matmul(A, P), transpose(A));
    let size = 0, big = 0;
    for (let q = 0; q < r * r; q++) { P[q] += add[q]; size = Math.max(size, Math.abs(add[q])); big = Math.max(big, Math.abs(P[q])); }
    if (!Number.isFinite(big) || big > 1e12) throw new Error("sarima: the AR polynomial is not stationary (the stationary initial state does not exist)");
    if (size <= 1e-15 * big) break;
    A = matmul(A, A);
    if (it === 199) throw new Error("sarima: the AR polynomial is too close to a unit root for the stationary initial state");
  }

  // Kalman filter; predicted[t] = E[state_{t+1} | w_0 … w_t].
  const predicted = new Float64Array(n * r);
  let a = new Float64Array(r);
  const tmp = new Float64Array(r * r), next = new Float64Array(r * r);
  let sumSquares = 0, sumLogF = 0;
  for (let t = 0; t < n; t++) {
    const F = P[0];
    if (!(F > 0)) throw new Error(`sarima: the prediction variance at step ${t} is ${F}`);
    const v = w[t] - a[0];
    sumSquares += (v * v) / F;
    sumLogF += Math.log(F);
    // Update: a += P[:,0] v / F; P −= P[:,0] P[0,:] / F.
    const col = new Float64Array(r);
    for (let i = 0; i < r; i++) col[i] = P[i * r];
    for (let i = 0; i < r; i++) a[i] += (col[i] * v) / F;
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * r + j] -= (col[i] * col[j]) / F;
    // Predict: a ← T a; P ← T P T' + R R'.
    const an = new Float64Array(r);
    for (let i = 0; i < r; i++) an[i] = T[i] * a[0] + (i + 1 < r ? a[i + 1] : 0);
    a = an;
    tpt(P, tmp, next);
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) next[i * r + j] += R[i] * R[j];
    P.set(next);
    predicted.set(a, t * r);
  }
  const mle = sumSquares / n;
  const variance = options.variance ?? mle;
  const logLikelihood = -0.5 * (n * Math.log(2 * Math.PI) + n * Math.log(variance) + sumLogF + sumSquares / variance);

  return {
    order: { ...order },
    coefficients: { ar: [...coefficients.ar], ma: [...coefficients.ma], seasonalAr: [...coefficients.seasonalAr], seasonalMa: [...coefficients.seasonalMa] },
    variance: mle,
    logLikelihood,
    observations: n,
    forecastFrom(t, horizon) {
      if (!Number.isInteger(t) || t < lost || t >= y.length) throw new Error(`Sarima.forecastFrom: t must be an index in ${lost} … ${y.length - 1}, got ${t}`);
      if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`Sarima.forecastFrom: horizon must be a positive integer, got ${horizon}`);
      let state = predicted.slice((t - lost) * r, (t - lost + 1) * r);
      const levels = Array.from(y.subarray(0, t + 1));
      const out: number[] = [];
      for (let k = 0; k < horizon; k++) {
        const wHat = state[0];
        // y_{t+k} = w_{t+k} − Σ_{j≥1} diff_j y_{t+k−j}
        let level = wHat;
        for (let j = 1; j < diff.length; j++) level -= diff[j] * levels[levels.length - j];
        levels.push(level);
        out.push(level);
        const s2 = new Float64Array(r);
        for (let i = 0; i < r; i++) s2[i] = T[i] * state[0] + (i + 1 < r ? state[i + 1] : 0);
        state = s2;
      }
      return out;
    },
  };
}
