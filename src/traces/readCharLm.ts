import * as tf from "@tensorflow/tfjs";
import { bitsPerCharacter } from "../training/bitsPerCharacter";
import { passInChunks } from "../training/passInChunks";
import { CharLmStepper } from "../models/charLmStepper";
import { TRACE_COLUMNS } from "./traceColumns";
import type { LayerGateTrace } from "./layerGateTrace";

/** Options of `readCharLm`. */
export interface ReadCharLmOptions {
  /** Contiguous pieces of the text read side by side (the batch), default 64; each starts from a zero state. */
  streams?: number;
  /** Steps per forward call, default 200 (memory: streams × chunk × (vocab + 4 · units) floats). */
  chunk?: number;
  /** Also return every recurrent layer's trace quantities at every character (GRU h, z, r, h̃; LSTM h, c, i, f, c̃, o; SimpleRNN h; memory: up to 6 · layers · units floats per character). Default false. */
  states?: boolean;
}

/** What `readCharLm` returns. */
export interface ReadCharLm {
  /** probability[i]: the probability the model gave to ids[i + 1] after reading ids[0 … i] (length ids.length − 1). */
  probability: Float32Array;
  /** Bits per character over those predictions. */
  bpc: number;
  /**
   * With `states`: one entry per recurrent layer, in model order, as `traceGates` gives them for one
   * sample of the whole text (shape [1, text length, units]; values after reading character i), so
   * `saturation` and the gate charts take them as they are.
   */
  layers: LayerGateTrace[];
}

/**
 * Reads a text with a char LM the way the paper evaluates one: the state is carried from one
 * character to the next over the whole text (not reset every training window), and every
 * character after the first is predicted. For speed the text is cut into `streams` contiguous
 * pieces read in parallel; only each piece's first character is read from a zero state. Returns
 * the probability of each next character, the bits per character, and optionally the gates.
 *
 * @example
 * const { bpc } = readCharLm(model, vocab.encode(corpus.test));
 * const { layers } = readCharLm(model, vocab.encode(snippet), { streams: 1, states: true });
 */
export function readCharLm(model: tf.LayersModel, ids: ArrayLike<number>, options: ReadCharLmOptions = {}): ReadCharLm {
  const reader = charLmReader(model, ids, options);
  try {
    for (let t0 = 0; t0 < reader.length; t0 += reader.chunk) reader.step(t0, Math.min(reader.chunk, reader.length - t0));
    return reader.result();
  } finally {
    reader.dispose();
  }
}

/**
 * {@link readCharLm} with the event loop turning between two chunks of `chunk` steps (passInChunks):
 * the same numbers, bitwise (the same chunks in the same order), while a Ctrl-C reaches its handler;
 * once `signal` is aborted it throws the signal's reason between two chunks, and a long read
 * (≥ 10 chunks) sends `log` a line at once and one every 5 s, headed by `label` (default "reading").
 *
 * @example
 * const { bpc } = await readCharLmAsync(model, vocab.encode(corpus.validation), { signal, log: console.log, label: "validation" });
 */
export async function readCharLmAsync(model: tf.LayersModel, ids: ArrayLike<number>, options: ReadCharLmOptions & { signal?: AbortSignal; log?: (line: string) => void; label?: string } = {}): Promise<ReadCharLm> {
  const reader = charLmReader(model, ids, options);
  try {
    // Counted in characters: a chunk is `chunk` steps of every stream (the last stream's padding included).
    const streams = reader.streams;
    await passInChunks(reader.length * streams, reader.chunk * streams, (from, size) => reader.step(from / streams, size / streams), {
      signal: options.signal, log: options.log, label: options.label ?? "reading", noun: `characters (${streams} streams side by side)`,
    });
    return reader.result();
  } finally {
    reader.dispose();
  }
}

/** One read of `ids`, a chunk of steps at a time (`step(t0, steps)` from t0 = 0 on, in order), then `result()`; `dispose()` frees the stepper. */
function charLmReader(model: tf.LayersModel, ids: ArrayLike<number>, options: ReadCharLmOptions) {
  const n = ids.length;
  if (n < 2) throw new Error(`readCharLm: ${n} ids, expected at least 2 (a character and the next)`);
  const chunk = options.chunk ?? 200;
  const wanted = options.streams ?? 64;
  for (const [name, v] of [["streams", wanted], ["chunk", chunk]] as const) {
    if (!(Number.isInteger(v) && v >= 1)) throw new Error(`readCharLm option ${name}: ${v}, expected a positive integer`);
  }
  const streams = Math.min(wanted, n);
  const length = Math.ceil(n / streams); // characters per stream; the last stream is padded with id 0
  const stepper = new CharLmStepper(model, streams);
  const V = stepper.vocabSize;
  const probability = new Float32Array(n - 1);
  const layers: LayerGateTrace[] = [];
  const step = (t0: number, steps: number): void => {
    const batch = new Int32Array(streams * steps);
    for (let s = 0; s < streams; s++) {
      for (let t = 0; t < steps; t++) {
        const i = s * length + t0 + t;
        batch[s * steps + t] = i < n ? ids[i] : 0;
      }
    }
    const out = stepper.step(batch, steps, options.states === true);
    for (let s = 0; s < streams; s++) {
      for (let t = 0; t < steps; t++) {
        const i = s * length + t0 + t;
        if (i + 1 >= n) break;
        const target = ids[i + 1];
        if (!(target >= 0 && target < V)) throw new Error(`readCharLm: id ${target} at position ${i + 1}, expected an integer in 0…${V - 1}`);
        probability[i] = out.probabilities[(s * steps + t) * V + target];
      }
    }
    out.layers.forEach((values, l) => {
      const U = values.units;
      const columns = TRACE_COLUMNS[values.cell];
      if (!layers[l]) {
        const arrays = Object.fromEntries(columns.map((q) => [q, new Float32Array(n * U)]));
        layers[l] = {
          cell: values.cell, columns, layer: values.layer, shape: [1, n, U], goBackwards: false, ...(values.cell === "gru" ? { resetAfter: values.resetAfter } : {}), ...arrays,
        } as unknown as LayerGateTrace;
      }
      const target = layers[l] as unknown as Record<string, Float32Array>;
      for (let s = 0; s < streams; s++) {
        for (let t = 0; t < steps; t++) {
          const i = s * length + t0 + t;
          if (i >= n) break;
          for (const key of columns) target[key].set(values.values[key]!.subarray((s * steps + t) * U, (s * steps + t + 1) * U), i * U);
        }
      }
    });
  };
  return {
    streams, length, chunk, step,
    result: (): ReadCharLm => ({ probability, bpc: bitsPerCharacter(probability), layers }),
    dispose: () => stepper.dispose(),
  };
}
