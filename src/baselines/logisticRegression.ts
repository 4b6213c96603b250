import { runInSlices, runToEnd } from "../util/runInSlices";
import { type LbfgsProgress, minimiseLbfgsSteps } from "./minimiseLbfgs";

/**
 * A multinomial logistic regression fitted to its optimum: weights [features][classes] and one
 * bias per class.
 *
 * @example
 * const lr = fitLogisticRegression(xTrain, yTrain, 5, { l2: 1e-3 });
 * lr.predictProbabilities(xTest)[0] // five probabilities summing to 1
 */
export interface LogisticRegression {
  weights: Float64Array;
  biases: Float64Array;
  features: number;
  classes: number;
  /** The L2 penalty it was fitted with. */
  l2: number;
  /** Mean cross-entropy + (l2 / 2)·‖weights‖² at the solution. */
  objective: number;
  /** Largest absolute component of the objective's gradient at the solution. */
  gradientMax: number;
  iterations: number;
  /** Class probabilities (softmax) of each row. */
  predictProbabilities(x: ArrayLike<number>[] | FlatRows): number[][];
  /** The most probable class of each row (ties: the lowest index). */
  predict(x: ArrayLike<number>[] | FlatRows): number[];
}

/**
 * Rows as one row-major Float64Array (`values.length` = rows × `features`): no array per row and
 * no copy inside the fit (a tenth of the memory of nested JS arrays of many windows).
 *
 * @example
 * const rows: FlatRows = { values: new Float64Array([0, 1, 1, 0]), features: 2 }; // two rows of two
 */
export interface FlatRows {
  values: Float64Array;
  features: number;
}

/** What {@link fitLogisticRegressionAsync} reports after every L-BFGS iteration (the objective is the mean cross-entropy + penalty). */
export type LogisticRegressionProgress = LbfgsProgress;

/** Options of {@link fitLogisticRegression}; every one has a default. */
export interface LogisticRegressionOptions {
  /** L2 penalty on the weights (not the biases), added as (l2 / 2)·‖W‖² to the mean cross-entropy (default 1e-3; scikit-learn's C is 1 / (l2 · n)). */
  l2?: number;
  /** Stop when every gradient component is below this (default 1e-6). */
  tolerance?: number;
  /** Iterations at most (default 3000); reaching it without meeting the tolerance is an error. */
  maxIterations?: number;
  /** Start from these parameters (a fit with a neighbouring l2: warm start along a path). */
  start?: Pick<LogisticRegression, "weights" | "biases">;
}

/** Options of {@link fitLogisticRegressionAsync}: those of the synchronous fit, a signal and a progress callback. */
export interface LogisticRegressionAsyncOptions extends LogisticRegressionOptions {
  /** Stops the fit within ~100 ms once aborted (throws the signal's reason). */
  signal?: AbortSignal;
  /** Called after every iteration. */
  onIteration?: (progress: LogisticRegressionProgress) => void;
}

/** Rows of the objective between two pauses of the fit (~2 ms at 84 features and 5 classes). */
const ROWS_PER_PAUSE = 2048;

/**
 * Fits a multinomial logistic regression with an L2 penalty by minimising the mean cross-entropy
 * + (l2 / 2)·‖W‖² with L-BFGS (memory 10, backtracking Armijo line search) to a gradient below
 * `tolerance`: the optimum of a strictly convex problem, so the result is deterministic and does
 * not depend on seeds, epochs or early stopping (unlike a network fit by Adam). Rows must have
 * `features` finite values; labels are integers in [0, classes).
 *
 * @example
 * const lr = fitLogisticRegression([[0], [1], [2], [3]], [0, 0, 1, 1], 2, { l2: 0.01 });
 * lr.predict([[0.2], [2.8]]) // [0, 1]
 */
export function fitLogisticRegression(
  x: ArrayLike<number>[] | FlatRows, labels: number[], classes: number, options: LogisticRegressionOptions = {},
): LogisticRegression {
  return runToEnd(fitSteps(x, labels, classes, options));
}

/**
 * {@link fitLogisticRegression} without holding the event loop: the same L-BFGS, computed in
 * slices of ~100 ms (so a Ctrl-C handler or a timer runs in between), reporting every iteration to
 * `onIteration` and stopping within a slice once `signal` is aborted. The result is the synchronous
 * fit's, bit for bit (the same arithmetic in the same order; only the pauses differ).
 *
 * @example
 * const lr = await fitLogisticRegressionAsync({ values: new Float64Array([0, 1, 2, 3]), features: 1 }, [0, 0, 1, 1], 2, {
 *   l2: 0.01, signal: AbortSignal.timeout(60_000), onIteration: (p) => console.log(p.iteration, p.objective, p.gradientMax),
 * });
 */
export async function fitLogisticRegressionAsync(
  x: ArrayLike<number>[] | FlatRows, labels: number[], classes: number, options: LogisticRegressionAsyncOptions = {},
): Promise<LogisticRegression> {
  return runInSlices(fitSteps(x, labels, classes, options), { signal: options.signal, onProgress: options.onIteration });
}

/** The fit as a generator: pauses every ROWS_PER_PAUSE rows of an evaluation, and after each iteration with its progress. */
function* fitSteps(
  x: ArrayLike<number>[] | FlatRows, labels: number[], classes: number, options: LogisticRegressionOptions,
): Generator<LogisticRegressionProgress | undefined, LogisticRegression> {
  const l2 = options.l2 ?? 1e-3;
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 3000;
  const flat = !Array.isArray(x);
  if (flat && !(Number.isInteger(x.features) && x.features >= 1 && x.values.length % x.features === 0)) {
    throw new Error(`fitLogisticRegression: ${x.values.length} values in rows of ${x.features} features: expected a whole number of rows`);
  }
  const n = flat ? x.values.length / x.features : x.length;
  if (n === 0) throw new Error("fitLogisticRegression: no rows");
  if (labels.length !== n) throw new Error(`fitLogisticRegression: ${n} rows but ${labels.length} labels`);
  if (!Number.isInteger(classes) || classes < 2) throw new Error(`fitLogisticRegression: classes is ${classes}, expected an integer ≥ 2`);
  if (!(l2 >= 0) || !Number.isFinite(l2)) throw new Error(`fitLogisticRegression: option l2 is ${l2}, expected a finite number ≥ 0`);
  const d = flat ? x.features : x[0].length;
  const X = flat ? x.values : new Float64Array(n * d);
  if (flat) {
    for (let q = 0; q < X.length; q++) {
      if (!Number.isFinite(X[q])) throw new Error(`fitLogisticRegression: row ${Math.floor(q / d)} value ${q % d} is ${X[q]}, expected a finite number`);
    }
  } else {
    x.forEach((row, i) => {
      if (row.length !== d) throw new Error(`fitLogisticRegression: row ${i} has ${row.length} values, expected ${d} (as row 0)`);
      for (let j = 0; j < d; j++) {
        if (!Number.isFinite(row[j])) throw new Error(`fitLogisticRegression: row ${i} value ${j} is ${row[j]}, expected a finite number`);
        X[i * d + j] = row[j];
      }
    });
  }
  labels.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 0 || y >= classes) throw new Error(`fitLogisticRegression: label ${i} is ${y}, expected an integer in [0, ${classes})`);
  });
  const k = classes;
  const size = (d + 1) * k; // weights [d][k], then biases [k]
  const theta = new Float64Array(size);
  if (options.start) { theta.set(options.start.weights); theta.set(options.start.biases, d * k); }

  const logits = new Float64Array(k);
  /** Adds rows from … to−1 to the gradient; returns the loss with their terms subtracted (in row order, as one loop would). */
  const accumulate = (t: Float64Array, grad: Float64Array, from: number, to: number, loss: number): number => {
    for (let i = from; i < to; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let z = t[d * k + c];
        for (let j = 0; j < d; j++) z += X[i * d + j] * t[j * k + c];
        logits[c] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) { logits[c] = Math.exp(logits[c] - max); sum += logits[c]; }
      loss -= Math.log(logits[labels[i]] / sum);
      for (let c = 0; c < k; c++) {
        const r = logits[c] / sum - (c === labels[i] ? 1 : 0);
        grad[d * k + c] += r;
        for (let j = 0; j < d; j++) grad[j * k + c] += r * X[i * d + j];
      }
    }
    return loss;
  };
  function* evaluate(t: Float64Array, grad: Float64Array): Generator<undefined, number> {
    grad.fill(0);
    let loss = 0;
    for (let from = 0; from < n; from += ROWS_PER_PAUSE) {
      loss = accumulate(t, grad, from, Math.min(n, from + ROWS_PER_PAUSE), loss);
      yield;
    }
    let penalty = 0;
    for (let q = 0; q < size; q++) grad[q] /= n;
    for (let q = 0; q < d * k; q++) { penalty += t[q] * t[q]; grad[q] += l2 * t[q]; }
    return loss / n + (l2 / 2) * penalty;
  }
  const { objective, gradientMax, iterations } = yield* minimiseLbfgsSteps(theta, evaluate, tolerance, maxIterations,
    `fitLogisticRegression (l2 ${l2})`, "raise maxIterations or l2");
  const weights = theta.slice(0, d * k);
  const biases = theta.slice(d * k);
  const predictProbabilities = (rows: ArrayLike<number>[] | FlatRows) => {
    const count = Array.isArray(rows) ? rows.length : rows.values.length / rows.features;
    if (!Array.isArray(rows) && rows.features !== d) throw new Error(`LogisticRegression.predict: rows of ${rows.features} values, expected ${d}`);
    return Array.from({ length: count }, (_, i) => {
      const row = Array.isArray(rows) ? rows[i] : rows.values.subarray(i * d, (i + 1) * d);
      if (row.length !== d) throw new Error(`LogisticRegression.predict: row ${i} has ${row.length} values, expected ${d}`);
      const z = Array.from({ length: k }, (_, c) => { let s = biases[c]; for (let j = 0; j < d; j++) s += row[j] * weights[j * k + c]; return s; });
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const sum = e.reduce((s, v) => s + v, 0);
      return e.map((v) => v / sum);
    });
  };
  return {
    weights, biases, features: d, classes: k, l2, objective, gradientMax, iterations,
    predictProbabilities,
    predict: (rows) => predictProbabilities(rows).map((p) => p.indexOf(Math.max(...p))),
  };
}
