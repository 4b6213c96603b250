/** Smoothing weights of additive Holt–Winters, each in (0, 1]. */
export interface HoltWintersParameters { alpha: number; beta: number; gamma: number }

/** Additive Holt–Winters run over a series (see {@link holtWinters}). */
export interface HoltWinters {
  parameters: HoltWintersParameters;
  /** Forecasts `horizon` values after index `t` from the state that has seen values 0 … t (t ≥ period − 1). */
  forecastFrom(t: number, horizon: number): number[];
}

/**
 * Additive Holt–Winters (triple exponential smoothing) with season length `period`, run once over
 * the whole series so that a forecast from index t uses values 0 … t only:
 * l_t = α(y_t − s_{t−m}) + (1−α)(l_{t−1} + b_{t−1}), b_t = β(l_t − l_{t−1}) + (1−β)b_{t−1},
 * s_t = γ(y_t − l_t) + (1−γ)s_{t−m}, ŷ_{t+k} = l_t + k·b_t + s_{t+k−m⌈k/m⌉}. Initial state at
 * t = m − 1: level the first cycle's mean, trend the change of the cycle means over one cycle
 * divided by m, seasonals the first cycle less its mean. grulab's own short implementation, not a
 * maintained statistics library's (no optimised initial state, no damping).
 *
 * @example
 * const hw = holtWinters(values, 12, { alpha: 0.5, beta: 0.1, gamma: 0.3 });
 * hw.forecastFrom(values.length - 1, 12) // the next 12 months
 */
export function holtWinters(series: ArrayLike<number>, period: number, parameters: HoltWintersParameters): HoltWinters {
  const { alpha, beta, gamma } = parameters;
  for (const [name, v] of Object.entries(parameters)) if (!(v > 0 && v <= 1)) throw new Error(`holtWinters: parameter ${name} must be in (0, 1], got ${v}`);
  if (!Number.isInteger(period) || period < 1) throw new Error(`holtWinters: period must be a positive integer, got ${period}`);
  const y = Array.from(series);
  if (y.length < 2 * period) throw new Error(`holtWinters: ${y.length} values, need two cycles (${2 * period}) for the initial state`);
  y.forEach((v, i) => { if (!Number.isFinite(v)) throw new Error(`holtWinters: value ${i} of the series is ${v}`); });
  const m = period, n = y.length;
  const mean = (from: number) => y.slice(from, from + m).reduce((s, v) => s + v, 0) / m;
  const level = new Float64Array(n), trend = new Float64Array(n), season = new Float64Array(n);
  level[m - 1] = mean(0);
  trend[m - 1] = (mean(m) - mean(0)) / m;
  for (let i = 0; i < m; i++) season[i] = y[i] - level[m - 1];
  for (let t = m; t < n; t++) {
    level[t] = alpha * (y[t] - season[t - m]) + (1 - alpha) * (level[t - 1] + trend[t - 1]);
    trend[t] = beta * (level[t] - level[t - 1]) + (1 - beta) * trend[t - 1];
    season[t] = gamma * (y[t] - level[t]) + (1 - gamma) * season[t - m];
  }
  return {
    parameters: { alpha, beta, gamma },
    forecastFrom(t, horizon) {
      if (!Number.isInteger(t) || t < m - 1 || t >= n) throw new Error(`HoltWinters.forecastFrom: t must be an index in ${m - 1} … ${n - 1}, got ${t}`);
      if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`HoltWinters.forecastFrom: horizon must be a positive integer, got ${horizon}`);
      return Array.from({ length: horizon }, (_, i) => {
        const k = i + 1;
        return level[t] + k * trend[t] + season[t + k - m * Math.ceil(k / m)];
      });
    },
  };
}
