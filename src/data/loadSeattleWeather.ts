import * as tf from "@tensorflow/tfjs";
import type * as dfd from "danfojs-node";
import { danfo } from "../util/danfo";
import { chronologicalSplit, type ChronologicalSplit } from "./chronologicalSplit";
import { classCounts } from "./classCounts";
import { dailyGaps, windowTargets, type DayGap } from "./dailySeries";
import { datasetPath } from "./datasetPath";
import { dayOfYearSinCos } from "./dayOfYearFeatures";
import { isoDay } from "./isoDay";
import { readCsvColumns, type CsvColumnSpec } from "./readCsvColumns";
import { fitStandardScalerOn, type StandardScaler } from "./standardScaler";

/**
 * The measured columns of seattle-weather.csv used as inputs.
 *
 * @example
 * const frame = await readCsvFrame(datasetPath("seattle-weather.csv"), { numeric: SEATTLE_NUMERIC, text: ["date", "weather"] });
 */
export const SEATTLE_NUMERIC = ["precipitation", "temp_max", "temp_min", "wind"];

/**
 * The closed class list of seattle-weather.csv's `weather` column: an unknown name is an error
 * naming its line unless `newClasses` admits it.
 *
 * @example
 * const data = await loadSeattleWeather({ classes: [...SEATTLE_CLASSES, "hail"] });
 */
export const SEATTLE_CLASSES: readonly string[] = ["drizzle", "fog", "rain", "snow", "sun"];

// Plausible physical ranges (beyond the world records), so a typo such as 1e30 says "out of range".
const RANGES: Record<string, { min: number; max: number; unit: string }> = {
  precipitation: { min: 0, max: 2000, unit: "mm" }, temp_max: { min: -100, max: 70, unit: "°C" },
  temp_min: { min: -100, max: 70, unit: "°C" }, wind: { min: 0, max: 150, unit: "m/s" },
};

/** One part of the split, ready for a model: windows, one-hot labels and what they came from. */
export interface WindowedSplit {
  /** [samples, timesteps, features], scaled with the training statistics. */
  x: tf.Tensor3D;
  /** [samples, classes], one-hot. */
  y: tf.Tensor2D;
  /** Class index of each sample (argmax of y). */
  labels: number[];
  /** Class index of the last day of each window ("today"; for baselines such as persistence). */
  previousLabels: number[];
  /** The date each sample forecasts (the day after its window); built on first use. */
  targetDates: string[];
  /** The same windows before scaling, [samples][t][feature]; built on first use (use unscaledWindow for one). */
  unscaled: number[][][];
  /** One window before scaling, [t][feature]. */
  unscaledWindow(sample: number): number[][];
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
  /** Missing days in the series; no window spans one. */
  gaps: DayGap[];
  /** Fitted on the training days only. */
  scaler: StandardScaler;
  /** Class counts over all days of the file, in `classes` order. */
  counts: number[];
  train: WindowedSplit;
  validation: WindowedSplit;
  test: WindowedSplit;
  /** The file's rows as a danfo DataFrame (date, the numeric columns, weather), built on request. */
  frame(): dfd.DataFrame;
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
  /** Fraction of days (latest but test) for validation (default 0.15). */
  validationFraction?: number;
  /** Fraction of the latest days for testing (default 0.15). */
  testFraction?: number;
  /** The closed class list, in output order (default SEATTLE_CLASSES). */
  classes?: readonly string[];
  /** Admit classes not in `classes`, appended in order of first appearance (default false: an unknown class is an error). */
  newClasses?: boolean;
  /** Print class counts and gaps (default true). */
  verbose?: boolean;
  /** Stops reading once aborted, within a 1 MiB chunk of the file (throws the signal's reason). */
  signal?: AbortSignal;
}

/**
 * Loads the Seattle weather CSV and turns it into the tutorial's task: windows of `timesteps`
 * past days of features → the next day's `weather` class (one-hot over a closed class list). The
 * file is streamed into typed arrays and checked cell by cell (errors name the file, the line and
 * the column: unknown classes, dates that are not whole calendar days, out-of-range numbers,
 * ragged rows, days out of order). Missing days are reported in `gaps` and no window spans one.
 * The split is chronological (70/15/15 by target day); the scaler is fitted on the training days
 * only; a window may look back across a split boundary (past days are known when forecasting) but
 * its label is always in its own part. Memory: about 0.5 KB per row (docs/reliability.md).
 *
 * @example
 * const data = await loadSeattleWeather({ timesteps: 14 });
 * model.fit(data.train.x, data.train.y, { validationData: [data.validation.x, data.validation.y] });
 */
export async function loadSeattleWeather(options: SeattleWeatherOptions = {}): Promise<SeattleWeather> {
  const file = options.file ?? datasetPath("seattle-weather.csv");
  const timesteps = options.timesteps ?? 14;
  if (!Number.isInteger(timesteps) || timesteps < 1) throw new Error(`loadSeattleWeather: option timesteps must be a positive integer, got ${timesteps}`);
  const useDayOfYear = options.dayOfYear ?? true;
  const specs: CsvColumnSpec[] = [
    { name: "date", kind: "date" },
    ...SEATTLE_NUMERIC.map((name) => ({ name, kind: "number" as const, ...RANGES[name] })),
    { name: "weather", kind: "class", classes: options.classes ?? SEATTLE_CLASSES, newClasses: options.newClasses ?? false },
  ];
  const csv = await readCsvColumns(file, specs, { signal: options.signal });
  const days = csv.days.date;
  const gaps = dailyGaps(file, days, csv.lines, "date");
  const { classes, indices } = csv.classes.weather;
  const n = csv.rows;
  const featureNames = [...SEATTLE_NUMERIC, ...(useDayOfYear ? ["day_of_year_sin", "day_of_year_cos"] : [])];
  const f = featureNames.length;
  const raw = new Float64Array(n * f); // row-major [day][feature], unscaled
  SEATTLE_NUMERIC.forEach((name, j) => { const col = csv.numbers[name]; for (let i = 0; i < n; i++) raw[i * f + j] = col[i]; });
  if (useDayOfYear) for (let i = 0; i < n; i++) [raw[i * f + 4], raw[i * f + 5]] = dayOfYearSinCos(days[i]);
  const split = chronologicalSplit(n, { validation: options.validationFraction ?? 0.15, test: options.testFraction ?? 0.15 });
  if (split.train.to <= timesteps) {
    throw new Error(`${file}: timesteps ${timesteps} leaves no training window (${split.train.to} training days of ${n}); use fewer timesteps (--timesteps) or a longer file`);
  }
  const scaler = fitStandardScalerOn(split.train.to, f, (i, j) => raw[i * f + j]);
  const scaled = new Float32Array(n * f);
  for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) scaled[i * f + j] = (raw[i * f + j] - scaler.mean[j]) / scaler.std[j];
  await tf.ready(); // the tensors below need an initialized backend (initBackend's choice, else tfjs's own)
  options.signal?.throwIfAborted();
  const made: tf.Tensor[] = [];
  const part = (name: string, range: { from: number; to: number }): WindowedSplit => {
    const targets = windowTargets(days, timesteps, range);
    if (targets.length === 0) {
      throw new Error(`${file}: no ${name} window: no ${timesteps} consecutive days before a target day on lines ${csv.lines[range.from]}–${csv.lines[range.to - 1]}` +
        `${gaps.length ? ` (${gaps.length} gaps in the series)` : ""}; use fewer timesteps (--timesteps) or a longer file`);
    }
    const x = new Float32Array(targets.length * timesteps * f);
    const y = new Float32Array(targets.length * classes.length);
    targets.forEach((t, s) => {
      x.set(scaled.subarray((t - timesteps) * f, t * f), s * timesteps * f);
      y[s * classes.length + indices[t]] = 1;
    });
    const xt = tf.tensor3d(x, [targets.length, timesteps, f]);
    made.push(xt);
    const yt = tf.tensor2d(y, [targets.length, classes.length]);
    made.push(yt);
    const unscaledWindow = (s: number) => Array.from({ length: timesteps }, (_, k) => Array.from(raw.subarray((targets[s] - timesteps + k) * f, (targets[s] - timesteps + k + 1) * f)));
    return lazy({ x: xt, y: yt, labels: Array.from(targets, (t) => indices[t]), previousLabels: Array.from(targets, (t) => indices[t - 1]), unscaledWindow }, {
      targetDates: () => Array.from(targets, (t) => isoDay(days[t])),
      unscaled: () => Array.from(targets, (_, s) => unscaledWindow(s)),
    }) as WindowedSplit;
  };
  let train: WindowedSplit, validation: WindowedSplit, test: WindowedSplit;
  try {
    train = part("training", split.train);
    validation = part("validation", split.validation);
    test = part("test", split.test);
  } catch (err) {
    tf.dispose(made);
    throw err;
  }
  const all = classCounts(Array.from(indices), classes);
  if (options.verbose ?? true) {
    console.log(`${file}: ${n} days, ${classes.length} classes: ${all.text}`);
    if (gaps.length > 0) {
      const shown = gaps.slice(0, 5).map((g) => `line ${g.line}: ${g.after} follows ${g.before} (${g.missingDays} day${g.missingDays > 1 ? "s" : ""} missing)`);
      console.log(`  ${gaps.length} gap${gaps.length > 1 ? "s" : ""} in the daily series (no window spans one): ${shown.join("; ")}${gaps.length > 5 ? "; …" : ""}`);
    }
    for (const [name, s] of [["train", train], ["validation", validation], ["test", test]] as const) {
      console.log(`  ${name.padEnd(10)} ${String(s.labels.length).padStart(4)} windows (${s.targetDates[0]} … ${s.targetDates[s.targetDates.length - 1]}): ${classCounts(s.labels, classes).text}`);
    }
  }
  const frame = () => new (danfo().DataFrame)({
    date: Array.from(days, isoDay), ...Object.fromEntries(SEATTLE_NUMERIC.map((c) => [c, Array.from(csv.numbers[c])])),
    weather: Array.from(indices, (i) => classes[i]),
  });
  return {
    file, classes, featureNames, timesteps, rows: n, split, gaps, scaler, counts: all.counts, train, validation, test, frame,
    dispose: () => tf.dispose(made),
  };
}

/** `target` plus properties computed on first read and then kept (so a large file pays only for what is used). */
function lazy<T extends object>(target: T, getters: Record<string, () => unknown>): T {
  for (const [key, make] of Object.entries(getters)) {
    Object.defineProperty(target, key, {
      enumerable: true, configurable: true,
      get() {
        const value = make();
        Object.defineProperty(target, key, { value, enumerable: true, writable: true });
        return value;
      },
    });
  }
  return target;
}
