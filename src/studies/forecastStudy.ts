import * as path from "path";
import { initBackend } from "../backend";
import { fitAutoregressive } from "../baselines/autoregressive";
import { fitSarima } from "../baselines/fitSarima";
import { holtWinters } from "../baselines/holtWinters";
import { persistenceForecast } from "../baselines/persistenceForecast";
import { fitRidgeRegression } from "../baselines/ridgeRegression";
import { sarima, type SarimaOrder } from "../baselines/sarima";
import { meanChangePerPeriod, seasonalNaiveDriftForecast } from "../baselines/seasonalNaiveDriftForecast";
import { loadForecastSeries, type ForecastSeries, type ForecastSplit } from "../data/loadForecastSeries";
import { dieboldMariano } from "../training/dieboldMariano";
import { meanStd } from "../training/meanStd";
import { regressionMetrics } from "../training/regressionMetrics";
import { studyResultsHeader } from "./studyResultsHeader";
import { writeStudyResults } from "./writeStudyResults";
import { FORECAST_DEFAULTS } from "./runForecast";

/**
 * What forecastStudy asks of its `trainSeeds`: the GRU forecaster (`buildForecaster`, FORECAST_DEFAULTS'
 * learning rate and batch size) trained once per seed on `series` with early stopping on its
 * validation windows, then the best epoch's weights forecasting its test windows.
 *
 * @example
 * const request: ForecastSeedsRequest = { seeds: [1, 2], epochs: 300, patience: 15, units: 32, series };
 */
export interface ForecastSeedsRequest {
  seeds: number[];
  /** Upper bound of epochs per seed. */
  epochs: number;
  /** Early-stopping patience on val_loss. */
  patience: number;
  /** GRU width. */
  units: number;
  /** The study's data (the trainer must train on exactly these windows). */
  series: ForecastSeries;
}

/**
 * One seed's GRU: epochs run, best epoch (1-based), training seconds, and its forecasts of the test
 * windows in the series' units (`series.toValues`), one row per window.
 *
 * @example
 * const r: SeedForecast = { seed: 1, epochs: 80, bestEpoch: 65, seconds: 12.5, predicted: [[415.2, 416.0]] };
 */
export interface SeedForecast { seed: number; epochs: number; bestEpoch: number; seconds: number; predicted: number[][] }

/** Options of {@link forecastStudy}; every one but trainSeeds has a default (the budget of record). */
export interface ForecastStudyOptions {
  /**
   * Trains the GRU seeds and returns their test forecasts, in the order of `seeds`. The project's is
   * `forecastSeedSweep()` (src/sweeps/): the seeds as a sweep of the built-in forecast trial, each a run folder.
   */
  trainSeeds: (request: ForecastSeedsRequest) => Promise<SeedForecast[]>;
  /** Seeds of the GRU's initial weights and shuffling (default 1…5). */
  seeds?: number[];
  /** Upper bound of epochs per seed (default 300, as `grulab forecast`; early stopping on val_loss ends it sooner). */
  epochs?: number;
  /** Early-stopping patience (default 15). */
  patience?: number;
  /** GRU width (default 32). */
  units?: number;
  /** AR orders tried on the validation windows (default 1…48). */
  arOrders?: number[];
  /** Ridge penalties tried on the validation windows for the linear direct model (default 10⁻⁶ … 10³, factors of 10). */
  l2Grid?: number[];
  /** SARIMA(p, 1, q)(P, 1, Q)₁₂ orders tried on the validation windows (default p, q ∈ {0, 1, 2}, P, Q ∈ {0, 1}: 36 models). */
  sarimaOrders?: SarimaOrder[];
  /** Monthly CSV (default the bundled co2-concentration.csv), as loadForecastSeries. */
  file?: string;
  /** Where results/forecast.json goes (default the project's results/); null writes nothing. */
  resultsDir?: string | null;
  /** The command to record (default "grulab study forecast"). */
  command?: string;
}

/** Per month ahead k = 1 … horizon, and over all of them. */
interface Scores { maeByHorizon: number[]; rmseByHorizon: number[]; mae: number; rmse: number }

function scores(actual: number[][], predicted: number[][]): Scores {
  const column = (k: number) => regressionMetrics(actual.map((r) => r[k]), predicted.map((r) => r[k]));
  const all = regressionMetrics(actual, predicted);
  const by = actual[0].map((_, k) => column(k));
  return { maeByHorizon: by.map((m) => m.mae), rmseByHorizon: by.map((m) => m.rmse), mae: all.mae, rmse: all.rmse };
}

/** Mean squared error over every window and month ahead. */
function mse(actual: number[][], predicted: number[][]): number {
  let s = 0, n = 0;
  actual.forEach((row, i) => row.forEach((v, k) => { s += (predicted[i][k] - v) ** 2; n++; }));
  return s / n;
}

/** The GRU's own inputs, one row per window: the scaled [timesteps, features] window flattened. */
function flatInputs(part: ForecastSplit): number[][] {
  return (part.x.arraySync() as number[][][]).map((w) => w.flat());
}

/** Diebold–Mariano of A against B at every month ahead h (h-step errors, squared loss, horizon h). */
function dmByHorizon(actual: number[][], a: number[][], b: number[][]) {
  return actual[0].map((_, k) => {
    const r = dieboldMariano(a.map((row, i) => row[k] - actual[i][k]), b.map((row, i) => row[k] - actual[i][k]), { horizon: k + 1, loss: "squared" });
    return { horizon: k + 1, meanDifference: r.meanDifference, statistic: r.statistic, pValue: r.pValue };
  });
}

/**
 * The forecasting study of record on monthly CO₂ (12 months ahead from 24): the GRU forecaster of
 * `grulab forecast` over several seeds (trained by `options.trainSeeds`: `grulab study forecast` runs
 * them as a sweep, forecastSeedSweep) and their mean forecast, beside persistence, seasonal naive
 * with drift, a linear AR on the levels, additive Holt–Winters, SARIMA and a linear direct model (ridge least squares on exactly
 * the GRU's inputs and targets) — MAE and RMSE per month ahead on the test windows, and
 * Diebold–Mariano tests (squared loss, h-step errors) of every GRU forecast against every
 * baseline. Every choice (AR order, ridge penalty, Holt–Winters weights, SARIMA order, the GRU's early stopping) is made on the
 * validation windows; the test windows are scored once. Writes `results/forecast.json` with the
 * date, versions, budget and every forecast; `grulab study forecast` runs it.
 *
 * @example
 * const results = await forecastStudy({ seeds: [1, 2], epochs: 50, resultsDir: null, trainSeeds: forecastSeedSweep() });
 * results.models.linearDirect.test.mae; results.dieboldMariano.seedMean.linearDirect[0].pValue;
 */
export async function forecastStudy(options: ForecastStudyOptions): Promise<Record<string, unknown>> {
  const seeds = options.seeds ?? [1, 2, 3, 4, 5];
  const epochs = options.epochs ?? FORECAST_DEFAULTS.epochs, patience = options.patience ?? FORECAST_DEFAULTS.patience, units = options.units ?? FORECAST_DEFAULTS.units;
  const arOrders = options.arOrders ?? Array.from({ length: 48 }, (_, i) => i + 1);
  const l2Grid = options.l2Grid ?? [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100, 1000];
  if (seeds.length === 0) throw new Error("forecastStudy: option seeds is empty");
  const sarimaOrders = options.sarimaOrders ?? [0, 1, 2].flatMap((p) => [0, 1, 2].flatMap((q) => [0, 1].flatMap((P) => [0, 1].map((Q) => ({ p, d: 1, q, P, D: 1, Q, period: 12 })))));
  if (arOrders.length === 0 || l2Grid.length === 0 || sarimaOrders.length === 0) throw new Error("forecastStudy: options arOrders, l2Grid and sarimaOrders need at least one value each");
  const backend = await initBackend();
  const started = Date.now();
  const series = await loadForecastSeries({ file: options.file, timesteps: FORECAST_DEFAULTS.timesteps, horizon: FORECAST_DEFAULTS.horizon, verbose: false });
  try {
    const s: ForecastSeries = series;
    const { values, horizon, period } = s;
    const trainValues = values.slice(s.split.train.from, s.split.train.to);
    const each = (part: ForecastSplit, f: (history: number[]) => number[]) => part.origins.map((o) => f(values.slice(0, o + 1)));

    // AR order: fitted on the training months, chosen by MSE over the validation windows.
    const arValidation = arOrders.map((order) => {
      const ar = fitAutoregressive(trainValues, order);
      return { order, mse: mse(s.validation.actual, each(s.validation, (h) => ar.forecast(h, horizon))) };
    });
    const arOrder = arValidation.reduce((a, b) => (b.mse < a.mse ? b : a)).order;
    const ar = fitAutoregressive(trainValues, arOrder);

    // Linear direct model: the GRU's flattened window in, its 12 targets out; l2 chosen on validation.
    const trainX = flatInputs(s.train), validationX = flatInputs(s.validation), testX = flatInputs(s.test);
    const trainY = s.train.y.arraySync() as number[][];
    const ridgeValidation = l2Grid.map((l2) => {
      const fit = fitRidgeRegression(trainX, trainY, l2);
      return { l2, mse: mse(s.validation.actual, s.toValues(fit.predict(validationX), s.validation)) };
    });
    const l2 = ridgeValidation.reduce((a, b) => (b.mse < a.mse ? b : a)).l2;
    const linear = fitRidgeRegression(trainX, trainY, l2);

    // Additive Holt–Winters: α, β, γ chosen on the validation windows (state from the start of the series).
    const hwValidation: Array<{ alpha: number; beta: number; gamma: number; mse: number }> = [];
    for (const alpha of [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9]) {
      for (const beta of [0.01, 0.02, 0.05, 0.1, 0.2, 0.3]) {
        for (const gamma of [0.05, 0.1, 0.2, 0.3, 0.5, 0.7]) {
          const hw = holtWinters(values, period, { alpha, beta, gamma });
          hwValidation.push({ alpha, beta, gamma, mse: mse(s.validation.actual, s.validation.origins.map((o) => hw.forecastFrom(o, horizon))) });
        }
      }
    }
    const hwBest = hwValidation.reduce((a, b) => (b.mse < a.mse ? b : a));
    const hw = holtWinters(values, period, hwBest);

    // SARIMA: each order fitted by exact maximum likelihood on the training months, its coefficients
    // then run over the whole series (a forecast from origin o uses values 0 … o); order by validation MSE.
    const orderName = (o: SarimaOrder) => `(${o.p},${o.d},${o.q})(${o.P},${o.D},${o.Q})${o.period}`;
    const sarimaValidation = sarimaOrders.map((order) => {
      try {
        const fit = fitSarima(trainValues, order);
        const model = sarima(values, order, fit.coefficients);
        return { order: orderName(order), mse: mse(s.validation.actual, s.validation.origins.map((o) => model.forecastFrom(o, horizon))), logLikelihood: fit.logLikelihood, coefficients: fit.coefficients, spec: order };
      } catch (err) {
        return { order: orderName(order), mse: Infinity, error: err instanceof Error ? err.message : String(err), spec: order };
      }
    });
    const sarimaBest = sarimaValidation.reduce((a, b) => (b.mse < a.mse ? b : a));
    if (!("coefficients" in sarimaBest) || !sarimaBest.coefficients) throw new Error(`forecastStudy: no SARIMA order could be fitted: ${sarimaValidation.map((v) => ("error" in v ? v.error : "")).join("; ")}`);
    const sarimaModel = sarima(values, sarimaBest.spec, sarimaBest.coefficients);
    console.log(`forecast study: SARIMA${sarimaBest.order} chosen from ${sarimaOrders.length} orders on validation`);

    const yearlyChange = meanChangePerPeriod(trainValues, period);
    const baselines: Record<string, { name: string; predicted: number[][] }> = {
      persistence: { name: "persistence", predicted: each(s.test, (h) => persistenceForecast(h, horizon)) },
      seasonalNaiveDrift: { name: `seasonal naive (${period}) with drift`, predicted: each(s.test, (h) => seasonalNaiveDriftForecast(h, period, horizon, yearlyChange)) },
      autoregressive: { name: `linear AR(${arOrder})`, predicted: each(s.test, (h) => ar.forecast(h, horizon)) },
      linearDirect: { name: `linear direct (ridge l2 = ${l2})`, predicted: s.toValues(linear.predict(testX), s.test) },
      holtWinters: { name: `Holt–Winters additive (α ${hwBest.alpha}, β ${hwBest.beta}, γ ${hwBest.gamma})`, predicted: s.test.origins.map((o) => hw.forecastFrom(o, horizon)) },
      sarima: { name: `SARIMA${sarimaBest.order}`, predicted: s.test.origins.map((o) => sarimaModel.forecastFrom(o, horizon)) },
    };

    const perSeed = await options.trainSeeds({ seeds, epochs, patience, units, series: s });
    if (perSeed.length !== seeds.length || perSeed.some((r, i) => r.seed !== seeds[i] || r.predicted.length !== s.test.origins.length)) {
      throw new Error(`forecastStudy: trainSeeds returned seeds ${perSeed.map((r) => r.seed).join(", ")} (${perSeed.map((r) => r.predicted.length).join(", ")} test windows); expected ${seeds.join(", ")} with ${s.test.origins.length} each`);
    }
    for (const r of perSeed) {
      console.log(`forecast study: seed ${r.seed}: test MAE 1–${horizon} ${scores(s.test.actual, r.predicted).mae.toFixed(3)} after ${r.epochs} epochs (best ${r.bestEpoch}, ${r.seconds.toFixed(0)} s)`);
    }
    const seedMean = s.test.actual.map((row, i) => row.map((_, k) => perSeed.reduce((sum, r) => sum + r.predicted[i][k], 0) / perSeed.length));
    const gruScores = perSeed.map((r) => scores(s.test.actual, r.predicted));
    const overSeeds = (pick: (x: Scores) => number) => { const m = meanStd(gruScores.map(pick)); return { mean: m.mean, sd: m.sd, perSeed: gruScores.map(pick) }; };
    const dm = (predicted: number[][]) => Object.fromEntries(Object.entries(baselines).map(([key, b]) => [key, dmByHorizon(s.test.actual, predicted, b.predicted)]));

    const results = {
      ...studyResultsHeader("forecast", options.command ?? "grulab study forecast", { seeds, maxEpochs: epochs, patience, epochsRun: perSeed.map((r) => r.epochs), seconds: (Date.now() - started) / 1000 }, backend),
      data: {
        file: path.basename(s.file), months: values.length, timesteps: s.timesteps, horizon,
        trainWindows: s.train.origins.length, validationWindows: s.validation.origins.length, testWindows: s.test.origins.length,
        testOrigins: [s.test.originMonths[0], s.test.originMonths[s.test.originMonths.length - 1]],
      },
      choices: {
        note: "every choice is made on the validation windows (MSE over all months ahead) with models fitted on the training months; the test windows are scored once",
        arOrder, arValidation, l2, ridgeValidation,
        gru: `early stopping on validation loss (patience ${patience}), best epoch's weights; the drift step (targets and inputs less the window's mean change) is fixed by the data preparation, not chosen`,
        seasonalNaiveYearlyChange: yearlyChange,
        holtWinters: { ...hwBest, note: "grulab's additive Holt–Winters (holtWinters, src/baselines/ of grulab's repository), checked against statsmodels 0.15.0's ExponentialSmoothing and ETSModel with the same weights and initial state (test/baselines/holtWinters.test.ts, 1e-9); α, β, γ from a grid of 7 × 6 × 6 by validation MSE; initial state from the first two years, not optimised; no damping", gridSize: hwValidation.length },
        sarima: {
          order: sarimaBest.order, coefficients: sarimaBest.coefficients, logLikelihood: sarimaBest.logLikelihood,
          note: "grulab's SARIMA (sarima and fitSarima, src/baselines/ of grulab's repository): exact Gaussian likelihood by the Kalman filter on the differenced series, fitted by L-BFGS on the training months, no constant; forecasts equal statsmodels 0.15.0's SARIMAX with the same coefficients and the fits agree with its fits (test/baselines/sarima.test.ts, fitSarima.test.ts); order chosen from the grid by validation MSE",
          validation: sarimaValidation.map(({ spec: _spec, ...rest }) => rest),
        },
      },
      models: {
        ...Object.fromEntries(Object.entries(baselines).map(([key, b]) => [key, { name: b.name, test: scores(s.test.actual, b.predicted) }])),
        gru: {
          name: `GRU(${units}) → Dense(${horizon})`, units, learningRate: FORECAST_DEFAULTS.learningRate,
          mae: overSeeds((x) => x.mae), rmse: overSeeds((x) => x.rmse), mae1: overSeeds((x) => x.maeByHorizon[0]), rmse1: overSeeds((x) => x.rmseByHorizon[0]),
          perSeed: perSeed.map((r, i) => ({ seed: r.seed, epochs: r.epochs, bestEpoch: r.bestEpoch, seconds: r.seconds, test: gruScores[i] })),
        },
        gruSeedMean: { name: `mean forecast of the ${seeds.length} GRU seeds`, test: scores(s.test.actual, seedMean) },
      },
      dieboldMariano: {
        note: "GRU against each baseline at each month ahead h: h-step errors, squared loss, HAC variance to lag h−1, Harvey–Leybourne–Newbold correction, two-sided; meanDifference < 0 means the GRU's squared error is lower",
        seedMean: dm(seedMean),
        perSeed: perSeed.map((r) => ({ seed: r.seed, ...dm(r.predicted) })),
      },
      forecasts: {
        actual: s.test.actual,
        ...Object.fromEntries(Object.entries(baselines).map(([key, b]) => [key, b.predicted])),
        gruSeedMean: seedMean,
        gruPerSeed: perSeed.map((r) => r.predicted),
      },
    };
    if (options.resultsDir !== null) writeStudyResults("forecast", results, options.resultsDir);
    return results;
  } finally {
    series.dispose();
  }
}

