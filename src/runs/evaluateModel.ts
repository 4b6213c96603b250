import * as tf from "@tensorflow/tfjs";
import { csvCell } from "../util/csvCell";
import { classificationMetrics } from "../training/classificationMetrics";
import { probabilisticScores } from "../training/probabilisticScores";
import { regressionMetrics } from "../training/regressionMetrics";
import { passInChunks } from "../training/passInChunks";
import { predictionsHeader, type Baseline, type MetricsJson, type Task } from "./runFormat";

/**
 * Test data for evaluation: inputs, targets (one-hot for classification) and, optionally, class indices.
 *
 * @example
 * await run.evaluate(model, { x: xTest, y: yTest, labels: testLabels });
 */
export interface EvaluationData {
  x: tf.Tensor;
  y: tf.Tensor;
  /** Class index per sample (classification); default the argmax of y. */
  labels?: number[];
}

/** Samples per batch of the test pass. */
const EVAL_BATCH = 256;
/** Samples between two turns of the event loop (8 batches: ~0.1–0.3 s for the tutorial's GRU(128) on a quiet core). */
const EVAL_CHUNK = 8 * EVAL_BATCH;

/** What evaluateModel measured: the task's part of metrics.json, a baseline and predictions.csv's text. */
export interface Evaluation {
  part: Pick<MetricsJson, "test" | "classes" | "perClass" | "confusion">;
  baseline: Baseline | null;
  predictionsCsv: string;
  /** The predicted class of each sample (classification; null for regression): what a paired test against a baseline needs, without a second pass. */
  predictedClasses: number[] | null;
}

/** Options of evaluateModel. */
export interface EvaluateModelOptions {
  /** Stops between two chunks once aborted, throwing its reason. */
  signal?: AbortSignal;
  /** Gets a progress line every 5 s of a long evaluation: `evaluation: 18,432 of 75,000 test samples (25 %), 5 s`. */
  log?: (line: string) => void;
}

/** A tensor's values as numbers; the tensor is disposed. */
export function valuesOf(t: tf.Tensor): number[] {
  const values = Array.from(t.dataSync());
  t.dispose();
  return values;
}

/**
 * The loss of one chunk times its size, as `model.evaluate` sums it (the compiled loss, averaged
 * per batch of EVAL_BATCH, weighted by the batch's size), from the chunk's predictions: one pass of
 * the model, not two. A model with several outputs or losses is evaluated again by tfjs.
 */
function chunkLoss(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, predicted: tf.Tensor): number {
  const size = x.shape[0];
  if (model.lossFunctions?.length !== 1 || model.outputs.length !== 1) {
    const res = model.evaluate(x, y, { batchSize: EVAL_BATCH });
    const list = Array.isArray(res) ? res : [res];
    const loss = list[0].dataSync()[0];
    tf.dispose(list);
    return loss * size;
  }
  const lossOf = model.lossFunctions[0];
  return tf.tidy(() => {
    let sum = 0;
    for (let b = 0; b < size; b += EVAL_BATCH) {
      const k = Math.min(EVAL_BATCH, size - b);
      sum += tf.mean(lossOf(y.slice(b, k), predicted.slice(b, k))).dataSync()[0] * k;
    }
    return sum;
  });
}

/**
 * Runs `model` on the test data. Classification (softmax outputs, argmax; or one sigmoid output,
 * split at 0.5): accuracy, loss, macro-F1, the Brier score (softmax outputs), per-class scores, confusion and the majority-class baseline of these samples; regression: mae, rmse and loss (the baseline is
 * the caller's: the training mean). predictions.csv: `index,actual,predicted` (class names), or
 * for regression one `actual_<k>,predicted_<k>` pair per output (`actual,predicted` for one output).
 * Runs in chunks of 2,048 samples, giving the event loop a turn in between; stops (throwing the
 * signal's reason) once `signal` is aborted; a long one (≥ 20,480 samples) announces itself to `log` and sends it a progress line every 5 s.
 * The loss is the sample-weighted mean of the chunks'. The predicted classes are kept
 * (`predictedClasses`), so a paired test against a baseline needs no second pass over the split.
 */
export async function evaluateModel(model: tf.LayersModel, data: EvaluationData, task: Task, classes: string[] | undefined, options: EvaluateModelOptions = {}): Promise<Evaluation> {
  const { signal, log } = options;
  const n = data.x.shape[0];
  if (data.y.shape[0] !== n) throw new Error(`evaluate: x has ${n} samples but y has ${data.y.shape[0]}`);
  // In chunks of EVAL_CHUNK samples (a multiple of the batch, so every batch is the one a single call would
  // form): between two chunks the event loop runs (a Ctrl-C reaches the job) and an aborted `signal` stops it.
  let lossSum = 0;
  const parts: tf.Tensor[] = [];
  try {
    await passInChunks(n, EVAL_CHUNK, (from, size) => {
      const [x, y] = n <= EVAL_CHUNK ? [data.x, data.y] : [data.x.slice(from, size), data.y.slice(from, size)];
      const predicted = model.predict(x, { batchSize: EVAL_BATCH }) as tf.Tensor;
      parts.push(predicted);
      lossSum += chunkLoss(model, x, y, predicted);
      if (x !== data.x) tf.dispose([x, y]);
    }, { signal, log, label: "evaluation", noun: "test samples" });
  } catch (err) {
    tf.dispose(parts);
    throw err;
  }
  const loss = lossSum / n;
  const predicted = parts.length === 1 ? parts[0] : tf.concat(parts, 0);
  if (parts.length > 1) tf.dispose(parts);
  try {
    if (task === "classification") {
      const outputs = predicted.shape[predicted.shape.length - 1] ?? 1;
      // One sigmoid output (binary cross-entropy, as in Keras) is two classes, split at 0.5.
      const k = outputs === 1 ? 2 : outputs;
      const classOf = (t: tf.Tensor) => valuesOf(tf.tidy(() => (outputs === 1 ? t.reshape([n]).greater(0.5).toInt() : t.argMax(-1))));
      const names = classes ?? Array.from({ length: k }, (_, i) => String(i));
      if (names.length !== k) throw new Error(`evaluate: the model has ${outputs} output${outputs === 1 ? " (two classes)" : "s"} but the run has ${names.length} classes (${names.join(", ")})`);
      const labels = data.labels ?? classOf(data.y);
      const guesses = classOf(predicted);
      const m = classificationMetrics(labels, guesses, names);
      // Softmax outputs also give the Brier score (log-loss is `loss` for categorical cross-entropy); logits do not.
      // One answer per sample only ([n, classes]); a sequence model's [n, T, classes] has no per-sample Brier here.
      const rows = outputs > 1 && predicted.rank === 2 ? (predicted.arraySync() as number[][]) : [];
      const isProbability = (row: number[]) => row.every((p) => p >= 0) && Math.abs(row.reduce((s, p) => s + p, 0) - 1) <= 1e-3;
      const brier = rows.length > 0 && rows.every(isProbability) ? probabilisticScores(rows, labels).brier : undefined;
      const csv = [predictionsHeader("classification"), ...labels.map((a, i) => `${i},${csvCell(names[a])},${csvCell(names[guesses[i]])}`)].join("\n") + "\n";
      return {
        part: { test: { accuracy: m.accuracy, loss, macroF1: m.macroF1, ...(brier === undefined ? {} : { brier }) }, classes: m.classes, perClass: m.perClass, confusion: m.confusion },
        baseline: { name: `majority class (${m.baselineClass})`, test: { accuracy: m.baselineAccuracy } },
        predictionsCsv: csv,
        predictedClasses: guesses,
      };
    }
    const actual = data.y.reshape([n, -1]);
    const pred = predicted.reshape([n, -1]);
    const [a, p] = [actual.dataSync(), pred.dataSync()];
    const outputs = actual.shape[1] ?? 1;
    tf.dispose([actual, pred]);
    if (p.length !== a.length) throw new Error(`evaluate: the model predicts ${p.length / n} values per sample, y has ${outputs}`);
    const m = regressionMetrics(a, p);
    const lines = Array.from({ length: n }, (_, i) => [i, ...Array.from({ length: outputs }, (_, k) => [a[i * outputs + k], p[i * outputs + k]]).flat()].join(","));
    return { part: { test: { mae: m.mae, rmse: m.rmse, loss } }, baseline: null, predictionsCsv: [predictionsHeader("regression", outputs), ...lines].join("\n") + "\n", predictedClasses: null };
  } finally {
    predicted.dispose();
  }
}
