import * as tf from "@tensorflow/tfjs";

/** Inputs and next-character targets laid out for truncated BPTT with the state carried (see `streamWindows`). */
export interface StreamWindows {
  /** [windowsPerStream · streams, timesteps] int32 ids: row w · streams + s is window w of stream s. */
  x: tf.Tensor2D;
  /** [windowsPerStream · streams, timesteps, 1] float32 ids of the next characters. */
  y: tf.Tensor3D;
  streams: number;
  windowsPerStream: number;
  /** Characters per stream (windowsPerStream · timesteps): stream s reads ids[s · streamLength …]. */
  streamLength: number;
  /** Characters predicted per epoch (streams · streamLength) and the ones left out at the ends of the streams (fewer than streams · (timesteps + 1)). */
  usedCharacters: number;
  droppedCharacters: number;
}

/**
 * Lays a text out for truncated backpropagation through time with the state carried (char-rnn,
 * Karpathy et al. 2015): the ids are cut into `streams` contiguous streams (the batch), each cut
 * into consecutive windows of `timesteps` characters; batch w holds window w of every stream, in
 * stream order, so a model that carries its state from batch to batch (`carryTrainingState`, and
 * `train` with `shuffle: false`) reads every stream from its start to its end. Every character
 * but fewer than streams · (timesteps + 1) at the streams' ends is predicted once per epoch.
 * The tensors belong to the caller. Throws when a stream would hold no window.
 *
 * @example
 * const data = streamWindows(vocab.encode(corpus.train), { streams: 64, timesteps: 100 });
 * await run.fit(model, data, { batchSize: data.streams, shuffle: false, onEpochStart: () => resetStates(model) });
 */
export function streamWindows(ids: ArrayLike<number>, options: { streams: number; timesteps: number }): StreamWindows {
  const { streams, timesteps: T } = options;
  for (const [name, v] of [["streams", streams], ["timesteps", T]] as const) {
    if (!(Number.isInteger(v) && v >= 1)) throw new Error(`streamWindows option ${name}: ${v}, expected a positive integer`);
  }
  // Stream s reads ids[s·L … s·L + L − 1] and predicts ids[s·L + 1 … s·L + L]; L a multiple of T.
  const windowsPerStream = Math.floor((ids.length - 1) / streams / T);
  if (windowsPerStream < 1) throw new Error(`streamWindows: ${ids.length} ids make no window of ${T} characters in each of ${streams} streams (need at least ${streams * T + 1})`);
  const L = windowsPerStream * T;
  const rows = windowsPerStream * streams;
  const x = new Int32Array(rows * T);
  const y = new Float32Array(rows * T);
  for (let w = 0; w < windowsPerStream; w++) {
    for (let s = 0; s < streams; s++) {
      const row = w * streams + s;
      const from = s * L + w * T;
      for (let t = 0; t < T; t++) {
        x[row * T + t] = ids[from + t];
        y[row * T + t] = ids[from + t + 1];
      }
    }
  }
  return {
    x: tf.tensor2d(x, [rows, T], "int32"), y: tf.tensor3d(y, [rows, T, 1]), streams, windowsPerStream, streamLength: L,
    usedCharacters: streams * L, droppedCharacters: ids.length - 1 - streams * L,
  };
}
