/**
 * Seasonal naive with drift: the last observed value of the same season plus the mean change per
 * season cycle for every cycle ahead, ŷ_{t+k} = y_{t+k−p·⌈k/p⌉} + ⌈k/p⌉·changePerPeriod (monthly
 * data, p = 12: the same month a year earlier plus one mean yearly change). {@link meanChangePerPeriod}
 * estimates the change from a training window.
 *
 * @example
 * seasonalNaiveDriftForecast([1, 2, 3, 4, 5, 6], 3, 4, 3) // [7, 8, 9, 10]
 */
export function seasonalNaiveDriftForecast(history: ArrayLike<number>, period: number, horizon: number, changePerPeriod: number): number[] {
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`seasonalNaiveDriftForecast: horizon must be a positive integer, got ${horizon}`);
  if (!Number.isInteger(period) || period < 1) throw new Error(`seasonalNaiveDriftForecast: period must be a positive integer, got ${period}`);
  if (!Number.isFinite(changePerPeriod)) throw new Error(`seasonalNaiveDriftForecast: changePerPeriod is ${changePerPeriod}`);
  if (history.length < period) throw new Error(`seasonalNaiveDriftForecast: history has ${history.length} values, period ${period} needs ${period}`);
  const t = history.length - 1;
  return Array.from({ length: horizon }, (_, i) => {
    const cycles = Math.ceil((i + 1) / period);
    return history[t + i + 1 - period * cycles] + cycles * changePerPeriod;
  });
}

/**
 * The mean change per season cycle over a stretch of a series: (last − first) / (length − 1) · period
 * (monthly data, period 12: the mean yearly change).
 *
 * @example
 * meanChangePerPeriod([0, 1, 2, 3], 12) // 12
 */
export function meanChangePerPeriod(values: ArrayLike<number>, period: number): number {
  if (values.length < 2) throw new Error(`meanChangePerPeriod: ${values.length} values, need at least 2`);
  return ((values[values.length - 1] - values[0]) / (values.length - 1)) * period;
}
