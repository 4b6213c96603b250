import { fitAutoregressive } from "./autoregressive";
import { persistenceForecast } from "./persistenceForecast";
import { seasonalNaiveForecast } from "./seasonalNaiveForecast";
import type { ForecastSeries, ForecastSplit } from "../data/loadForecastSeries";

/** One baseline's forecasts for every window of a part: [windows][k], in the data's units. */
export interface ForecastBaseline {
  name: string;
  predicted: number[][];
}

/**
 * The simple forecasts a learned forecaster must beat, for every window of `part` (default the
 * test part), each from the values up to the window's origin: persistence, seasonal naive (the
 * same month a year earlier) and a linear AR(p) on the values fitted by least squares on the
 * training rows only (p defaults to the window length, the look-back the GRU gets), forecasting
 * several steps ahead recursively.
 *
 * @example
 * const co2 = await loadForecastSeries();
 * for (const b of forecastBaselines(co2)) console.log(b.name, regressionMetrics(co2.test.actual, b.predicted));
 */
export function forecastBaselines(series: ForecastSeries, part: ForecastSplit = series.test, options: { order?: number } = {}): ForecastBaseline[] {
  const { values, horizon, period } = series;
  const order = options.order ?? series.timesteps;
  const ar = fitAutoregressive(values.slice(series.split.train.from, series.split.train.to), order);
  const each = (f: (history: number[]) => number[]) => part.origins.map((o) => f(values.slice(0, o + 1)));
  return [
    { name: "persistence", predicted: each((h) => persistenceForecast(h, horizon)) },
    { name: `seasonal naive (${period})`, predicted: each((h) => seasonalNaiveForecast(h, period, horizon)) },
    { name: `linear AR(${order})`, predicted: each((h) => ar.forecast(h, horizon)) },
  ];
}
