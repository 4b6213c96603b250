import * as tf from "@tensorflow/tfjs";
import { addingProblem } from "../data/addingProblem";
import { delayedRecall } from "../data/delayedRecall";
import type { RecurrentCell } from "../models/matchedUnits";
import { TRAINING_STEP, type JobSteps } from "../runs/JobSteps";
import type { Run } from "../runs/Run";
import { startRun } from "../runs/startRun";
import type { HistoryRow } from "../training/historyRow";
import { buildMatchedRnn } from "./buildMatchedRnn";
import { finishRun } from "../reports/finishRun";

/**
 * Options of `gruVsLstmTask`: which task, how long, and the sizes the GRU-vs-LSTM study fixes
 * per task. `GRU_VS_LSTM_DEFAULTS` holds the study's values of all of them but `length`.
 *
 * @example
 * const options: GruVsLstmTaskOptions = { ...GRU_VS_LSTM_DEFAULTS, task: "recall", length: 50 };
 */
export interface GruVsLstmTaskOptions {
  /** "adding" (the adding problem, a regression) or "recall" (delayed recall, a classification). Required. */
  task: "adding" | "recall";
  /** Steps per sequence, an integer ≥ 2. Required. */
  length: number;
  /** Training sequences (validation: 256, test: 512). Required (the study's: 1024). */
  trainSamples: number;
  /** Delayed recall's alphabet (ignored by the adding problem). Required (the study's: 8). */
  symbols: number;
  /** Units of the GRU; LSTM and SimpleRNN models get its parameter count (`buildMatchedRnn`). Required (the study's: 32). */
  gruUnits: number;
  /** Adam's learning rate. Required (the study's: 0.005). */
  learningRate: number;
}

/** One data split of a GRU-vs-LSTM task. */
export interface GruVsLstmSplit {
  x: tf.Tensor3D;
  y: tf.Tensor2D;
  dispose(): void;
}

/** Options of `GruVsLstmTask.trainRun`. */
export interface GruVsLstmRunOptions {
  /** Upper bound on epochs (early stopping on the validation loss). Required. */
  epochs: number;
  /** Epochs without a lower validation loss before stopping (best weights kept). Required. */
  patience: number;
  /** Batch size. Required. */
  batchSize: number;
  /** Training progress: "auto" (default), "lines" or "none". */
  progress?: "auto" | "lines" | "none";
  /** Parent folder of the run folder; default the project's runs/ (`defaultRunsDir`). */
  out?: string;
  /** Run name; default `gru-vs-lstm-<task>-T<length>-<cell>-s<seed>`. */
  name?: string;
  /** The recurrent activation the model was built with (`buildModel`'s), recorded in config.json; default "tanh". */
  activation?: string;
  /** More keys for config.json (e.g. the study's `seeds`); default none. */
  config?: Record<string, unknown>;
  /** A run folder reopened to continue (reopenRun with this model) instead of a new one; default none. */
  run?: Run;
  /** The job's steps (SIGINT/SIGTERM outside fit: resumeGruVsLstm); default none. */
  steps?: JobSteps;
}

/** One trained and scored run of `GruVsLstmTask.trainRun`. */
export interface GruVsLstmRunResult {
  cell: RecurrentCell;
  seed: number;
  /** The recurrent layer's activation (GRU: h̃), as given in the options. */
  activation: string;
  params: number;
  units: number;
  /** The task's score: adding: test MSE (the loss); recall: test accuracy. */
  score: number;
  /** All test metrics (run.evaluate). */
  test: Record<string, number>;
  epochsRun: number;
  secondsPerEpoch: number;
  history: HistoryRow[];
  runDir: string;
  /** Optional steps of finishRun that were skipped (e.g. no PDF). */
  warnings: string[];
}

/** A GRU-vs-LSTM task at one length: its data, its models, its baseline, and how a run of it is trained. */
export interface GruVsLstmTask {
  task: "adding" | "recall";
  length: number;
  /** The run kind: adding → "regression", recall → "classification". */
  kind: "regression" | "classification";
  /** What `score` is: "test MSE" (adding, lower is better) or "test accuracy" (recall, higher is better). */
  scoreName: "test MSE" | "test accuracy";
  /** The task's simple baseline: the constant 1 (adding: MSE 1/6) or chance (recall: accuracy 1/symbols). */
  baseline: { name: string; test: Record<string, number> };
  /** Seeded data, shared by every cell and seed (the seed changes weights and shuffling only). */
  train: GruVsLstmSplit;
  validation: GruVsLstmSplit;
  test: GruVsLstmSplit;
  /** `buildMatchedRnn(cell, …)` for this task's input and output sizes; `activation` default "tanh". */
  buildModel(cell: RecurrentCell, seed: number, activation?: string): tf.Sequential;
  /**
   * One run of `model` (from `buildModel` with this cell and seed, and `options.activation`): a run folder
   * (`startRun`), `run.fit` with early stopping, `run.evaluate` on the test split, the baseline
   * beside it, the gate traces of the first 3 test sequences, `finishRun` (no PDF). A failure marks the run failed and is rethrown. The model
   * is not disposed.
   */
  trainRun(cell: RecurrentCell, seed: number, model: tf.LayersModel, options: GruVsLstmRunOptions): Promise<GruVsLstmRunResult>;
  /** Frees the three splits' tensors. */
  dispose(): void;
}

/**
 * The set-up of the GRU-vs-LSTM study at one task and length, written once for the `gru-vs-lstm` trial of `grulab gru-vs-lstm`'s sweep
 * (and `grulab gru-vs-lstm`) and notebooks/04-gru-vs-lstm.ipynb: train (seed 1000 + length),
 * validation (256, seed 2000 + length) and test (512, seed 3000 + length) data, matched-size
 * models, the task's baseline, and one run per (cell, seed) whose config.json holds
 * `job: "gru-vs-lstm"` with the task's options, the cell, seed, activation, params and units
 * (its `task` key is startRun's run kind, "regression" or "classification"; the run name says
 * adding or recall).
 *
 * @example
 * const setup = gruVsLstmTask({ ...GRU_VS_LSTM_DEFAULTS, task: "adding", length: 50 });
 * const model = setup.buildModel("lstm", 1);
 * const r = await setup.trainRun("lstm", 1, model, { epochs: 12, patience: 4, batchSize: 32 });
 * console.log(`${setup.scoreName} ${r.score} (baseline ${setup.baseline.test.loss})`);
 * model.dispose(); setup.dispose();
 */
export function gruVsLstmTask(options: GruVsLstmTaskOptions): GruVsLstmTask {
  const { task, length, trainSamples, symbols, gruUnits, learningRate } = options;
  if (task !== "adding" && task !== "recall") throw new Error(`gru-vs-lstm option task: ${JSON.stringify(task)}, expected "adding" or "recall"`);
  const adding = task === "adding";
  const kind = adding ? "regression" : "classification";
  const make = (samples: number, seed: number): GruVsLstmSplit => adding
    ? addingProblem({ samples, length, seed })
    : delayedRecall({ samples, length, symbols, seed });
  const train = make(trainSamples, 1000 + length);
  const validation = make(256, 2000 + length);
  const test = make(512, 3000 + length);
  const baseline: { name: string; test: Record<string, number> } = adding
    ? { name: "constant 1 (the target's mean)", test: { loss: 1 / 6, rmse: Math.sqrt(1 / 6), mae: 1 / 3 } }
    : { name: `chance (1/${symbols})`, test: { accuracy: 1 / symbols, loss: Math.log(symbols) } };
  const buildModel = (cell: RecurrentCell, seed: number, activation = "tanh") => buildMatchedRnn(cell, {
    gruUnits, timesteps: length, inputDim: adding ? 2 : symbols + 1, outputs: adding ? 1 : symbols, task: kind, seed, learningRate, activation,
  });
  async function trainRun(cell: RecurrentCell, seed: number, model: tf.LayersModel, o: GruVsLstmRunOptions): Promise<GruVsLstmRunResult> {
    const activation = o.activation ?? "tanh";
    const params = model.countParams();
    const units = model.layers[0].getConfig().units as number;
    let run: Run | undefined = o.run;
    const step = <T>(name: string, body: () => Promise<T> | T): Promise<T> => (o.steps ? o.steps.step(name, body) : Promise.resolve(body()));
    try {
      run ??= await startRun(o.name ?? `gru-vs-lstm-${task}-T${length}-${cell}-s${seed}`, {
        task: kind, dir: o.out, cliResume: true,
        ...(adding ? {} : { classes: Array.from({ length: symbols }, (_, k) => `s${k}`) }),
        config: {
          job: "gru-vs-lstm", length, gruUnits, trainSamples, epochs: o.epochs, patience: o.patience, learningRate, batchSize: o.batchSize, symbols,
          ...o.config, cell, seed, activation, params, units,
        },
      });
      const r = run;
      o.steps?.use(r);
      await step(TRAINING_STEP, () => r.fit(model, train, { validation, test, epochs: o.epochs, patience: o.patience, seed, batchSize: o.batchSize, progress: o.progress }));
      const metrics = await step("evaluation", () => r.evaluate(model, test));
      await step("baselines", () => r.addBaseline(baseline.name, baseline.test));
      // every cell's gates and states (GRU z, r, h̃; LSTM i, f, c̃, o, c; h) for the report's traces
      const traced = Array.from({ length: Math.min(3, test.x.shape[0]) }, (_, i) => i);
      await step("gate traces", () => r.traceGates(model, test, { samples: traced }));
      const { warnings } = await step("report", () => finishRun(r, { pdf: false }));
      const history = run.history;
      return {
        cell, seed, activation, params, units, score: adding ? metrics.loss : metrics.accuracy, test: metrics,
        epochsRun: history.length, secondsPerEpoch: history.reduce((s, r) => s + r.seconds, 0) / history.length,
        history, runDir: run.dir, warnings,
      };
    } catch (err) {
      run?.fail(err as Error);
      throw err;
    }
  }
  return {
    task, length, kind, scoreName: adding ? "test MSE" : "test accuracy", baseline, train, validation, test, buildModel, trainRun,
    dispose() {
      train.dispose(); validation.dispose(); test.dispose();
    },
  };
}
