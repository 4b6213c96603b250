/** Windows of past rows paired with the next `horizon` values of a target series. */
export interface ForecastWindows {
  /** [window][t][feature]: rows origin−timesteps+1 … origin. */
  x: number[][][];
  /** [window][k]: target values of rows origin+1 … origin+horizon. */
  y: number[][];
  /** The row of each window's last input (the forecast is made at the end of this row). */
  origins: number[];
}

/**
 * Every window of `timesteps` rows whose next `horizon` target rows all lie in `[targets.from,
 * targets.to)` (e.g. one part of a chronological split): a window may look back across the
 * part's start, never ahead of it. Plain arrays in, copies out.
 *
 * @example
 * forecastWindows([[1], [2], [3], [4], [5]], [1, 2, 3, 4, 5], 2, 2)
 * // x: [[[1],[2]], [[2],[3]]], y: [[3, 4], [4, 5]], origins: [1, 2]
 */
export function forecastWindows(
  features: number[][],
  target: number[],
  timesteps: number,
  horizon: number,
  targets: { from?: number; to?: number } = {},
): ForecastWindows {
  for (const [name, v] of [["timesteps", timesteps], ["horizon", horizon]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`forecastWindows: ${name} must be a positive integer, got ${v}`);
  }
  if (features.length !== target.length) throw new Error(`forecastWindows: ${features.length} feature rows but ${target.length} target values`);
  const to = Math.min(targets.to ?? target.length, target.length);
  const out: ForecastWindows = { x: [], y: [], origins: [] };
  for (let origin = Math.max((targets.from ?? 0) - 1, timesteps - 1); origin + horizon <= to - 1; origin++) {
    out.x.push(features.slice(origin - timesteps + 1, origin + 1).map((row) => row.slice()));
    out.y.push(target.slice(origin + 1, origin + 1 + horizon));
    out.origins.push(origin);
  }
  return out;
}
