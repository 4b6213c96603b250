import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../backend";
import { lossCurves } from "../charts/lossCurves";
import { predictionsVsActual } from "../charts/predictionsVsActual";
import { loadForecastSeries, type ForecastSeries } from "../data/loadForecastSeries";
import { buildForecaster } from "../models/buildForecaster";
import { disposeModel } from "../models/disposeModel";
import type { GruImplementation } from "../models/pickGruSequence";
import type { MetricsJson } from "../runs/runFormat";
import type { Run } from "../runs/Run";
import { checkJobMemory } from "../bounds/checkJobMemory";
import { countCsvRows } from "../bounds/checkMemory";
import { datasetPath } from "../data/datasetPath";
import { JobSteps, TRAINING_STEP } from "../runs/JobSteps";
import { reopenRun } from "../runs/reopenRun";
import { startRun } from "../runs/startRun";
import { forecastMetrics, type ForecastMetrics } from "../training/forecastMetrics";
import { forecastBaselines } from "../baselines/forecastBaselines";
import { readJobConfig } from "./readJobConfig";
import { finishRun } from "../reports/finishRun";
import { RUN_FILES } from "../runs/runFormat";

/**
 * Defaults of the forecasting study: GRU(32), adam 0.003, up to 300 epochs with patience 15, 24 months
 * in, 12 out; about 10–40 s per model on this machine's wasm backend (early stopping decides).
 *
 * @example
 * await runForecast({ units: FORECAST_DEFAULTS.units * 2 });
 */
export const FORECAST_DEFAULTS = { units: 32, seed: 1, epochs: 300, patience: 15, batchSize: 32, learningRate: 0.003, timesteps: 24, horizon: 12 };

/** Options of {@link runForecast}; every one has a default (FORECAST_DEFAULTS). */
export interface ForecastOptions {
  /** GRU units (default 32). */
  units?: number;
  /** Months of history per window (default 24). */
  timesteps?: number;
  /** Months forecast from each window (default 12). */
  horizon?: number;
  /** Upper bound on epochs (default 300; early stopping ends sooner). */
  epochs?: number;
  /** Early-stopping patience on val_loss (default 15; 0 = off). */
  patience?: number;
  /** Seed of the initial weights and the shuffling (default 1). */
  seed?: number;
  /** Samples per step (default 32). */
  batchSize?: number;
  /** Adam learning rate (default 0.003). */
  learningRate?: number;
  /** Backend name; default initBackend's choice. */
  backend?: string;
  gruImplementation?: GruImplementation;
  /** Parent folder of the run folder, relative to process.cwd() (default the project's runs/, or $GRULAB_RUNS). */
  out?: string;
  /** Monthly CSV, relative to process.cwd() (default the bundled co2-concentration.csv). */
  file?: string;
  /** Date and value columns (default "Date" and "CO2"). */
  dateColumn?: string;
  valueColumn?: string;
  /** "auto" | "lines" | "none", as train (default "auto"). */
  progress?: "auto" | "lines" | "none";
}

/** What runForecast returns: the run folder, metrics.json, and the GRU's and each baseline's multi-step scores. */
export interface ForecastResult {
  runDir: string;
  metrics: MetricsJson;
  /** By model name ("GRU(32)", "persistence", …): MAE/RMSE over all steps, one step ahead, per step. */
  scores: Record<string, ForecastMetrics>;
  warnings: string[];
}

/**
 * The forecasting study as a main job (`grulab forecast`): loads the monthly series, trains the
 * GRU forecaster through the run API with early stopping, scores it on the test years beside
 * persistence, seasonal naive and linear AR (metrics.json: `mae`, `rmse` over every step ahead,
 * in the data's units), traces the gates of the first and last test windows, saves the model,
 * exports the one-month-ahead forecast chart and finishes with the report. Prints a table with
 * one month ahead and all months ahead. Ctrl-C at any step keeps what was finished (the run
 * says `interrupted` and the step) and throws RunInterrupted; `grulab resume <run>` continues.
 *
 * @example
 * const { runDir, scores } = await runForecast({ epochs: 50, out: "/tmp/runs" });
 */
export async function runForecast(options: ForecastOptions = {}): Promise<ForecastResult> {
  const o = { ...FORECAST_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as ForecastSettings;
  return forecastJob(o, (series) => startRun("forecast", {
    task: "regression", dir: o.out, cliResume: true, config: {
      job: "forecast", dataset: path.basename(series.file), datasetPath: path.resolve(series.file), dateColumn: o.dateColumn ?? "Date", column: series.column,
      months: series.values.length, filledMonths: series.filled, timesteps: series.timesteps, horizon: series.horizon, features: series.featureNames,
      target: `${series.column} 1…${series.horizon} months ahead, less the last value and the window's drift`, units: o.units, epochs: o.epochs,
      patience: o.patience, batchSize: o.batchSize, seed: o.seed, learningRate: o.learningRate, gruImplementation: o.gruImplementation ?? "auto", optimizer: "adam", loss: "meanSquaredError",
      split: { method: "chronological", train: 0.7, validation: 0.15, test: 0.15 },
    },
  }));
}

/**
 * Continues a forecast run (interrupted, killed or failed) with the options in its config.json:
 * the same series and model, training from the last completed epoch, then every step after
 * training as runForecast does. `grulab resume <run>` calls it through resumeJob.
 *
 * @example
 * await resumeForecast("runs/20261129-231500-forecast");
 */
export async function resumeForecast(dir: string, options: Pick<ForecastOptions, "progress"> = {}): Promise<ForecastResult> {
  const c = readJobConfig(dir, "forecast");
  const o: ForecastSettings = {
    units: c.number("units"), seed: c.number("seed"), epochs: c.number("epochs"), patience: c.number("patience"), batchSize: c.number("batchSize"),
    learningRate: c.number("learningRate"), timesteps: c.number("timesteps"), horizon: c.number("horizon"), backend: c.string("backend"),
    gruImplementation: (c.optional("gruImplementation") ?? "auto") as GruImplementation, file: c.string("datasetPath"),
    dateColumn: c.optional("dateColumn") ?? "Date", valueColumn: c.string("column"), progress: options.progress,
  };
  return forecastJob(o, (_, model) => reopenRun(dir, model));
}

type ForecastSettings = typeof FORECAST_DEFAULTS & ForecastOptions;

/** The job's steps after its run folder is opened (new by startRun, or reopened for resume). */
async function forecastJob(o: ForecastSettings, open: (series: ForecastSeries, model: tf.LayersModel) => Promise<Run>): Promise<ForecastResult> {
  // The bound before anything is allocated: the series' rows are counted, not loaded.
  checkJobMemory({
    job: "forecast", cell: "gru", units: o.units, timesteps: o.timesteps, features: 3, outputs: o.horizon, batchSize: o.batchSize,
    windows: Math.max(1, countCsvRows(o.file ?? datasetPath("co2-concentration.csv"))), flags: { units: "--units", timesteps: "--timesteps", batchSize: "--batch-size" },
  });
  const job = new JobSteps();
  let model: tf.LayersModel | null = null;
  let run: Run | null = null;
  let series: ForecastSeries | null = null;
  try {
    await initBackend(o.backend);
    series = await job.step("loading the data", () => loadForecastSeries({ file: o.file, dateColumn: o.dateColumn, valueColumn: o.valueColumn, timesteps: o.timesteps, horizon: o.horizon }));
    const s = series;
    const m = buildForecaster({
      timesteps: s.timesteps, inputDim: s.featureNames.length, horizon: s.horizon, units: o.units, seed: o.seed,
      learningRate: o.learningRate, gruImplementation: o.gruImplementation,
    });
    model = m;
    const r = await open(s, m);
    run = r;
    job.use(r);
    console.log(`training GRU(${o.units}) → Dense(${s.horizon}) on ${s.train.origins.length} windows, validating on ${s.validation.origins.length} (up to ${o.epochs} epochs, patience ${o.patience})`);
    const fitted = await job.step(TRAINING_STEP, () => r.fit(m, s.train, { validation: s.validation, test: s.test, epochs: o.epochs, patience: o.patience, batchSize: o.batchSize, seed: o.seed, progress: o.progress }));
    await job.step("evaluation", () => r.evaluate(m, s.test, { signal: job.abortSignal, log: o.progress === "none" ? undefined : (line) => console.log(line) })); // y is in the data's units: mae, rmse in ppm
    const gruName = `GRU(${o.units})`;
    const { scores, predicted } = await job.step("baselines", () => {
      const out = m.predict(s.test.x, { batchSize: 256 }) as tf.Tensor;
      const predicted = s.toValues(out.arraySync() as number[][], s.test);
      out.dispose();
      const scores: Record<string, ForecastMetrics> = { [gruName]: forecastMetrics(s.test.actual, predicted) };
      for (const b of forecastBaselines(s)) {
        scores[b.name] = forecastMetrics(s.test.actual, b.predicted);
        r.addBaseline(b.name, { mae: scores[b.name].mae, rmse: scores[b.name].rmse });
      }
      return { scores, predicted };
    });
    const last = s.test.origins.length - 1;
    await job.step("gate traces", () => r.traceGates(m, s.test, {
      samples: [0, last], labels: [s.test.originMonths[0], s.test.originMonths[last]], unscaled: s.test.inputs, features: s.featureNames,
    }));
    await job.step("saving the model", () => r.saveModel(m));
    await job.step("charts", async () => {
      await r.exportChart(lossCurves(fitted.rows, { title: `grulab forecast: ${gruName} loss` }), "loss.html");
      await r.exportChart(oneMonthChart(s, predicted, gruName), "forecast.html");
    });
    const finished = await job.step("report", () => finishRun(r, { log: o.progress === "none" ? undefined : (line) => console.log(line) }));
    job.end();
    printTable(s, scores);
    console.log(`run folder ${r.dir}/ (${RUN_FILES.metrics}: mae, rmse over 1–${s.horizon} months, in ${s.column} units)`);
    for (const w of finished.warnings) console.log(`  (optional step skipped: ${w})`);
    return { runDir: r.dir, metrics: finished.metrics, scores, warnings: finished.warnings };
  } catch (err) {
    run?.fail(err as Error);
    throw err;
  } finally {
    job.close();
    if (model) disposeModel(model);
    series?.dispose();
  }
}

function oneMonthChart(series: ForecastSeries, predicted: number[][], name: string) {
  const months = series.test.origins.map((o) => series.months[o + 1]);
  return predictionsVsActual(series.test.actual.map((r) => r[0]), predicted.map((r) => r[0]), {
    x: months, title: `${name}: one month ahead on the test years`, xTitle: "month forecast", yTitle: series.column,
  });
}

function printTable(series: ForecastSeries, scores: Record<string, ForecastMetrics>): void {
  const h = series.horizon;
  console.log(`\ntest: ${series.test.origins.length} forecasts made at ${series.test.originMonths[0]} … ${series.test.originMonths[series.test.originMonths.length - 1]}`);
  console.log(`${"model".padEnd(22)} ${"MAE 1 month".padStart(12)} ${"RMSE 1 month".padStart(13)} ${`MAE 1–${h}`.padStart(10)} ${`RMSE 1–${h}`.padStart(10)}`);
  for (const [name, m] of Object.entries(scores)) {
    console.log(`${name.padEnd(22)} ${m.mae_1.toFixed(3).padStart(12)} ${m.rmse_1.toFixed(3).padStart(13)} ${m.mae.toFixed(3).padStart(10)} ${m.rmse.toFixed(3).padStart(10)}`);
  }
}
