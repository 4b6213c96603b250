/**
 * Seasonal naive with period p: each value equals the last observed value of the same season,
 * ŷ_{t+k} = y_{t+k−p·⌈k/p⌉} (for monthly data and p = 12: the same month a year earlier).
 *
 * @example
 * seasonalNaiveForecast([1, 2, 3, 4, 5, 6], 3, 4) // [4, 5, 6, 4]
 */
export function seasonalNaiveForecast(history: ArrayLike<number>, period: number, horizon: number): number[] {
  checkHorizon("seasonalNaiveForecast", horizon);
  if (!Number.isInteger(period) || period < 1) throw new Error(`seasonalNaiveForecast: period must be a positive integer, got ${period}`);
  if (history.length < period) throw new Error(`seasonalNaiveForecast: history has ${history.length} values, period ${period} needs ${period}`);
  const t = history.length - 1;
  return Array.from({ length: horizon }, (_, i) => {
    const k = i + 1;
    return history[t + k - period * Math.ceil(k / period)];
  });
}

function checkHorizon(name: string, horizon: number): void {
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`${name}: horizon must be a positive integer, got ${horizon}`);
}
