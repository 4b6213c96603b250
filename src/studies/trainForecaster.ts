import * as tf from "@tensorflow/tfjs";
import type { ForecastSeries, ForecastSplit } from "../data/loadForecastSeries";
import { buildForecaster } from "../models/buildForecaster";
import type { GruImplementation } from "../models/pickGruSequence";
import { forecastMetrics, type ForecastMetrics } from "../training/forecastMetrics";
import type { HistoryRow } from "../training/historyRow";
import { train } from "../training/train";

/** Options of {@link trainForecaster} and of the forecast job; every one has a default (FORECAST_DEFAULTS). */
export interface ForecasterTrainingOptions {
  /** GRU units (default 32). */
  units?: number;
  /** Seed of the initial weights and the shuffling (default 1). */
  seed?: number;
  /** Upper bound on epochs (default 300; early stopping ends sooner). */
  epochs?: number;
  /** Early stopping on val_loss (default 15). */
  patience?: number;
  batchSize?: number;
  /** Adam learning rate (default 0.003). */
  learningRate?: number;
  gruImplementation?: GruImplementation;
  /** "auto" | "lines" | "none", as train (default "none"). */
  progress?: "auto" | "lines" | "none";
  onEpochEnd?: (row: HistoryRow, rows: HistoryRow[]) => void | Promise<void>;
}

/** Defaults of the forecasting study: a few minutes for five seeds on this machine's wasm backend. */
export const FORECAST_DEFAULTS = { units: 32, seed: 1, epochs: 300, patience: 15, batchSize: 32, learningRate: 0.003 };

/**
 * Builds the GRU forecaster for `series` and trains it on the training windows with early
 * stopping on the validation windows (best weights restored), then forecasts `part` (default
 * the test part) and scores it in the data's units. The caller disposes `model`.
 *
 * @example
 * const co2 = await loadForecastSeries();
 * const { model, predicted, metrics } = await trainForecaster(co2, { seed: 1 });
 * console.log(metrics.mae_1, metrics.mae);
 */
export async function trainForecaster(series: ForecastSeries, options: ForecasterTrainingOptions = {}, part: ForecastSplit = series.test): Promise<{
  model: tf.LayersModel; rows: HistoryRow[]; bestEpoch: number; seconds: number; predicted: number[][]; metrics: ForecastMetrics;
}> {
  const o = { ...FORECAST_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof FORECAST_DEFAULTS & ForecasterTrainingOptions;
  const t0 = performance.now();
  const model = buildForecaster({
    timesteps: series.timesteps, inputDim: series.featureNames.length, horizon: series.horizon,
    units: o.units, seed: o.seed, learningRate: o.learningRate, gruImplementation: o.gruImplementation,
  });
  try {
    const result = await train(model, { x: series.train.x, y: series.train.y, validation: series.validation }, {
      epochs: o.epochs, patience: o.patience, batchSize: o.batchSize, seed: o.seed, progress: o.progress ?? "none", onEpochEnd: o.onEpochEnd,
    });
    const predicted = series.toValues(forecastScaled(model, part), part);
    return { model, rows: result.rows, bestEpoch: result.bestEpoch, seconds: (performance.now() - t0) / 1000, predicted, metrics: forecastMetrics(part.actual, predicted) };
  } catch (err) {
    model.dispose();
    throw err;
  }
}

/** The model's raw outputs (scaled changes) for every window of `part`. */
function forecastScaled(model: tf.LayersModel, part: ForecastSplit): number[][] {
  const out = model.predict(part.x, { batchSize: 256 }) as tf.Tensor;
  const rows = out.arraySync() as number[][];
  out.dispose();
  return rows;
}
