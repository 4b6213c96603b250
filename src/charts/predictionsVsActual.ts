import { regressionMetrics } from "../training/regressionMetrics";
import type { Figure } from "./figure";
import { plotlyText } from "./plotlyText";

/** Options of {@link predictionsVsActual}. */
export interface PredictionsVsActualOptions {
  /** x values (time stamps or indices); default 0..n-1. */
  x?: ArrayLike<number | string>;
  title?: string;
  xTitle?: string;
  /** Name of the forecast quantity, e.g. "CO2 (ppm)". */
  yTitle?: string;
  /** A shaded band around the predictions (e.g. mean ± sd over seeds), drawn under the lines. */
  band?: { lower: ArrayLike<number>; upper: ArrayLike<number>; name?: string };
}

/**
 * Forecasting: actual and predicted values over time (or index) as two lines, optionally over a
 * shaded band (`band`), with the mean absolute error and root mean squared error in the title. Throws when the lengths differ or a
 * value is not finite (naming the index).
 *
 * @example
 * const fig = predictionsVsActual(yTest, yPred, { yTitle: "CO2 (ppm)" });
 * const banded = predictionsVsActual(yTest, mean, { band: { lower: mean.map((m, i) => m - sd[i]), upper: mean.map((m, i) => m + sd[i]), name: "± 1 sd over seeds" } });
 */
export function predictionsVsActual(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: PredictionsVsActualOptions = {},
): Figure {
  const n = actual.length;
  if (predicted.length !== n) {
    throw new Error(`predictionsVsActual: actual has ${n} values, predicted has ${predicted.length}`);
  }
  if (options.x !== undefined && options.x.length !== n) {
    throw new Error(`predictionsVsActual: option x has ${options.x.length} values, expected ${n}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(actual[i]) || !Number.isFinite(predicted[i])) {
      throw new Error(`predictionsVsActual: index ${i} is not finite (actual ${actual[i]}, predicted ${predicted[i]})`);
    }
  }
  const { mae, rmse } = n > 0 ? regressionMetrics(actual, predicted) : { mae: NaN, rmse: NaN };
  const x = options.x !== undefined ? Array.from(options.x) : Array.from({ length: n }, (_, i) => i);
  const title = plotlyText(options.title ?? "Predictions vs actual");
  const band = options.band;
  if (band && (band.lower.length !== n || band.upper.length !== n)) {
    throw new Error(`predictionsVsActual: option band has ${band.lower.length} lower and ${band.upper.length} upper values, expected ${n}`);
  }
  const bandTraces = band ? [
    { type: "scatter", mode: "lines", name: "band upper", x, y: Array.from(band.upper), line: { width: 0 }, showlegend: false, hoverinfo: "skip" },
    { type: "scatter", mode: "lines", name: plotlyText(band.name ?? "band"), x, y: Array.from(band.lower), line: { width: 0 }, fill: "tonexty", fillcolor: "rgba(255, 127, 14, 0.25)" },
  ] : [];
  return {
    data: [
      ...bandTraces,
      { type: "scatter", mode: "lines", name: "actual", x, y: Array.from(actual), line: { color: "#1f77b4" } },
      { type: "scatter", mode: "lines", name: "predicted", x, y: Array.from(predicted), line: { color: "#ff7f0e", dash: "dash" } },
    ],
    layout: {
      title: { text: `${title}<br><sub>MAE ${mae.toPrecision(4)}, RMSE ${rmse.toPrecision(4)}</sub>` },
      xaxis: { title: { text: plotlyText(options.xTitle ?? "time step") } },
      yaxis: { title: { text: plotlyText(options.yTitle ?? "value") } },
      meta: { mae, rmse },
    },
  };
}
