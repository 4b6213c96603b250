import { bitsPerCharacter } from "../training/bitsPerCharacter";
import { runInSlices, runToEnd } from "../util/runInSlices";

/** A fitted character n-gram model (see `fitCharNgram`). */
export interface CharNgram {
  /** n: the model reads up to n − 1 previous characters (1 = unigram). */
  order: number;
  /** Number of symbols it spreads probability over. */
  vocabSize: number;
  /** The absolute discount D. */
  discount: number;
  /** P(next | history), history = the ids before it (only its last order − 1 are read). */
  probability(history: ArrayLike<number>, next: number): number;
  /** Bits per character predicting ids[1 …] of a text, each from the ids before it in that text (as readCharLm). */
  bitsPerCharacter(ids: ArrayLike<number>): number;
  /** The same number, computed in slices of ~100 ms that let the event loop run; stops (throwing the signal's reason) once `signal` is aborted. */
  bitsPerCharacterAsync(ids: ArrayLike<number>, options?: { signal?: AbortSignal }): Promise<number>;
}

/** Options of `fitCharNgram`. */
export interface CharNgramOptions {
  /** n, default 5. */
  order?: number;
  /** Number of symbols (ids 0 … vocabSize − 1). Required. */
  vocabSize: number;
  /** Absolute discount D in (0, 1), default 0.75. */
  discount?: number;
}

/** Options of `fitCharNgramAsync`: those of `fitCharNgram`, a signal and a progress callback. */
export interface CharNgramAsyncOptions extends CharNgramOptions {
  /** Stops the fit within ~100 ms once aborted (throws the signal's reason). */
  signal?: AbortSignal;
  /** Called as the counting goes on (every 8,192 characters): characters counted so far and in all. */
  onProgress?: (progress: { counted: number; total: number }) => void;
}

/** Characters counted between two pauses of the fit (well under 100 ms at order 7). */
const COUNT_CHUNK = 8192;
/** Characters scored between two pauses. */
const SCORE_CHUNK = 8192;

/**
 * A character n-gram model fitted on training ids, smoothed by interpolated absolute discounting
 * (Kneser–Ney "lite": the same discount and interpolation, raw counts instead of continuation
 * counts in the lower orders), bottoming out at the uniform distribution:
 *   P_k(w | c) = max(N(c w) − D, 0) / N(c) + D · T(c) / N(c) · P_{k−1}(w | c′),   P_0 = 1 / V,
 * where c is the last k characters, c′ its last k − 1, N counts training occurrences and T(c) is
 * the number of distinct characters seen after c. An unseen context falls back to P_{k−1}.
 * Probabilities sum to 1 over the vocabulary for every history, and no symbol gets 0.
 *
 * @example
 * const trigram = fitCharNgram(vocab.encode(corpus.train), { order: 3, vocabSize: vocab.size });
 * trigram.bitsPerCharacter(vocab.encode(corpus.test));
 */
export function fitCharNgram(ids: ArrayLike<number>, options: CharNgramOptions): CharNgram {
  return runToEnd(fitSteps(ids, options));
}

/**
 * `fitCharNgram` without holding the event loop: the counting runs in slices of ~100 ms, reports
 * its progress and stops at an aborted `signal` (a Ctrl-C reaches the process within a slice).
 * The model is the same, count for count.
 *
 * @example
 * const ac = new AbortController();
 * const sevenGram = await fitCharNgramAsync(ids, { order: 7, vocabSize: vocab.size, signal: ac.signal, onProgress: (p) => console.log(p.counted, p.total) });
 */
export async function fitCharNgramAsync(ids: ArrayLike<number>, options: CharNgramAsyncOptions): Promise<CharNgram> {
  return runInSlices(fitSteps(ids, options), { signal: options.signal, onProgress: options.onProgress });
}

/** The fit as a generator: pauses after every COUNT_CHUNK characters with the progress. */
function* fitSteps(ids: ArrayLike<number>, options: CharNgramOptions): Generator<{ counted: number; total: number } | undefined, CharNgram> {
  const order = options.order ?? 5;
  const V = options.vocabSize;
  const D = options.discount ?? 0.75;
  if (!(Number.isInteger(order) && order >= 1)) throw new Error(`fitCharNgram option order: ${order}, expected a positive integer`);
  if (!(Number.isInteger(V) && V >= 1 && V <= 65536)) throw new Error(`fitCharNgram option vocabSize: ${V}, expected an integer in 1…65536`);
  if (!(D > 0 && D < 1)) throw new Error(`fitCharNgram option discount: ${D}, expected a number in (0, 1)`);
  const key = (a: ArrayLike<number>, from: number, to: number) => {
    let s = "";
    for (let i = from; i < to; i++) s += String.fromCharCode(a[i]);
    return s;
  };
  for (let i = 0; i < ids.length; i++) {
    if (!(Number.isInteger(ids[i]) && ids[i] >= 0 && ids[i] < V)) throw new Error(`fitCharNgram: id ${ids[i]} at position ${i}, expected an integer in 0…${V - 1}`);
  }
  const grams = new Map<string, number>(); // "c w" → N(c w), every length 1 … order
  const total = new Map<string, number>(); // "c" → N(c) = Σ_w N(c w)
  const types = new Map<string, number>(); // "c" → T(c)
  const count = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      for (let k = 0; k < order && k <= i; k++) {
        const context = key(ids, i - k, i);
        const gram = context + String.fromCharCode(ids[i]);
        const seen = grams.get(gram) ?? 0;
        grams.set(gram, seen + 1);
        total.set(context, (total.get(context) ?? 0) + 1);
        if (seen === 0) types.set(context, (types.get(context) ?? 0) + 1);
      }
    }
  };
  for (let from = 0; from < ids.length; from += COUNT_CHUNK) {
    const to = Math.min(ids.length, from + COUNT_CHUNK);
    count(from, to);
    yield { counted: to, total: ids.length };
  }
  const probability = (history: ArrayLike<number>, next: number, end = history.length): number => {
    let p = 1 / V;
    const w = String.fromCharCode(next);
    for (let k = 0; k < order && k <= end; k++) {
      const context = key(history, end - k, end);
      const n = total.get(context);
      if (n === undefined) break; // an unseen context: so are all longer ones
      p = Math.max((grams.get(context + w) ?? 0) - D, 0) / n + (D * types.get(context)!) / n * p;
    }
    return p;
  };
  function* score(text: ArrayLike<number>, what: string): Generator<undefined, number> {
    if (text.length < 2) throw new Error(`CharNgram.${what}: ${text.length} ids, expected at least 2`);
    const probs = new Float64Array(text.length - 1);
    for (let from = 1; from < text.length; from += SCORE_CHUNK) {
      const to = Math.min(text.length, from + SCORE_CHUNK);
      for (let i = from; i < to; i++) probs[i - 1] = probability(text, text[i], i);
      yield;
    }
    return bitsPerCharacter(probs);
  }
  return {
    order, vocabSize: V, discount: D,
    probability: (history, next) => probability(history, next),
    bitsPerCharacter: (text) => runToEnd(score(text, "bitsPerCharacter")),
    bitsPerCharacterAsync: (text, o = {}) => runInSlices(score(text, "bitsPerCharacterAsync"), { signal: o.signal }),
  };
}
