import * as tf from "@tensorflow/tfjs";
import { chronologicalSplit, type ChronologicalSplit } from "./chronologicalSplit";
import { classCounts } from "./classCounts";
import { datasetPath } from "./datasetPath";
import { dayOfYearFeatures } from "./dayOfYearFeatures";
import { encodeClasses } from "./encodeClasses";
import { makeWindows } from "./makeWindows";
import { oneHot } from "./oneHot";
import { readCsvFrame } from "./readCsvFrame";
import { fitStandardScaler, type StandardScaler } from "./standardScaler";

/**
 * The measured columns of seattle-weather.csv used as inputs.
 *
 * @example
 * const frame = await readCsvFrame(datasetPath("seattle-weather.csv"), { numeric: SEATTLE_NUMERIC, text: ["date", "weather"] });
 */
export const SEATTLE_NUMERIC = ["precipitation", "temp_max", "temp_min", "wind"];

/** One part of the split, ready for a model: windows, one-hot labels and what they came from. */
export interface WindowedSplit {
  /** [samples, timesteps, features], scaled with the training statistics. */
  x: tf.Tensor3D;
  /** [samples, classes], one-hot. */
  y: tf.Tensor2D;
  /** Class index of each sample (argmax of y). */
  labels: number[];
  /** The date each sample forecasts (the day after its window). */
  targetDates: string[];
  /** The same windows before scaling, [samples][t][feature] (for traces and heatmaps). */
  unscaled: number[][][];
}

/** Everything the tutorial model needs from the Seattle weather data. */
export interface SeattleWeather {
  file: string;
  classes: string[];
  featureNames: string[];
  timesteps: number;
  /** Rows (days) in the file and the day ranges of the chronological split. */
  rows: number;
  split: ChronologicalSplit;
  /** Fitted on the training days only. */
  scaler: StandardScaler;
  /** Class counts over all days of the file, in `classes` order. */
  counts: number[];
  train: WindowedSplit;
  validation: WindowedSplit;
  test: WindowedSplit;
  /** Frees the tensors. */
  dispose(): void;
}

/** Options of `loadSeattleWeather` (each documented with its default below). */
export interface SeattleWeatherOptions {
  /** CSV to read; default the bundled datasets/seattle-weather.csv. */
  file?: string;
  /** Past days per window (default 14). */
  timesteps?: number;
  /** Add day-of-year sin/cos inputs (default true). */
  dayOfYear?: boolean;
  validationFraction?: number;
  testFraction?: number;
  /** Print class counts (default true). */
  verbose?: boolean;
}

/**
 * Loads the Seattle weather CSV and turns it into the tutorial's task: windows of `timesteps`
 * past days of features → the next day's `weather` class (5 classes, one-hot). The split is
 * chronological (70/15/15 by target day); the scaler is fitted on the training days only;
 * a window may look back across a split boundary (past days are known when forecasting) but
 * its label is always in its own part.
 *
 * @example
 * const data = await loadSeattleWeather({ timesteps: 14 });
 * model.fit(data.train.x, data.train.y, { validationData: [data.validation.x, data.validation.y] });
 */
export async function loadSeattleWeather(options: SeattleWeatherOptions = {}): Promise<SeattleWeather> {
  const file = options.file ?? datasetPath("seattle-weather.csv");
  const timesteps = options.timesteps ?? 14;
  const useDayOfYear = options.dayOfYear ?? true;
  const df = await readCsvFrame(file, { numeric: SEATTLE_NUMERIC, text: ["date", "weather"] });
  const dates = (df.column("date").values as unknown[]).map(String);
  for (let i = 1; i < dates.length; i++) {
    if (!(dates[i] > dates[i - 1])) {
      throw new Error(`${file}: line ${i + 2}, column "date": ${dates[i]} does not follow ${dates[i - 1]} (rows must be in time order)`);
    }
  }
  const numeric = SEATTLE_NUMERIC.map((c) => df.column(c).values as number[]);
  const doy = useDayOfYear ? dayOfYearFeatures(dates) : dates.map(() => []);
  const raw = dates.map((_, i) => [...numeric.map((col) => col[i]), ...doy[i]]);
  const featureNames = [...SEATTLE_NUMERIC, ...(useDayOfYear ? ["day_of_year_sin", "day_of_year_cos"] : [])];
  const { classes, indices } = encodeClasses((df.column("weather").values as unknown[]).map(String));
  const split = chronologicalSplit(raw.length, {
    validation: options.validationFraction ?? 0.15,
    test: options.testFraction ?? 0.15,
  });
  if (split.train.to <= timesteps) {
    throw new Error(`loadSeattleWeather: timesteps ${timesteps} leaves no training window (${split.train.to} training days)`);
  }
  const scaler = fitStandardScaler(raw.slice(split.train.from, split.train.to));
  const scaled = scaler.transform(raw);
  await tf.ready(); // the tensors below need an initialized backend (initBackend's choice, else tfjs's own)
  const part = (range: { from: number; to: number }): WindowedSplit => {
    const w = makeWindows(scaled, indices, timesteps, range);
    const u = makeWindows(raw, indices, timesteps, range);
    if (w.x.length === 0) throw new Error(`loadSeattleWeather: timesteps ${timesteps} leaves no window in rows ${range.from}–${range.to}`);
    return {
      x: tf.tensor3d(w.x, [w.x.length, timesteps, featureNames.length]),
      y: tf.tensor2d(oneHot(w.y, classes.length), [w.y.length, classes.length]),
      labels: w.y,
      targetDates: w.targetRows.map((r) => dates[r]),
      unscaled: u.x,
    };
  };
  const train = part(split.train);
  const validation = part(split.validation);
  const test = part(split.test);
  const all = classCounts(indices, classes);
  if (options.verbose ?? true) {
    console.log(`${file}: ${raw.length} days, ${classes.length} classes: ${all.text}`);
    for (const [name, s] of [["train", train], ["validation", validation], ["test", test]] as const) {
      console.log(`  ${name.padEnd(10)} ${String(s.labels.length).padStart(4)} windows (${s.targetDates[0]} … ${s.targetDates[s.targetDates.length - 1]}): ${classCounts(s.labels, classes).text}`);
    }
  }
  return {
    file, classes, featureNames, timesteps, rows: raw.length, split, scaler, counts: all.counts,
    train, validation, test,
    dispose: () => [train, validation, test].forEach((s) => tf.dispose([s.x, s.y])),
  };
}
