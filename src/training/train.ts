import * as tf from "@tensorflow/tfjs";
import type * as dfd from "danfojs-node";
import { historyFrame } from "./historyFrame";
import { historyColumns, type HistoryRow } from "./historyRow";
import { seededRandom, shuffledIndices } from "../util/seededRandom";
import { TrainingDiverged } from "./TrainingDiverged";
import { passInChunks } from "./passInChunks";

/**
 * Training inputs and targets, and optional validation data (anything with x and y).
 *
 * @example
 * await train(model, { x, y, validation: { x: xv, y: yv } });
 */
export interface TrainData {
  x: tf.Tensor;
  y: tf.Tensor;
  validation?: { x: tf.Tensor; y: tf.Tensor };
}

/**
 * Where training stands after a completed epoch: enough, with the model's weights and its
 * optimizer's state, to continue exactly as if it had not stopped (a checkpoint stores it).
 *
 * @example
 * await train(model, data, { onEpochEnd: (row, rows, state) => console.log(state.bestEpoch) });
 */
export interface TrainState {
  /** The last completed epoch (0: none). */
  epoch: number;
  /** The shuffling generator's state after that epoch (`seededRandom(rngState)` continues it). */
  rngState: number;
  /** The early-stopping monitor: val_loss with validation data, else loss. */
  monitor: "val_loss" | "loss";
  /** The best epoch by the monitor so far (0: none) and its value. */
  bestEpoch: number;
  bestValue: number;
  /** Weights of the best epoch (null: none yet). Owned by train while it runs; clone to keep. */
  bestWeights: tf.Tensor[] | null;
  /** True once early stopping has ended training. */
  stoppedEarly: boolean;
}

/**
 * Options of {@link train}; each has a default.
 *
 * @example
 * await train(model, data, { epochs: 30, batchSize: 32, seed: 1, patience: 6, progress: "lines" });
 */
export interface TrainOptions {
  /** Maximum number of epochs, counting resumed ones (default 20). */
  epochs?: number;
  /** Samples per gradient step (default 32). */
  batchSize?: number;
  /** Seed of the shuffling order and of the dropout masks (each step's a function of seed, epoch and batch: a resumed run draws the uninterrupted run's masks; reproducible when one train runs at a time in a process) (default 42); initial weights are the model builder's business. */
  seed?: number;
  /** Early stopping: stop after this many epochs without improvement of val_loss (loss without validation) and restore the best weights. 0 or undefined: off. */
  patience?: number;
  /** "auto" (default): a line per epoch, plus a live bar on a terminal (elsewhere a line 2 s into a long epoch, then every 10 s); "lines": no bar; "none": silent. */
  progress?: "auto" | "lines" | "none";
  /** Called after every completed epoch, awaited before the next one starts (a checkpoint is written here). */
  onEpochEnd?: (row: HistoryRow, rows: HistoryRow[], state: TrainState) => void | Promise<void>;
  /** Continue from a checkpoint: its state (bestWeights are taken over and disposed by train) and the rows so far. */
  resume?: { state: TrainState; rows: HistoryRow[] };
  /** Checked before every batch: once aborted, train throws `signal.reason` (the last completed epoch stays as it was). */
  signal?: AbortSignal;
  /**
   * Fresh training data for each epoch (e.g. new samples of a synthetic task, so that no batch is
   * seen twice): called with the epoch number (1, 2, …) before the epoch; train uses its tensors
   * instead of `data.x`/`data.y` for that epoch and disposes them after it. It must give the same
   * tensors for the same epoch (a resumed run asks again). Default none: every epoch reshuffles `data`.
   */
  epochData?: (epoch: number) => { x: tf.Tensor; y: tf.Tensor };
  /** Batches in the data's order (false: for a model that carries its state from batch to batch, `carryTrainingState`) instead of shuffled (default true). */
  shuffle?: boolean;
  /** Called before every epoch's first batch with the epoch number (e.g. to reset carried states). */
  onEpochStart?: (epoch: number) => void;
  /**
   * Scores the model after every epoch instead of `model.evaluate` on `data.validation` (e.g.
   * reading a whole text with the state carried): returns (or resolves to) `val_loss` and the
   * `val_<metric>` of `validationMetrics`. It gets train's `signal` (a long pass should stop
   * between two chunks once it is aborted, throwing its reason: passInChunks does) and a `log`
   * for progress lines (none with progress "none"). Early stopping then monitors val_loss.
   */
  validate?: (model: tf.LayersModel, pass: { signal?: AbortSignal; log?: (line: string) => void }) => Record<string, number> | Promise<Record<string, number>>;
  /**
   * With `validate`: the compiled metrics it scores, each a `val_<metric>` column of the history
   * (default every compiled metric; `[]`: val_loss alone, e.g. a char LM read as text has no
   * validation accuracy). Without `validate` every metric has its `val_` column.
   */
  validationMetrics?: string[];
  /**
   * Stops training after the first epoch for which it returns true (e.g. a task solved: the
   * validation error below a threshold), like early stopping: `stoppedEarly` is set before the
   * epoch's `onEpochEnd` (so a checkpoint records it and a resumed run trains no further), and the
   * model keeps that epoch's weights (with `patience` the best ones, as usual). Default none.
   */
  stopWhen?: (row: HistoryRow) => boolean;
}

/**
 * What `train` returns: the history as a danfo DataFrame and as plain rows.
 *
 * @example
 * const { history, rows, bestEpoch } = await train(model, data, { epochs: 5 });
 */
export interface TrainResult {
  /** Columns epoch, loss, val_loss, <metrics>, val_<metrics>, seconds (historyColumns). */
  history: dfd.DataFrame;
  rows: HistoryRow[];
  /** The history's column names. */
  columns: string[];
  /** The epoch whose weights the model holds at the end (the best one with early stopping, else the last). */
  bestEpoch: number;
  stoppedEarly: boolean;
}

/** Throws naming the first non-finite element (sample, then position within it) of a tensor. */
function assertFinite(t: tf.Tensor, name: string): void {
  const values = t.dataSync();
  const i = values.findIndex((v) => !Number.isFinite(v));
  if (i < 0) return;
  const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
  const inner = t.shape.slice(1).map((_, k) => Math.floor((i % per) / t.shape.slice(k + 2).reduce((a, b) => a * b, 1)) % t.shape[k + 1]);
  throw new Error(`train: ${name} has ${values[i]} at sample ${Math.floor(i / per)}${inner.length ? `, index [${inner.join(", ")}]` : ""}: inputs and targets must be finite`);
}

/**
 * Trains any compiled tf.LayersModel (classification or regression), one shuffled mini-batch
 * at a time: seeded shuffling (two runs on the same backend give the same history), a line per
 * epoch, history columns from the model's compiled metrics, optional early stopping that
 * restores the best weights, and a `TrainingDiverged` error naming epoch and batch when the loss
 * or the weights turn NaN (the model then holds the best weights so far). It knows nothing of
 * files: `Run.fit` checkpoints through `onEpochEnd` and stops it through `signal`.
 *
 * @example
 * const { history, rows } = await train(model, { x, y, validation: { x: xv, y: yv } }, { epochs: 20, patience: 5 });
 * history.print();
 */
export async function train(model: tf.LayersModel, data: TrainData, options: TrainOptions = {}): Promise<TrainResult> {
  const epochs = options.epochs ?? 20;
  const batchSize = options.batchSize ?? 32;
  const patience = options.patience ?? 0;
  for (const [name, v, min] of [["epochs", epochs, 1], ["batchSize", batchSize, 1], ["patience", patience, 0]] as const) {
    if (!Number.isInteger(v) || v < min) throw new Error(`train: option ${name} must be an integer ≥ ${min}, got ${v}`);
  }
  if (model.optimizer == null) throw new Error(`train: model "${model.name}" is not compiled: call model.compile({ optimizer, loss, metrics }) first`);
  const n = data.x.shape[0];
  if (data.y.shape[0] !== n) throw new Error(`train: x has ${n} samples but y has ${data.y.shape[0]}`);
  if (n === 0) throw new Error("train: no training samples");
  assertFinite(data.x, "x");
  assertFinite(data.y, "y");
  if (data.validation) {
    assertFinite(data.validation.x, "validation x");
    assertFinite(data.validation.y, "validation y");
  }
  const metricNames = model.metricsNames.slice(1); // [0] is the loss
  const columns = historyColumns(model.metricsNames, options.validate ? options.validationMetrics : undefined);
  // The metrics with a val_ column (validate's, or every one).
  const validationNames = metricNames.filter((m) => columns.includes(`val_${m}`));
  const progress = options.progress ?? "auto";
  const bar = progress === "auto" && process.stdout.isTTY === true;
  const log = (line: string) => { if (progress !== "none") console.log(line); };
  const steps = Math.ceil(n / batchSize);
  const monitor: "val_loss" | "loss" = data.validation || options.validate ? "val_loss" : "loss";
  const resumed = options.resume;
  if (resumed && resumed.state.monitor !== monitor) throw new Error(`train: the checkpoint monitored ${resumed.state.monitor}, this data gives ${monitor} (validation data must match)`);
  const seed = options.seed ?? 42;
  const rand = seededRandom(resumed ? resumed.state.rngState : seed);
  const rows: HistoryRow[] = resumed ? [...resumed.rows] : [];
  const state: TrainState = resumed ? { ...resumed.state } : { epoch: 0, rngState: rand.state(), monitor, bestEpoch: 0, bestValue: Infinity, bestWeights: null, stoppedEarly: false };
  const format = (row: HistoryRow, keys: string[]) => keys.map((k) => `  ${k} ${row[k].toFixed(4)}`).join("");
  const trainEpoch = async (part: { x: tf.Tensor; y: tf.Tensor }, epoch: number, t0: number): Promise<void> => {
    const order = options.shuffle === false ? Array.from({ length: n }, (_, i) => i) : shuffledIndices(n, rand);
    options.onEpochStart?.(epoch);
    let lossSum = 0;
    const metricSums = metricNames.map(() => 0);
    let seen = 0;
    let lastDraw = 0;
    for (let s = 0; s < steps; s++) {
      // Let signal handlers and timers run between batches (an await alone runs only microtasks).
      await new Promise((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) throw options.signal.reason ?? new Error("train: aborted");
      const idx = order.slice(s * batchSize, Math.min(n, (s + 1) * batchSize));
      const [xb, yb] = tf.tidy(() => {
        const i = tf.tensor1d(idx, "int32");
        return [tf.gather(part.x, i), tf.gather(part.y, i)];
      });
      let out: number | number[];
      // Dropout masks (tf.layers.dropout, grulab's recurrent dropout, tfjs's own) draw from
      // Math.random: during the step it is a generator seeded by (seed, epoch, batch) alone, so a
      // run resumed from a checkpoint draws the masks the uninterrupted run drew, bitwise.
      // Two train calls in one process (Promise.all) overlap their steps: Math.random is given back
      // when the last step under way ends (their masks are then reproducible only one at a time).
      if (stepsUnderWay++ === 0) randomOutside = Math.random;
      Math.random = batchRandom(seed, epoch, s);
      try {
        out = await model.trainOnBatch(xb, yb);
      } finally {
        if (--stepsUnderWay === 0) Math.random = randomOutside;
        tf.dispose([xb, yb]);
      }
      const [loss, ...metrics] = Array.isArray(out) ? out : [out];
      if (!Number.isFinite(loss)) diverged(model, state, `loss became ${loss}`, epoch, s + 1, steps);
      // Some backends (wasm) clip NaN probabilities inside the loss, so a finite loss can hide NaN weights.
      if (!model.getWeights().every((w) => w.dataSync().every(Number.isFinite))) diverged(model, state, "weights became NaN or infinite", epoch, s + 1, steps);
      lossSum += loss * idx.length;
      metrics.forEach((v, k) => { metricSums[k] += v * idx.length; });
      seen += idx.length;
      const now = performance.now();
      if (!bar && progress !== "none" && (lastDraw === 0 ? now - t0 > 2000 : now - lastDraw > 10000)) {
        // No terminal (a notebook, a log file): a line 2 s into a long epoch, then every 10 s.
        lastDraw = now;
        log(`  epoch ${epoch}/${epochs}: ${s + 1}/${steps} batches, loss ${(lossSum / seen).toFixed(4)}, ${((now - t0) / 1000).toFixed(0)}s`);
      } else if (bar && now - lastDraw > 250) {
        lastDraw = now;
        const done = Math.round((20 * (s + 1)) / steps);
        process.stdout.write(`\r  epoch ${epoch}/${epochs} [${"#".repeat(done)}${".".repeat(20 - done)}] ${s + 1}/${steps} loss ${(lossSum / seen).toFixed(4)} ${((now - t0) / 1000).toFixed(1)}s`);
      }
    }
    if (bar) process.stdout.write("\r\x1b[K");
    const row: HistoryRow = { epoch, loss: lossSum / n, val_loss: NaN, seconds: 0 };
    metricNames.forEach((m, k) => { row[m] = metricSums[k] / n; });
    validationNames.forEach((m) => { row[`val_${m}`] = NaN; });
    if (options.validate) {
      const scores = await options.validate(model, { signal: options.signal, log: progress === "none" ? undefined : log });
      row.val_loss = scores.val_loss ?? NaN;
      validationNames.forEach((m) => { row[`val_${m}`] = scores[`val_${m}`] ?? NaN; });
      if (!Number.isFinite(row.val_loss)) diverged(model, state, `validation loss became ${row.val_loss}`, epoch, steps, steps);
    } else if (data.validation) {
      const values = await validationScores(model, data.validation, Math.max(batchSize, 256), options.signal, progress === "none" ? undefined : log);
      row.val_loss = values[0];
      metricNames.forEach((m, k) => { row[`val_${m}`] = values[k + 1] ?? NaN; });
      if (!Number.isFinite(row.val_loss)) diverged(model, state, `validation loss became ${row.val_loss}`, epoch, steps, steps);
    }
    row.seconds = (performance.now() - t0) / 1000;
    rows.push(row);
    log(`epoch ${String(epoch).padStart(String(epochs).length)}/${epochs}${format(row, ["loss", ...metricNames])}` +
      (data.validation || options.validate ? format(row, ["val_loss", ...validationNames.map((m) => `val_${m}`)]) : "") + `  ${row.seconds.toFixed(1)}s`);
    // The best epoch is tracked with or without early stopping: divergence falls back to it.
    if (row[monitor] < state.bestValue) {
      if (state.bestWeights) tf.dispose(state.bestWeights);
      Object.assign(state, { bestEpoch: epoch, bestValue: row[monitor], bestWeights: model.getWeights().map((w) => w.clone()) });
    } else if (patience > 0 && epoch - state.bestEpoch >= patience) {
      state.stoppedEarly = true;
    }
    if (options.stopWhen?.(row) === true) state.stoppedEarly = true;
    state.epoch = epoch;
    state.rngState = rand.state();
    if (options.onEpochEnd) await options.onEpochEnd(row, rows, state);
  };
  try {
    for (let epoch = state.epoch + 1; epoch <= epochs && !state.stoppedEarly; epoch++) {
      const t0 = performance.now();
      const fresh = options.epochData?.(epoch);
      try {
        if (fresh) {
          if (fresh.x.shape[0] !== n || fresh.y.shape[0] !== n) throw new Error(`train: epochData(${epoch}) gave ${fresh.x.shape[0]} inputs and ${fresh.y.shape[0]} targets, expected ${n} each (the size of data.x)`);
          assertFinite(fresh.x, `epoch ${epoch}'s x`);
          assertFinite(fresh.y, `epoch ${epoch}'s y`);
        }
        await trainEpoch(fresh ?? data, epoch, t0);
      } finally {
        if (fresh) tf.dispose([fresh.x, fresh.y]);
      }
    }
    const last = rows.length > 0 ? rows[rows.length - 1].epoch : 0;
    if (patience > 0 && state.bestWeights && state.bestEpoch !== last) {
      model.setWeights(state.bestWeights);
      log(`${state.stoppedEarly ? "early stopping" : "finished"}: best ${monitor} ${state.bestValue.toFixed(4)} at epoch ${state.bestEpoch}; its weights restored`);
    }
  } finally {
    if (state.bestWeights) tf.dispose(state.bestWeights);
    state.bestWeights = null;
  }
  const last = rows.length > 0 ? rows[rows.length - 1].epoch : 0;
  return { history: historyFrame(rows, columns), rows, columns, bestEpoch: patience > 0 && state.bestEpoch > 0 ? state.bestEpoch : last, stoppedEarly: state.stoppedEarly };
}

/** What tfjs's model.evaluate runs on one batch: [loss, ...metrics] of `[x, y]` (internal to LayersModel). */
interface TestFunctionHolder {
  makeTestFunction(): void;
  testFunction: (ins: tf.Tensor[]) => tf.Scalar[];
}

/**
 * The validation split's loss and metrics as `model.evaluate(x, y, { batchSize: batch })` gives them,
 * bitwise: the same per-batch test function, each batch's values weighted by its size and summed in
 * float32 tensors, divided by the count at the end. Run in chunks of 8 batches (passInChunks): a
 * Ctrl-C stops it between two chunks (throwing the signal's reason), and a long one prints progress.
 */
async function validationScores(model: tf.LayersModel, data: { x: tf.Tensor; y: tf.Tensor }, batch: number, signal: AbortSignal | undefined, log: ((line: string) => void) | undefined): Promise<number[]> {
  const n = data.x.shape[0];
  if (data.y.shape[0] !== n) throw new Error(`train: validation x has ${n} samples but validation y has ${data.y.shape[0]}`);
  // A Sequential model evaluates through the LayersModel it wraps (its private `model`).
  const holder = (model instanceof tf.Sequential ? (model as unknown as { model: tf.LayersModel }).model : model) as unknown as TestFunctionHolder;
  holder.makeTestFunction();
  const f = holder.testFunction;
  let sums: tf.Scalar[] | null = null;
  try {
    await passInChunks(n, 8 * batch, (from, size) => {
      for (let b = from; b < from + size; b += batch) {
        const k = Math.min(batch, from + size - b);
        const next: tf.Scalar[] = tf.tidy(() => {
          const outs = f([data.x.slice(b, k), data.y.slice(b, k)]);
          return outs.map((v, i) => (sums ? tf.add(sums[i], tf.mul(k, v)) : tf.add(tf.scalar(0), tf.mul(k, v))) as tf.Scalar);
        });
        if (sums) tf.dispose(sums);
        sums = next;
      }
    }, { signal, log, label: "validation", noun: "validation samples" });
    const totals: tf.Scalar[] = sums ?? [];
    return totals.map((t) => tf.tidy(() => tf.div(t, n).dataSync()[0])); // the quotient is freed by the tidy
  } finally {
    if (sums) tf.dispose(sums);
  }
}

/** Training steps under way in this process, and Math.random as it was before the first of them. */
let stepsUnderWay = 0;
let randomOutside = Math.random;

/**
 * The random source of one training step: a mulberry32 generator whose seed is a hash of
 * (seed, epoch, batch) alone, not a stream carried from step to step, so a resumed run needs no
 * saved state to draw the same dropout masks.
 */
function batchRandom(seed: number, epoch: number, batch: number): () => number {
  let h = seed >>> 0;
  for (const v of [epoch, batch]) {
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ Math.imul(v + 0x9e3779b9, 0xc2b2ae35);
    h = (h ^ (h >>> 13)) >>> 0;
  }
  return seededRandom(h);
}

/** Puts the best weights so far back into the model (when there are any) and throws TrainingDiverged. */
function diverged(model: tf.LayersModel, state: TrainState, what: string, epoch: number, batch: number, steps: number): never {
  if (state.bestWeights) model.setWeights(state.bestWeights);
  throw new TrainingDiverged(what, epoch, batch, steps, state.bestEpoch);
}
