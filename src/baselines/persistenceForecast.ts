/**
 * Persistence: every one of the next `horizon` values equals the last observed one
 * (ŷ_{t+k} = y_t). The forecast any model must beat to have learned anything about change.
 *
 * @example
 * persistenceForecast([3, 5, 4], 2) // [4, 4]
 */
export function persistenceForecast(history: ArrayLike<number>, horizon: number): number[] {
  checkHorizon("persistenceForecast", horizon);
  if (history.length < 1) throw new Error("persistenceForecast: empty history");
  return new Array<number>(horizon).fill(history[history.length - 1]);
}

function checkHorizon(name: string, horizon: number): void {
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`${name}: horizon must be a positive integer, got ${horizon}`);
}
