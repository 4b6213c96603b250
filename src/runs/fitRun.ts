import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { historyColumns, type HistoryRow } from "../training/historyRow";
import { train, type TrainOptions, type TrainResult, type TrainState } from "../training/train";
import { TrainingDiverged } from "../training/TrainingDiverged";
import { checkpointDir, pruneCheckpoints, writeCheckpoint, type FitSettings } from "./checkpoint";
import { dataFingerprint } from "./dataFingerprint";
import { valuesOf } from "./evaluateModel";
import { appendLineSynced, historyLine, historyToCsv } from "./historyCsv";
import { csvCells } from "../util/csvCells";
import { RunInterrupted } from "./RunInterrupted";
import { RUN_FILES, type RunJson, type RunStatus, type Task } from "./runFormat";
import { watchSignals } from "./watchSignals";
import { writeModelFolder } from "./writeModelFolder";

/**
 * Training data for Run.fit: inputs and targets (a loader's split, e.g. data.train, fits).
 *
 * @example
 * await run.fit(model, { x: xTrain, y: yTrain });
 */
export interface FitData {
  x: tf.Tensor;
  y: tf.Tensor;
}

/**
 * Options of Run.fit: train's options (epochs 20, batchSize 32, seed 42, patience 0, progress "auto", onEpochEnd) and validation data.
 *
 * @example
 * await run.fit(model, data.train, { validation: data.validation, epochs: 30, batchSize: 32, seed: 1, patience: 6 });
 */
export interface FitOptions extends Pick<TrainOptions, "epochs" | "batchSize" | "seed" | "patience" | "progress" | "onEpochEnd" | "epochData" | "shuffle" | "onEpochStart" | "validate" | "validationMetrics" | "stopWhen"> {
  /** Validation data (early stopping monitors val_loss when given, else loss). */
  validation?: { x: tf.Tensor; y: tf.Tensor };
  /**
   * The test split the run will be evaluated on. fit does not train or score on it: it records its
   * fingerprint beside the training and validation data's, so that a resume with changed test data
   * is refused and `evaluate` checks it is given the same split.
   */
  test?: { x: tf.Tensor; y: tf.Tensor };
}

/**
 * What Run.fit returns: train's result (history DataFrame, rows, best epoch, stopped early).
 *
 * @example
 * const { history, rows, bestEpoch, stoppedEarly } = await run.fit(model, data.train);
 */
export type FitResult = TrainResult;

/** What a resumed run continues from (set by resumeRun). */
export interface ResumePoint {
  state: TrainState;
  rows: HistoryRow[];
  fit: FitSettings;
  data: { train: string; validation: string | null; test?: string | null };
  trainSeconds: number;
}

/** The part of a Run that fit reads and updates (Run has it; declared here so that fitRun needs no import of Run). */
export interface FitTarget {
  readonly dir: string;
  readonly status: RunStatus;
  readonly task: Task;
  readonly info: RunJson;
  readonly config: Record<string, unknown>;
  resumePoint: ResumePoint | null;
  history: HistoryRow[];
  bestEpoch: number;
  trainSeconds: number;
  trainMean: number[] | null;
  samples: { train?: number; validation?: number; test?: number };
  /** Fingerprint of the test split given to fit (or recorded by the run resumed), null when none. */
  testFingerprint: string | null;
  mark(changes: Partial<RunJson>): void;
  markEnded(changes: Partial<RunJson>, cause: Error): void;
  holdLock(): void;
  fail(err: Error): void;
}

const DEFAULTS: FitSettings = { epochs: 20, batchSize: 32, seed: 42, patience: 0 };

/** Run.fit's body: train with checkpoints, signals, divergence and status (see Run.fit). */
export async function fitRun(run: FitTarget, model: tf.LayersModel, data: FitData, options: FitOptions): Promise<FitResult> {
  if (run.status !== "running") throw new Error(`run ${run.dir} is ${run.status}: fit needs a running run (start a new one, or resumeRun an interrupted one)`);
  const resumed = run.resumePoint;
  if (!resumed && run.history.length > 0) throw new Error(`fit: run ${run.dir} has been fitted already (${run.history.length} epochs): start a new run for another fit`);
  const given = Object.fromEntries((["epochs", "batchSize", "seed", "patience"] as const).filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
  const fit: FitSettings = { ...DEFAULTS, ...(resumed?.fit ?? {}), ...given };
  if (resumed) {
    for (const k of ["batchSize", "seed", "patience"] as const) {
      if (fit[k] !== resumed.fit[k]) throw new Error(`fit: option ${k} is ${fit[k]} but ${run.dir} was trained with ${resumed.fit[k]}: a resumed run keeps its options (only epochs may grow)`);
    }
  }
  const fingerprint = {
    train: dataFingerprint(data.x, data.y), validation: options.validation ? dataFingerprint(options.validation.x, options.validation.y) : null,
    test: options.test ? dataFingerprint(options.test.x, options.test.y) : null,
  };
  if (resumed) {
    // Every split the run recorded must come back unchanged (checkpoints written before the test split was recorded have none).
    const recordedTest = resumed.data.test ?? null;
    const which = fingerprint.train !== resumed.data.train ? "training" : fingerprint.validation !== resumed.data.validation ? "validation"
      : recordedTest !== null && fingerprint.test !== recordedTest ? "test" : null;
    if (which !== null) {
      throw new Error(`fit: the ${which} data differs from the data ${run.dir} was ${which === "test" ? "set to be evaluated on" : "trained on"} (${path.join(checkpointDir(run.dir, resumed.state.epoch), "state.json")}): ` +
        `resume with the same data (restore the data file as it was), or start a new run for the new data`);
    }
    if (recordedTest === null && fingerprint.test !== null) fingerprint.test = null; // keep what the run recorded
  }
  run.testFingerprint = fingerprint.test;
  if (model.optimizer == null) throw new Error(`fit: model "${model.name}" is not compiled: call model.compile({ optimizer, loss, metrics }) first`);
  run.holdLock();
  const historyFile = path.join(run.dir, RUN_FILES.history);
  // A resumed run keeps its history.csv's columns (rows are appended under its header); a new one has the model's.
  const columns = resumed && fs.existsSync(historyFile) ? csvCells(fs.readFileSync(historyFile, "utf8").split(/\r?\n/)[0], () => `${historyFile}: line 1`)
    : historyColumns(model.metricsNames, options.validate ? options.validationMetrics : undefined);
  run.samples = { ...run.samples, train: data.x.shape[0], validation: options.validation?.x.shape[0] };
  run.trainMean = run.task === "regression" ? valuesOf(tf.tidy(() => data.y.reshape([data.y.shape[0], -1]).mean(0))) : null;
  const config = { ...run.config, fit };
  writeFileAtomic(path.join(run.dir, RUN_FILES.config), JSON.stringify(config, null, 2) + "\n");
  Object.assign(run.config, config);

  const controller = new AbortController();
  let interruption: RunInterrupted | null = null;
  const tStart = performance.now();
  const secondsBefore = resumed?.trainSeconds ?? 0;
  const trainSeconds = () => secondsBefore + (performance.now() - tStart) / 1000;
  const stopWatching = watchSignals((signal) => {
    interruption = new RunInterrupted(signal, run.dir, run.history.length);
    console.error(`\ngrulab: ${signal}: stopping after the current batch (again to stop at once)…`);
    controller.abort(interruption);
  });
  try {
    if (!resumed) {
      // Epoch 0: the starting point, so that a run killed in its first epoch resumes too.
      await writeCheckpoint(run.dir, model, { epoch: 0, rngState: fit.seed >>> 0, monitor: options.validation || options.validate ? "val_loss" : "loss", bestEpoch: 0, bestValue: Infinity, bestWeights: null, stoppedEarly: false },
        { fit, data: fingerprint, trainSeconds: 0 });
      writeFileAtomic(historyFile, historyToCsv([], columns));
    }
    const result = await train(model, { x: data.x, y: data.y, validation: options.validation }, {
      epochs: fit.epochs, batchSize: fit.batchSize, seed: fit.seed, patience: fit.patience, progress: options.progress,
      signal: controller.signal, resume: resumed ? { state: resumed.state, rows: resumed.rows } : undefined, epochData: options.epochData,
      shuffle: options.shuffle, onEpochStart: options.onEpochStart, validate: options.validate, validationMetrics: options.validationMetrics, stopWhen: options.stopWhen,
      onEpochEnd: async (row: HistoryRow, rows: HistoryRow[], state) => {
        // Order matters for a kill at any moment: checkpoint folder (renamed whole), then the
        // history row (the commit), then the old checkpoint goes; best/ and run.json follow.
        await writeCheckpoint(run.dir, model, state, { fit, data: fingerprint, trainSeconds: trainSeconds() });
        appendLineSynced(historyFile, historyLine(row, columns));
        pruneCheckpoints(run.dir, state.epoch);
        run.history = rows;
        run.bestEpoch = state.bestEpoch;
        if (state.bestEpoch === row.epoch) await writeModelFolder(model, path.join(run.dir, RUN_FILES.best));
        run.mark({ epoch: row.epoch, bestEpoch: state.bestEpoch });
        if (options.onEpochEnd) await options.onEpochEnd(row, rows, state);
      },
    });
    if (resumed) resumed.state.bestWeights = null; // train disposed them
    run.resumePoint = null;
    run.history = result.rows;
    run.bestEpoch = result.bestEpoch;
    run.trainSeconds = trainSeconds();
    if (interruption) throw interruption; // a signal during the last epoch's checkpoint
    return result;
  } catch (caught) {
    run.trainSeconds = trainSeconds();
    // The epoch an interruption keeps is the last one written, which may be later than at the signal.
    const err = caught instanceof RunInterrupted ? new RunInterrupted(caught.signal, run.dir, run.history.length) : caught;
    if (err instanceof RunInterrupted) {
      const e = err.epoch;
      run.markEnded({ status: "interrupted", reason: `${err.signal} during epoch ${e + 1}; epoch ${e} was the last completed` }, err);
      const kept = [`${RUN_FILES.history} (${e} epoch${e === 1 ? "" : "s"})`, `${RUN_FILES.checkpoint}/ (weights, optimizer, shuffling state after epoch ${e})`];
      if (fs.existsSync(path.join(run.dir, RUN_FILES.best))) kept.push(`${RUN_FILES.best}/ (weights of epoch ${run.bestEpoch})`);
      console.error(`grulab: run ${run.dir} interrupted by ${err.signal}; kept ${kept.join(", ")}.\ngrulab: continue it with ${run.info.resumeCommand}`);
    } else if (err instanceof TrainingDiverged) {
      // train put the best weights back into the model: keep them where a user looks.
      try {
        if (err.bestEpoch > 0) {
          await writeModelFolder(model, path.join(run.dir, RUN_FILES.best));
          await writeModelFolder(model, path.join(run.dir, RUN_FILES.model));
        }
      } catch (writeErr) {
        err.message += `\n(the best weights could not be saved: ${(writeErr as Error).message})`;
      }
      run.markEnded({ status: "diverged", reason: `${err.what} at epoch ${err.epoch}, batch ${err.batch}/${err.batches}` + (err.bestEpoch > 0 ? `; best/ and model/ hold epoch ${err.bestEpoch}` : "; no epoch had completed") }, err);
    } else {
      run.fail(err as Error);
    }
    throw err;
  } finally {
    stopWatching();
  }
}
