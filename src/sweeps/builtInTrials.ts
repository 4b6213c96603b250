import * as tf from "@tensorflow/tfjs";
import { buildCharVocab } from "../data/charVocab";
import { charWindows } from "../data/charWindows";
import { loadForecastSeries } from "../data/loadForecastSeries";
import { loadSeattleWeather } from "../data/loadSeattleWeather";
import { loadTsLibCorpus } from "../data/loadTsLibCorpus";
import { buildCharLm } from "../models/buildCharLm";
import { buildForecaster } from "../models/buildForecaster";
import { buildTutorialClassifier } from "../models/buildTutorialClassifier";
import { disposeModel } from "../models/disposeModel";
import type { RecurrentCell } from "../models/matchedUnits";
import { CHARLM_DEFAULTS } from "../studies/runCharLm";
import { FORECAST_DEFAULTS } from "../studies/runForecast";
import { GRU_VS_LSTM_DEFAULTS } from "../studies/gruVsLstmDefaults";
import { gruVsLstmTask } from "../studies/gruVsLstmTask";
import { TUTORIAL_DEFAULTS } from "../studies/runTutorial";
import type { FitData } from "../runs/fitRun";
import type { EvaluationData } from "../runs/evaluateModel";
import type { TrialContext, TrialFunction } from "./trialFunction";
import { GRU_VS_LSTM_UPDATES_OPTIONS, gruVsLstmUpdatesTrial } from "./gruVsLstmUpdatesTrial";
import { CHARLM_STUDY_TRIAL_OPTIONS, charLmStudyTrial } from "./charLmStudyTrial";

/**
 * A job trial's common part: opens the trial's run, fits on the data's training split (validation,
 * early stopping, seeded), evaluates the test split; frees the model and the data whatever happens.
 */
async function fitAndEvaluate(
  trial: TrialContext, model: tf.LayersModel,
  data: { train: FitData; validation: FitData; test: EvaluationData; dispose(): void },
  start: Parameters<TrialContext["startRun"]>[1], o: { batchSize: number; seed: number; patience: number },
): Promise<Record<string, number>> {
  try {
    const run = await trial.startRun(model, start);
    await run.fit(model, data.train, { validation: data.validation, epochs: trial.epochs, batchSize: o.batchSize, seed: o.seed, patience: o.patience, progress: "none" });
    return await run.evaluate(model, data.test);
  } finally {
    disposeModel(model);
    data.dispose();
  }
}

/**
 * A built-in trial: the options a config may set, each with the value used when the space leaves
 * it out (its type is the type a value must have), one line about it, and the function.
 *
 * @example
 * Object.keys(BUILT_IN_TRIALS.tutorial.options) // ["units", "timesteps", "learningRate", "batchSize", "patience", "seed"]
 */
export interface BuiltInTrial {
  options: Record<string, number | string>;
  doc: string;
  run: TrialFunction;
}

// Trials default to patience 0 (no early stopping): the sweep's budget or ASHA decides the epochs.
const tutorialOptions = { units: TUTORIAL_DEFAULTS.units, timesteps: TUTORIAL_DEFAULTS.timesteps, learningRate: 0.001, batchSize: TUTORIAL_DEFAULTS.batchSize, patience: 0, seed: TUTORIAL_DEFAULTS.seed };
const forecastOptions = {
  units: FORECAST_DEFAULTS.units, timesteps: FORECAST_DEFAULTS.timesteps, horizon: FORECAST_DEFAULTS.horizon, learningRate: FORECAST_DEFAULTS.learningRate,
  batchSize: FORECAST_DEFAULTS.batchSize, patience: 0, seed: FORECAST_DEFAULTS.seed,
};
const charLmOptions = {
  units: CHARLM_DEFAULTS.units, layers: CHARLM_DEFAULTS.layers, timesteps: CHARLM_DEFAULTS.timesteps, batchSize: CHARLM_DEFAULTS.batchSize, trainWindows: CHARLM_DEFAULTS.trainWindows,
  validationWindows: CHARLM_DEFAULTS.validationWindows, learningRate: CHARLM_DEFAULTS.learningRate, seed: CHARLM_DEFAULTS.seed, minCount: CHARLM_DEFAULTS.minCount, maxChars: CHARLM_DEFAULTS.maxChars, patience: 0,
};
const g = GRU_VS_LSTM_DEFAULTS;
const gruVsLstmOptions = {
  task: g.task as string, length: g.length, cell: "gru", seed: 1, gruUnits: g.gruUnits, trainSamples: g.trainSamples, learningRate: g.learningRate, batchSize: g.batchSize,
  symbols: g.symbols, patience: g.patience, activation: "tanh",
};

/** The config with every option of `defaults` filled in (the sweep checked names and types before). */
function settings<T extends Record<string, number | string>>(defaults: T, config: Record<string, unknown>): T {
  return { ...defaults, ...config } as T;
}

/**
 * The trials every sweep can name (`trial: { job: "tutorial" }`): the grulab jobs as functions of
 * a config, each training one run for the sweep's epochs and scoring it on its test data:
 * - `tutorial`: the tutorial's GRU classifier on the Seattle weather (test accuracy, loss);
 * - `forecast`: the GRU forecaster of monthly CO₂ (test mae, rmse, loss);
 * - `charlm`: the character-level GRU language model of TypeScript's lib files (test accuracy, loss);
 * - `gru-vs-lstm`: one cell of the GRU-vs-LSTM study (`cell`: gru, lstm, simpleRnn; adding problem
 *   or delayed recall) with its baseline, gate traces and report, as `grulab gru-vs-lstm` writes it;
 * - `gru-vs-lstm-updates`: one variant of the study of record (`gruVsLstmUpdatesTrial`: a budget of
 *   updates on fresh batches, gradient clipping, the ablations), as `grulab study gru-vs-lstm` runs it;
 * - `charlm-study`: one char LM of the char-level study of record (`charLmStudyTrial`: GRU, LSTM or
 *   SimpleRNN at matched size, truncated BPTT with the state carried), as `grulab study charlm` runs it.
 *
 * @example
 * await startSweep("units", { trial: { job: "tutorial" }, space: { units: [16, 32], seed: [1, 2] }, metric: "val_loss", mode: "min", budget: { epochs: 5 } });
 */
export const BUILT_IN_TRIALS: Record<string, BuiltInTrial> = {
  tutorial: {
    options: tutorialOptions,
    doc: "the tutorial's GRU classifier on the Seattle weather",
    run: async (config, trial) => {
      const o = settings(tutorialOptions, config);
      const data = await loadSeattleWeather({ timesteps: o.timesteps });
      const model = buildTutorialClassifier({ timesteps: o.timesteps, inputDim: data.featureNames.length, outputDim: data.classes.length, units: o.units, seed: o.seed, learningRate: o.learningRate });
      return fitAndEvaluate(trial, model, data, { task: "classification", classes: data.classes, config: { job: "tutorial", ...o } }, o);
    },
  },
  forecast: {
    options: forecastOptions,
    doc: "the GRU forecaster of monthly CO₂",
    run: async (config, trial) => {
      const o = settings(forecastOptions, config);
      const series = await loadForecastSeries({ timesteps: o.timesteps, horizon: o.horizon });
      const model = buildForecaster({ timesteps: series.timesteps, inputDim: series.featureNames.length, horizon: series.horizon, units: o.units, seed: o.seed, learningRate: o.learningRate });
      return fitAndEvaluate(trial, model, series, { task: "regression", config: { job: "forecast", ...o } }, o);
    },
  },
  charlm: {
    options: charLmOptions,
    doc: "the character-level GRU language model of TypeScript's lib files",
    run: async (config, trial) => {
      const o = settings(charLmOptions, config);
      const corpus = loadTsLibCorpus({ maxChars: o.maxChars > 0 ? o.maxChars : undefined });
      const vocab = buildCharVocab(corpus.train, { minCount: o.minCount });
      const windows = (text: string, max: number) => charWindows(vocab.encode(text), { timesteps: o.timesteps, maxWindows: max > 0 ? max : undefined, seed: o.seed });
      const sets = { train: windows(corpus.train, o.trainWindows), validation: windows(corpus.validation, o.validationWindows), test: windows(corpus.test, o.validationWindows) };
      const model = buildCharLm({ vocabSize: vocab.size, units: o.units, layers: o.layers, learningRate: o.learningRate, seed: o.seed });
      try {
        const run = await trial.startRun(model, { task: "classification", classes: vocab.labels, config: { job: "charlm", ...o, vocabSize: vocab.size } });
        await run.fit(model, sets.train, { validation: sets.validation, epochs: trial.epochs, batchSize: o.batchSize, seed: o.seed, patience: o.patience, progress: "none" });
        return await run.evaluate(model, { ...sets.test, labels: Array.from(sets.test.y.dataSync()) });
      } finally {
        disposeModel(model);
        tf.dispose(Object.values(sets).flatMap((s) => [s.x, s.y]));
      }
    },
  },
  "gru-vs-lstm": {
    options: gruVsLstmOptions,
    doc: "one cell and seed of the GRU-vs-LSTM study (adding problem or delayed recall)",
    run: async (config, trial) => {
      const o = settings(gruVsLstmOptions, config);
      const task = o.task as "adding" | "recall";
      const setup = gruVsLstmTask({ ...o, task });
      const cell = o.cell as RecurrentCell;
      const model = setup.buildModel(cell, o.seed, o.activation);
      try {
        const run = await trial.startRun(model, {
          task: setup.kind, ...(task === "adding" ? {} : { classes: Array.from({ length: o.symbols }, (_, k) => `s${k}`) }),
          config: { job: "gru-vs-lstm", ...o, epochs: trial.epochs, params: model.countParams(), units: model.layers[0].getConfig().units },
        });
        const r = await setup.trainRun(cell, o.seed, model, { epochs: trial.epochs, patience: o.patience, batchSize: o.batchSize, progress: "none", activation: o.activation, run });
        return { score: r.score, ...r.test };
      } finally {
        disposeModel(model);
        setup.dispose();
      }
    },
  },
  "gru-vs-lstm-updates": {
    options: GRU_VS_LSTM_UPDATES_OPTIONS,
    doc: "one variant and seed of the GRU-vs-LSTM study of record: updates on fresh batches, clipped gradients, ablations",
    run: gruVsLstmUpdatesTrial,
  },
  "charlm-study": {
    options: CHARLM_STUDY_TRIAL_OPTIONS,
    doc: "one cell, dropout and seed of the char-level study of record: truncated BPTT with the state carried, early stopping on validation bpc",
    run: charLmStudyTrial,
  },
};
