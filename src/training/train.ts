import * as tf from "@tensorflow/tfjs";
import type * as dfd from "danfojs-node";
import { danfo } from "../util/danfo";
import type { HistoryRow } from "./historyRow";
import { seededRandom, shuffledIndices } from "../util/seededRandom";

/** Training inputs and targets, and optional validation data (anything with x and y). */
export interface TrainData {
  x: tf.Tensor;
  y: tf.Tensor;
  validation?: { x: tf.Tensor; y: tf.Tensor };
}

/** Options of `train` (each documented with its default below). */
export interface TrainOptions {
  /** Maximum number of epochs (default 20). */
  epochs?: number;
  /** Samples per gradient step (default 32). */
  batchSize?: number;
  /** Seed of the shuffling order (default 42); initial weights are the model builder's business. */
  seed?: number;
  /** Early stopping: stop after this many epochs without improvement of val_loss (loss without validation) and restore the best weights. 0 or undefined: off. */
  patience?: number;
  /** "auto" (default): a line per epoch, plus a live bar on a terminal (elsewhere a line every 10 s of a long epoch); "lines": no bar; "none": silent. */
  progress?: "auto" | "lines" | "none";
  /** Called after every epoch (e.g. to update a live chart). */
  onEpochEnd?: (row: HistoryRow, rows: HistoryRow[]) => void | Promise<void>;
}

/** What `train` returns: the history as a danfo DataFrame and as plain rows. */
export interface TrainResult {
  /** Columns epoch, loss, val_loss, acc, val_acc, seconds. */
  history: dfd.DataFrame;
  rows: HistoryRow[];
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

const COLUMNS: Array<keyof HistoryRow> = ["epoch", "loss", "val_loss", "acc", "val_acc", "seconds"];

/**
 * Trains any compiled tf.LayersModel whose first metric is accuracy, one shuffled mini-batch
 * at a time: seeded shuffling (two runs on the same backend give the same history), a line per
 * epoch, optional early stopping that restores the best weights, and a clear error when the
 * loss turns NaN or infinite instead of training on garbage.
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
  const n = data.x.shape[0];
  if (data.y.shape[0] !== n) throw new Error(`train: x has ${n} samples but y has ${data.y.shape[0]}`);
  if (n === 0) throw new Error("train: no training samples");
  assertFinite(data.x, "x");
  assertFinite(data.y, "y");
  if (data.validation) {
    assertFinite(data.validation.x, "validation x");
    assertFinite(data.validation.y, "validation y");
  }
  const progress = options.progress ?? "auto";
  const bar = progress === "auto" && process.stdout.isTTY === true;
  const log = (line: string) => { if (progress !== "none") console.log(line); };
  const rand = seededRandom(options.seed ?? 42);
  const steps = Math.ceil(n / batchSize);
  const monitor: "val_loss" | "loss" = data.validation ? "val_loss" : "loss";
  const rows: HistoryRow[] = [];
  let best: { epoch: number; value: number; weights: tf.Tensor[] | null } = { epoch: 0, value: Infinity, weights: null };
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const t0 = performance.now();
      const order = shuffledIndices(n, rand);
      let lossSum = 0;
      let accSum = 0;
      let seen = 0;
      let lastDraw = 0;
      for (let s = 0; s < steps; s++) {
        const idx = order.slice(s * batchSize, Math.min(n, (s + 1) * batchSize));
        const [xb, yb] = tf.tidy(() => {
          const i = tf.tensor1d(idx, "int32");
          return [tf.gather(data.x, i), tf.gather(data.y, i)];
        });
        let out: number | number[];
        try {
          out = await model.trainOnBatch(xb, yb);
        } finally {
          tf.dispose([xb, yb]);
        }
        const [loss, acc] = Array.isArray(out) ? out : [out, NaN];
        if (!Number.isFinite(loss)) {
          throw new Error(`train: loss became ${loss} at epoch ${epoch}, batch ${s + 1}/${steps}: training diverged (lower the learning rate or check the inputs for NaN)`);
        }
        // Some backends (wasm) clip NaN probabilities inside the loss, so a finite loss can hide NaN weights.
        if (!model.getWeights().every((w) => w.dataSync().every(Number.isFinite))) {
          throw new Error(`train: weights became NaN or infinite at epoch ${epoch}, batch ${s + 1}/${steps}: training diverged (lower the learning rate)`);
        }
        lossSum += loss * idx.length;
        accSum += acc * idx.length;
        seen += idx.length;
        const now = performance.now();
        if (!bar && progress !== "none" && now - t0 > 10000 && now - lastDraw > 10000) {
          // No terminal (a notebook, a log file): a line every 10 s during long epochs.
          lastDraw = now;
          log(`  epoch ${epoch}/${epochs}: ${s + 1}/${steps} batches, loss ${(lossSum / seen).toFixed(4)}, ${((now - t0) / 1000).toFixed(0)}s`);
        } else if (bar && now - lastDraw > 250) {
          lastDraw = now;
          const done = Math.round((20 * (s + 1)) / steps);
          process.stdout.write(`\r  epoch ${epoch}/${epochs} [${"#".repeat(done)}${".".repeat(20 - done)}] ${s + 1}/${steps} loss ${(lossSum / seen).toFixed(4)} ${((now - t0) / 1000).toFixed(1)}s`);
        }
      }
      if (bar) process.stdout.write("\r\x1b[K");
      let valLoss = NaN;
      let valAcc = NaN;
      if (data.validation) {
        const res = model.evaluate(data.validation.x, data.validation.y, { batchSize: Math.max(batchSize, 256) });
        const list = Array.isArray(res) ? res : [res];
        const values = list.map((t) => t.dataSync()[0]);
        tf.dispose(list);
        [valLoss, valAcc] = [values[0], values[1] ?? NaN];
        if (!Number.isFinite(valLoss)) throw new Error(`train: validation loss became ${valLoss} at epoch ${epoch}: training diverged`);
      }
      const row: HistoryRow = { epoch, loss: lossSum / n, val_loss: valLoss, acc: accSum / n, val_acc: valAcc, seconds: (performance.now() - t0) / 1000 };
      rows.push(row);
      log(`epoch ${String(epoch).padStart(String(epochs).length)}/${epochs}  loss ${row.loss.toFixed(4)}  acc ${row.acc.toFixed(4)}` +
        (data.validation ? `  val_loss ${valLoss.toFixed(4)}  val_acc ${valAcc.toFixed(4)}` : "") + `  ${row.seconds.toFixed(1)}s`);
      if (options.onEpochEnd) await options.onEpochEnd(row, rows);
      if (patience > 0) {
        const value = row[monitor];
        if (value < best.value) {
          if (best.weights) tf.dispose(best.weights);
          best = { epoch, value, weights: model.getWeights().map((w) => w.clone()) };
        } else if (epoch - best.epoch >= patience) {
          stoppedEarly = true;
          break;
        }
      }
    }
    if (patience > 0 && best.weights) {
      const last = rows[rows.length - 1].epoch;
      if (best.epoch !== last) {
        model.setWeights(best.weights);
        log(`${stoppedEarly ? "early stopping" : "finished"}: best ${monitor} ${best.value.toFixed(4)} at epoch ${best.epoch}; its weights restored`);
      }
    }
  } finally {
    if (best.weights) tf.dispose(best.weights);
  }
  const history = new (danfo().DataFrame)(rows.map((r) => COLUMNS.map((c) => r[c])), { columns: COLUMNS as string[] });
  return { history, rows, bestEpoch: patience > 0 && best.epoch > 0 ? best.epoch : rows[rows.length - 1].epoch, stoppedEarly };
}
