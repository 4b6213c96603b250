import * as tf from "@tensorflow/tfjs";
import { chronologicalSplit, type ChronologicalSplit } from "./chronologicalSplit";
import { datasetPath } from "./datasetPath";
import { forecastWindows } from "./forecastWindows";
import { readMonthlySeries } from "./readMonthlySeries";
import { fitStandardScaler, type StandardScaler } from "./standardScaler";

/** One part of a forecasting split: model tensors and the plain numbers baselines and charts need. */
export interface ForecastSplit {
  /** [windows, timesteps, features], scaled with the training statistics. */
  x: tf.Tensor3D;
  /**
   * [windows, horizon]: `values[origin + k] − values[origin] − k·drift`, k = 1 … horizon, in the data's units
   * (so a model's MAE and RMSE on `y` are its MAE and RMSE on the values themselves).
   */
  y: tf.Tensor2D;
  /** Row (index into `values`) of each window's last input: the forecast is made at its end. */
  origins: number[];
  /** Mean monthly change over each window (its local trend), in the data's units. */
  drift: number[];
  /** "YYYY-MM" of each origin. */
  originMonths: string[];
  /** [windows][k]: the values to forecast, in the data's units. */
  actual: number[][];
  /** The same windows before scaling, [windows][t][feature] (for gate heatmaps). */
  inputs: number[][][];
}

/** A monthly series prepared for forecasting `horizon` months from `timesteps` months. */
export interface ForecastSeries {
  file: string;
  column: string;
  months: string[];
  values: number[];
  /** Months missing from the file, filled by linear interpolation. */
  filled: string[];
  timesteps: number;
  horizon: number;
  /** Season length in rows (12 for monthly data). */
  period: number;
  featureNames: string[];
  split: ChronologicalSplit;
  /** Fitted on the training rows only (the change column is centred on each window's drift instead of its mean). */
  scaler: StandardScaler;
  train: ForecastSplit;
  validation: ForecastSplit;
  test: ForecastSplit;
  /** Turns model outputs ([windows, horizon], as `y`) back into values: value at the origin + k·drift + output. */
  toValues(predicted: number[][], part: ForecastSplit): number[][];
  dispose(): void;
}

/** Options of {@link loadForecastSeries}; every one has a default. */
export interface ForecastSeriesOptions {
  /** CSV to read (default the bundled datasets/co2-concentration.csv); a relative path resolves against process.cwd(). */
  file?: string;
  /** Date column (default "Date"). */
  dateColumn?: string;
  /** Value column (default "CO2"). */
  valueColumn?: string;
  /** Past months per window (default 24). */
  timesteps?: number;
  /** Months forecast from each window (default 12). */
  horizon?: number;
  validationFraction?: number;
  testFraction?: number;
  /** Print the split (default true). */
  verbose?: boolean;
}

/**
 * Loads a monthly series (default: Mauna Loa CO₂, ppm) as a forecasting task. Each month's input
 * is its change from the month before, less the window's mean change (its local drift), and the
 * month of the year (sin, cos); the targets are the next `horizon` values as changes from the
 * window's last value less k·drift, in the data's units. Working on detrended changes
 * keeps inputs and targets in the range seen in training even though the level keeps rising and
 * its rise speeds up (a model fed levels would meet test values above any it trained on). The
 * split is chronological (70/15/15 by target month: every target of a window lies in its own part)
 * and the scaler is fitted on the training rows only.
 *
 * @example
 * const co2 = await loadForecastSeries({ timesteps: 24, horizon: 12 });
 * model.fit(co2.train.x, co2.train.y);
 * const forecast = co2.toValues(predictedRows, co2.test); // ppm, [windows][12]
 */
export async function loadForecastSeries(options: ForecastSeriesOptions = {}): Promise<ForecastSeries> {
  const file = options.file ?? datasetPath("co2-concentration.csv");
  const timesteps = options.timesteps ?? 24;
  const horizon = options.horizon ?? 12;
  const period = 12;
  for (const [name, v] of [["timesteps", timesteps], ["horizon", horizon]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`loadForecastSeries: option ${name} must be a positive integer, got ${v}`);
  }
  const series = await readMonthlySeries(file, { date: options.dateColumn ?? "Date", value: options.valueColumn ?? "CO2" });
  const { values, months } = series;
  // Row i's features: change since row i−1, month of the year as sin/cos. Row 0 has no change: no window starts there.
  const features = values.map((v, i) => {
    const month = Number(months[i].slice(5)) - 1;
    return [i > 0 ? v - values[i - 1] : NaN, Math.sin((2 * Math.PI * month) / period), Math.cos((2 * Math.PI * month) / period)];
  });
  const featureNames = [`${series.column} change`, "month sin", "month cos"]; // the change less the window's drift, for the model
  const split = chronologicalSplit(values.length, { validation: options.validationFraction ?? 0.15, test: options.testFraction ?? 0.15 });
  if (split.train.to - 1 < timesteps + horizon) {
    throw new Error(`loadForecastSeries: ${file} has ${split.train.to} training months, too few for timesteps ${timesteps} + horizon ${horizon}`);
  }
  const scaler = fitStandardScaler(features.slice(1, split.train.to));
  await tf.ready();
  const part = (range: { from: number; to: number }, name: string): ForecastSplit => {
    // Windows start at row 1 at the earliest (row 0 has no change): window over rows 1…, origins shifted back.
    const w = forecastWindows(features.slice(1), values.slice(1), timesteps, horizon, { from: range.from - 1, to: range.to - 1 });
    if (w.x.length === 0) {
      throw new Error(`loadForecastSeries: the ${name} part (${range.to - range.from} months) holds no window of timesteps ${timesteps} + horizon ${horizon}`);
    }
    const origins = w.origins.map((o) => o + 1);
    const drift = w.x.map((rows) => rows.reduce((sum, r) => sum + r[0], 0) / rows.length);
    const x = w.x.map((rows, i) => scaler.transform(rows).map((r, t) => [(rows[t][0] - drift[i]) / scaler.std[0], ...r.slice(1)]));
    const y = w.y.map((row, i) => row.map((v, k) => v - values[origins[i]] - (k + 1) * drift[i]));
    return {
      x: tf.tensor3d(x, [x.length, timesteps, featureNames.length]),
      y: tf.tensor2d(y, [y.length, horizon]),
      origins,
      drift,
      originMonths: origins.map((o) => months[o]),
      actual: w.y,
      inputs: w.x,
    };
  };
  const train = part(split.train, "train");
  const validation = part(split.validation, "validation");
  const test = part(split.test, "test");
  if (options.verbose ?? true) {
    console.log(`${file}: ${values.length} months ${months[0]} … ${months[months.length - 1]} of "${series.column}"` +
      (series.filled.length ? `; ${series.filled.length} missing months interpolated (${series.filled.join(", ")})` : ""));
    for (const [name, s] of [["train", train], ["validation", validation], ["test", test]] as const) {
      console.log(`  ${name.padEnd(10)} ${String(s.origins.length).padStart(4)} windows, forecasts made at ${s.originMonths[0]} … ${s.originMonths[s.originMonths.length - 1]}`);
    }
  }
  return {
    ...series, timesteps, horizon, period, featureNames, split, scaler, train, validation, test,
    toValues(predicted, p) {
      if (predicted.length !== p.origins.length) throw new Error(`toValues: ${predicted.length} rows of predictions for ${p.origins.length} windows`);
      return predicted.map((row, i) => {
        if (row.length !== horizon) throw new Error(`toValues: prediction row ${i} has ${row.length} values, expected horizon ${horizon}`);
        return row.map((v, k) => values[p.origins[i]] + (k + 1) * p.drift[i] + v);
      });
    },
    dispose: () => [train, validation, test].forEach((s) => tf.dispose([s.x, s.y])),
  };
}
