import { regressionMetrics } from "./regressionMetrics";

/** MAE and RMSE of multi-step forecasts: over every step ahead, and one step ahead alone. */
export interface ForecastMetrics {
  /** Over all steps 1 … horizon of all windows. */
  mae: number;
  rmse: number;
  /** One step ahead only (the first column). */
  mae_1: number;
  rmse_1: number;
  /** Per step ahead k = 1 … horizon. */
  maeByStep: number[];
}

/**
 * Scores forecasts made at many origins, `[windows][k]` for k = 1 … horizon steps ahead, in the
 * data's units. Throws when the shapes differ (see regressionMetrics).
 *
 * @example
 * forecastMetrics([[1, 2], [2, 3]], [[1, 3], [2, 2]]) // { mae: 0.5, rmse: 0.707…, mae_1: 0, rmse_1: 0, maeByStep: [0, 1] }
 */
export function forecastMetrics(actual: number[][], predicted: number[][]): ForecastMetrics {
  const all = regressionMetrics(actual, predicted);
  if (actual.length !== predicted.length) throw new Error(`forecastMetrics: ${actual.length} actual rows but ${predicted.length} predicted`);
  const horizon = actual[0].length;
  const step = (k: number) => regressionMetrics(actual.map((r) => r[k]), predicted.map((r) => r[k]));
  const first = step(0);
  return { mae: all.mae, rmse: all.rmse, mae_1: first.mae, rmse_1: first.rmse, maeByStep: Array.from({ length: horizon }, (_, k) => step(k).mae) };
}
