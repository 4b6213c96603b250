import * as tf from "@tensorflow/tfjs";
import { classificationMetrics, type ClassificationMetrics } from "./classificationMetrics";

/**
 * Runs a classifier on `x` (argmax of its output) and scores it against `labels` with
 * `classificationMetrics`: accuracy, the majority-class baseline of these samples, per-class
 * precision/recall/support and the confusion matrix.
 *
 * @example
 * const m = await evaluateClassifier(model, data.test.x, data.test.labels, data.classes);
 * console.log(m.accuracy, m.baselineAccuracy);
 */
export async function evaluateClassifier(
  model: tf.LayersModel, x: tf.Tensor, labels: number[], classes: string[], batchSize = 256,
): Promise<ClassificationMetrics> {
  const predicted = tf.tidy(() => (model.predict(x, { batchSize }) as tf.Tensor).argMax(-1));
  const values = Array.from(await predicted.data());
  predicted.dispose();
  return classificationMetrics(labels, values, classes);
}
