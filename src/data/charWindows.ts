import * as tf from "@tensorflow/tfjs";
import { seededRandom, shuffledIndices } from "../util/seededRandom";

/** Inputs and next-character targets of a char LM: x [windows, timesteps] (int32 ids), y [windows, timesteps, 1] (float32 ids). */
export interface CharWindows {
  x: tf.Tensor2D;
  y: tf.Tensor3D;
  /** Where each window starts in the id sequence. */
  starts: number[];
}

/** Options of `charWindows`. */
export interface CharWindowsOptions {
  /** Characters per window (truncated BPTT length), default 100. */
  timesteps?: number;
  /** Keep at most this many windows, a seeded random subset in text order. Default: all. */
  maxWindows?: number;
  /** Seed of that subset, default 42. */
  seed?: number;
}

/**
 * Cuts a sequence of character ids into non-overlapping windows for truncated backpropagation
 * through time: window k reads ids[s … s+T−1] and predicts ids[s+1 … s+T] (s = k·T). The windows
 * are stateless: every window starts from a zero state (the model is not `stateful`), so the
 * first characters of a window are predicted with little context. The tensors belong to the caller.
 * Throws when the sequence is too short for one window.
 *
 * @example
 * const train = charWindows(vocab.encode(corpus.train), { timesteps: 100 });
 * await model.fit(train.x, train.y, { batchSize: 64 });
 */
export function charWindows(ids: ArrayLike<number>, options: CharWindowsOptions = {}): CharWindows {
  const T = options.timesteps ?? 100;
  if (!(Number.isInteger(T) && T >= 1)) throw new Error(`charWindows option timesteps: ${T}, expected a positive integer`);
  const total = Math.floor((ids.length - 1) / T);
  if (total < 1) throw new Error(`charWindows: ${ids.length} ids make no window of ${T} steps (need at least ${T + 1})`);
  const maxWindows = options.maxWindows ?? total;
  if (!(Number.isInteger(maxWindows) && maxWindows >= 1)) throw new Error(`charWindows option maxWindows: ${maxWindows}, expected a positive integer`);
  let picked = Array.from({ length: total }, (_, k) => k);
  if (maxWindows < total) picked = shuffledIndices(total, seededRandom(options.seed ?? 42)).slice(0, maxWindows).sort((a, b) => a - b);
  const n = picked.length;
  const x = new Int32Array(n * T);
  const y = new Float32Array(n * T);
  picked.forEach((k, w) => {
    for (let t = 0; t < T; t++) {
      x[w * T + t] = ids[k * T + t];
      y[w * T + t] = ids[k * T + t + 1];
    }
  });
  return { x: tf.tensor2d(x, [n, T], "int32"), y: tf.tensor3d(y, [n, T, 1]), starts: picked.map((k) => k * T) };
}
