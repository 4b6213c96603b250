import * as tf from "@tensorflow/tfjs";
import { csvCell } from "../util/csvCell";
import { classificationMetrics } from "../training/classificationMetrics";
import { probabilisticScores } from "../training/probabilisticScores";
import { regressionMetrics } from "../training/regressionMetrics";
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

/** What evaluateModel measured: the task's part of metrics.json, a baseline and predictions.csv's text. */
export interface Evaluation {
  part: Pick<MetricsJson, "test" | "classes" | "perClass" | "confusion">;
  baseline: Baseline | null;
  predictionsCsv: string;
}

/** A tensor's values as numbers; the tensor is disposed. */
export function valuesOf(t: tf.Tensor): number[] {
  const values = Array.from(t.dataSync());
  t.dispose();
  return values;
}

/**
 * Runs `model` on the test data. Classification (softmax outputs, argmax; or one sigmoid output,
 * split at 0.5): accuracy, loss, macro-F1, the Brier score (softmax outputs), per-class scores, confusion and the majority-class baseline of these samples; regression: mae, rmse and loss (the baseline is
 * the caller's: the training mean). predictions.csv: `index,actual,predicted` (class names), or
 * for regression one `actual_<k>,predicted_<k>` pair per output (`actual,predicted` for one output).
 */
export async function evaluateModel(model: tf.LayersModel, data: EvaluationData, task: Task, classes: string[] | undefined): Promise<Evaluation> {
  const n = data.x.shape[0];
  if (data.y.shape[0] !== n) throw new Error(`evaluate: x has ${n} samples but y has ${data.y.shape[0]}`);
  const res = model.evaluate(data.x, data.y, { batchSize: 256 });
  const list = Array.isArray(res) ? res : [res];
  const loss = list[0].dataSync()[0];
  tf.dispose(list);
  const predicted = model.predict(data.x, { batchSize: 256 }) as tf.Tensor;
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
    return { part: { test: { mae: m.mae, rmse: m.rmse, loss } }, baseline: null, predictionsCsv: [predictionsHeader("regression", outputs), ...lines].join("\n") + "\n" };
  } finally {
    predicted.dispose();
  }
}
