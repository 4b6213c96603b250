/**
 * Per-class precision, recall and support (the count of actual samples of the class).
 *
 * @example
 * classificationMetrics([0, 1], [0, 0], ["rain", "sun"]).perClass[0] // { class: "rain", precision: 0.5, recall: 1, support: 1 }
 */
export interface ClassMetrics {
  class: string;
  precision: number;
  recall: number;
  support: number;
}

/**
 * Accuracy against the majority-class baseline, per-class scores and the confusion matrix.
 *
 * @example
 * const { accuracy, confusion } = classificationMetrics(actual, predicted, classes);
 */
export interface ClassificationMetrics {
  accuracy: number;
  /** Unweighted mean over classes of F1 = 2·precision·recall / (precision + recall) (0 for a class with neither), as scikit-learn's f1_score(average="macro"). */
  macroF1: number;
  /** The most frequent actual class of these samples (ties: the first in `classes` order). */
  baselineClass: string;
  /** The accuracy of always answering `baselineClass` on these samples. */
  baselineAccuracy: number;
  classes: string[];
  perClass: ClassMetrics[];
  /** confusion[actual][predicted], in `classes` order. */
  confusion: number[][];
}

/**
 * Scores predicted class indices against actual ones. The baseline is computed on the very
 * samples scored (for a test split: the test split's own majority class, the strongest constant
 * answer there). Precision of a class never predicted, and recall of a class never present,
 * are 0 (as scikit-learn's zero_division=0).
 *
 * @example
 * classificationMetrics([0, 1, 1], [0, 1, 0], ["rain", "sun"]).accuracy // 2/3
 */
export function classificationMetrics(actual: number[], predicted: number[], classes: string[]): ClassificationMetrics {
  if (actual.length !== predicted.length) {
    throw new Error(`classificationMetrics: ${actual.length} actual labels but ${predicted.length} predictions`);
  }
  if (actual.length === 0) throw new Error("classificationMetrics: no samples");
  const k = classes.length;
  const confusion = classes.map(() => new Array<number>(k).fill(0));
  actual.forEach((a, i) => {
    const p = predicted[i];
    for (const [what, v] of [["actual", a], ["predicted", p]] as const) {
      if (!Number.isInteger(v) || v < 0 || v >= k) throw new Error(`classificationMetrics: ${what} label ${i} is ${v}, expected an integer in [0, ${k})`);
    }
    confusion[a][p]++;
  });
  const support = confusion.map((row) => row.reduce((s, v) => s + v, 0));
  const predictedCount = classes.map((_, j) => confusion.reduce((s, row) => s + row[j], 0));
  const correct = classes.reduce((s, _, i) => s + confusion[i][i], 0);
  let majority = 0;
  support.forEach((s, i) => { if (s > support[majority]) majority = i; });
  const f1 = classes.map((_, i) => {
    const tp = confusion[i][i];
    return support[i] + predictedCount[i] > 0 ? (2 * tp) / (support[i] + predictedCount[i]) : 0;
  });
  return {
    accuracy: correct / actual.length,
    macroF1: f1.reduce((s, v) => s + v, 0) / k,
    baselineClass: classes[majority],
    baselineAccuracy: support[majority] / actual.length,
    classes: [...classes],
    perClass: classes.map((c, i) => ({
      class: c,
      precision: predictedCount[i] > 0 ? confusion[i][i] / predictedCount[i] : 0,
      recall: support[i] > 0 ? confusion[i][i] / support[i] : 0,
      support: support[i],
    })),
    confusion,
  };
}
