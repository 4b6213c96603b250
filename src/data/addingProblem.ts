import * as tf from "@tensorflow/tfjs";
import { seededRandom } from "../util/seededRandom";

/**
 * Options of `addingProblem`.
 *
 * @example
 * const options: AddingProblemOptions = { samples: 1000, length: 100, seed: 1 };
 */
export interface AddingProblemOptions {
  /** Number of sequences, a positive integer. Required. */
  samples: number;
  /** Steps per sequence, an integer ≥ 2. Required. */
  length: number;
  /** Seed of the generator (`seededRandom`); default 1. The same seed gives the same tensors. */
  seed?: number;
}

/** The adding problem's tensors: `x` [samples, length, 2], `y` [samples, 1]. */
export interface AddingProblem {
  /** Channel 0: values uniform in [0, 1); channel 1: the marker (1 at the two marked steps, else 0). */
  x: tf.Tensor3D;
  /** The sum of the two marked values: mean 1, variance 1/6. */
  y: tf.Tensor2D;
  /** The two marked steps of every sequence: first in [0, ⌊length/2⌋), second in [⌊length/2⌋, length). */
  markers: [number, number][];
  dispose(): void;
}

function positiveInteger(value: unknown, name: string, min: number): number {
  if (!Number.isInteger(value) || (value as number) < min) {
    throw new Error(`${name}: ${JSON.stringify(value)}, expected an integer ≥ ${min}`);
  }
  return value as number;
}

/**
 * The adding problem in the form Le, Jaitly & Hinton (2015) used, a variant of Hochreiter &
 * Schmidhuber's (1997) that many RNN comparisons use: each step carries a value uniform in [0, 1) and a marker; exactly two steps are
 * marked, one in the first half of the sequence and one in the second half, and the target is
 * the sum of the two marked values. Predicting the constant 1 gives a mean squared error of 1/6
 * (the baseline to beat); a model that solves the task must keep the first value over up to
 * `length` steps. Seeded: the same options give the same tensors on every machine.
 *
 * @example
 * const data = addingProblem({ samples: 512, length: 50, seed: 1 });
 * data.x.shape; // [512, 50, 2]
 * data.y.shape; // [512, 1]
 * data.dispose();
 */
export function addingProblem(options: AddingProblemOptions): AddingProblem {
  const n = positiveInteger(options.samples, "addingProblem option samples", 1);
  const T = positiveInteger(options.length, "addingProblem option length", 2);
  const rand = seededRandom(options.seed ?? 1);
  const x = new Float32Array(n * T * 2);
  const y = new Float32Array(n);
  const markers: [number, number][] = [];
  const half = Math.floor(T / 2);
  for (let s = 0; s < n; s++) {
    for (let t = 0; t < T; t++) x[(s * T + t) * 2] = rand();
    const first = Math.floor(rand() * half);
    const second = half + Math.floor(rand() * (T - half));
    x[(s * T + first) * 2 + 1] = 1;
    x[(s * T + second) * 2 + 1] = 1;
    y[s] = x[(s * T + first) * 2] + x[(s * T + second) * 2];
    markers.push([first, second]);
  }
  const xs = tf.tensor3d(x, [n, T, 2]);
  const ys = tf.tensor2d(y, [n, 1]);
  return { x: xs, y: ys, markers, dispose: () => { xs.dispose(); ys.dispose(); } };
}
