import * as tf from "@tensorflow/tfjs";
import { seededRandom } from "../util/seededRandom";

/**
 * Options of `delayedRecall`.
 *
 * @example
 * const options: DelayedRecallOptions = { samples: 1000, length: 100, symbols: 8, seed: 1 };
 */
export interface DelayedRecallOptions {
  /** Number of sequences, a positive integer. Required. */
  samples: number;
  /** Steps per sequence, an integer ≥ 2: the symbol at step 0, the recall cue at step length − 1. Required. */
  length: number;
  /** Size of the alphabet, an integer ≥ 2; default 8. */
  symbols?: number;
  /** Seed of the generator (`seededRandom`); default 1. */
  seed?: number;
}

/** The delayed-recall tensors: `x` [samples, length, symbols + 1], `y` [samples, symbols] (one-hot). */
export interface DelayedRecall {
  /** Channels 0…symbols−1: the symbol, one-hot at step 0 only; channel `symbols`: the cue, 1 at the last step. */
  x: tf.Tensor3D;
  /** The symbol shown at step 0, one-hot. */
  y: tf.Tensor2D;
  /** The same symbols as class indices. */
  labels: number[];
  dispose(): void;
}

/**
 * A copy / delayed-recall task: a symbol drawn uniformly from `symbols` is shown (one-hot) at
 * step 0, then `length − 2` blank steps follow, and at the last step a cue channel asks for the
 * symbol back: a classification whose only evidence lies `length − 1` steps before the answer.
 * Chance accuracy is 1/symbols, chance cross-entropy ln(symbols). Seeded like `addingProblem`.
 *
 * @example
 * const data = delayedRecall({ samples: 512, length: 50, symbols: 8, seed: 1 });
 * data.x.shape; // [512, 50, 9]
 * data.y.shape; // [512, 8]
 * data.dispose();
 */
export function delayedRecall(options: DelayedRecallOptions): DelayedRecall {
  const check = (value: unknown, name: string, min: number): number => {
    if (!Number.isInteger(value) || (value as number) < min) {
      throw new Error(`delayedRecall option ${name}: ${JSON.stringify(value)}, expected an integer ≥ ${min}`);
    }
    return value as number;
  };
  const n = check(options.samples, "samples", 1);
  const T = check(options.length, "length", 2);
  const K = check(options.symbols ?? 8, "symbols", 2);
  const D = K + 1;
  const rand = seededRandom(options.seed ?? 1);
  const x = new Float32Array(n * T * D);
  const y = new Float32Array(n * K);
  const labels: number[] = [];
  for (let s = 0; s < n; s++) {
    const symbol = Math.floor(rand() * K);
    x[s * T * D + symbol] = 1;
    x[(s * T + T - 1) * D + K] = 1;
    y[s * K + symbol] = 1;
    labels.push(symbol);
  }
  const xs = tf.tensor3d(x, [n, T, D]);
  const ys = tf.tensor2d(y, [n, K]);
  return { x: xs, y: ys, labels, dispose: () => { xs.dispose(); ys.dispose(); } };
}
