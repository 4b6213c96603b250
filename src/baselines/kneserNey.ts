import { checkKneserNeyMemory } from "../bounds/checkKneserNeyMemory";
import { distinctGramCounts } from "../bounds/distinctGramCounts";
import { runInSlices, runToEnd } from "../util/runInSlices";
import { GramTable, prependHash } from "./gramTable";

/** The longest n-gram fitKneserNey counts. */
export const KNESER_NEY_MAX_ORDER = 64;

/** Discounts a count-of-counts cannot give (Kenlm's --discount_fallback): D1, D2, D3+. */
export const DISCOUNT_FALLBACK: readonly [number, number, number] = [0.5, 1, 1.5];

/** A fitted interpolated modified Kneser–Ney character model (see `fitKneserNey`). */
export interface KneserNeyModel {
  /** n: the model reads up to n − 1 previous symbols. */
  order: number;
  /** Number of symbols it spreads probability over (ids 0 … vocabSize − 1). */
  vocabSize: number;
  /** Per order k = 1 … n (index k − 1): the discounts D1, D2, D3+ of the n-grams of length k. */
  discounts: Array<[d1: number, d2: number, d3plus: number]>;
  /** Per order: true when its count-of-counts gave no valid discounts and DISCOUNT_FALLBACK was used. */
  discountFallback: boolean[];
  /** Per order: n1 … n4, how many distinct n-grams of length k have count 1, 2, 3, 4 (continuation counts below n). */
  countOfCounts: Array<[n1: number, n2: number, n3: number, n4: number]>;
  /** Per order: the distinct n-grams of length k with a non-zero count. */
  distinctGrams: number[];
  /** Bytes of the typed arrays the model holds. */
  bytes: number;
  /** P(next | history): only the last n − 1 ids of the history are read. */
  probability(history: ArrayLike<number>, next: number): number;
  /** log₂ P(ids[i + 1] | ids[0 … i]) for i = 0 … length − 2 (as readCharLm's `probability`, in log₂). */
  log2Probabilities(ids: ArrayLike<number>): Float64Array;
  /** The same, computed in slices of ~100 ms; stops (throwing the signal's reason) once `signal` is aborted. */
  log2ProbabilitiesAsync(ids: ArrayLike<number>, options?: { signal?: AbortSignal }): Promise<Float64Array>;
  /** Bits per character predicting ids[1 …], each from the ids before it in that text. */
  bitsPerCharacter(ids: ArrayLike<number>): number;
  /** The same number, computed in slices of ~100 ms; stops (throwing the signal's reason) once `signal` is aborted. */
  bitsPerCharacterAsync(ids: ArrayLike<number>, options?: { signal?: AbortSignal }): Promise<number>;
}

/** Options of `fitKneserNey`. */
export interface KneserNeyOptions {
  /** n, default 5 (at most KNESER_NEY_MAX_ORDER). */
  order?: number;
  /** Number of symbols (ids 0 … vocabSize − 1, at most 65,535). Required. */
  vocabSize: number;
  /** Memory limit for the upper-bound check made before counting (bytes or e.g. "8G"; default GRULAB_MEMORY_LIMIT, else half the free memory). */
  memoryLimit?: number | string;
}

/** Options of `fitKneserNeyAsync`: those of `fitKneserNey`, a signal and a progress callback. */
export interface KneserNeyAsyncOptions extends KneserNeyOptions {
  /** Stops the fit within ~100 ms once aborted (throws the signal's reason). */
  signal?: AbortSignal;
  /** Called as the fit goes on: its phase ("counting" the text, then "contexts" over the distinct n-grams), how far and out of how many. */
  onProgress?: (progress: { phase: "counting" | "contexts"; done: number; total: number }) => void;
}

/** Training positions counted between two pauses (at order 20: ~40,000 table look-ups). */
const COUNT_CHUNK = 2048;
/** Distinct n-grams visited between two pauses of the context pass. */
const CONTEXT_CHUNK = 32768;
/** Characters scored between two pauses. */
const SCORE_CHUNK = 4096;

/**
 * A character n-gram model with interpolated **modified** Kneser–Ney smoothing (Chen & Goodman
 * 1998, "An empirical study of smoothing techniques for language modeling", eq. 17–19),
 * interpolated down to the uniform distribution over the vocabulary:
 *
 *   P_k(w | c) = (N_k(c w) − D_k(N_k(c w))) / S_k(c) + γ_k(c) · P_{k−1}(w | c′),   P_0(w) = 1 / V,
 *   γ_k(c) = (D_k,1 · N1_k(c •) + D_k,2 · N2_k(c •) + D_k,3+ · N3+_k(c •)) / S_k(c),
 *
 * where c holds the last k − 1 symbols, c′ its last k − 2, S_k(c) = Σ_w N_k(c w), Nj_k(c •) is
 * the number of symbols w with N_k(c w) = j (j ≥ 3 for N3+), D(0) = 0. N_n is the raw count of
 * the n-gram in the training text; below n, N_k(c w) is the continuation count N1+(• c w): the
 * number of distinct symbols seen right before c w. Per order k the discounts come from the
 * count-of-counts n1 … n4 of N_k: Y = n1 / (n1 + 2 n2), D1 = 1 − 2Y n2/n1, D2 = 2 − 3Y n3/n2,
 * D3+ = 3 − 4Y n4/n3; when one is undefined or outside (0, j] (short texts), that order uses
 * DISCOUNT_FALLBACK (0.5, 1, 1.5, as KenLM's --discount_fallback) and says so. A context with
 * S_k(c) = 0 (unseen, or seen only at the text's start) falls back to P_{k−1}; so do all longer
 * ones. Every history's distribution sums to 1 and no symbol gets 0.
 *
 * Storage: one exact hash table per length over typed arrays (each distinct string is a
 * position in the training text); an upper bound of the memory is checked before counting
 * (checkKneserNeyMemory, from the distinct strings of every length: distinctGramCounts).
 *
 * @example
 * const kn = fitKneserNey(vocab.encode(corpus.train), { order: 20, vocabSize: vocab.size });
 * kn.bitsPerCharacter(vocab.encode(corpus.validation));
 */
export function fitKneserNey(ids: ArrayLike<number>, options: KneserNeyOptions): KneserNeyModel {
  return runToEnd(fitSteps(ids, options));
}

/**
 * `fitKneserNey` without holding the event loop: the counting and the context pass run in slices
 * of ~100 ms, report their progress and stop at an aborted `signal`. The model is the same, count
 * for count.
 *
 * @example
 * const ac = new AbortController();
 * const kn = await fitKneserNeyAsync(ids, { order: 20, vocabSize: vocab.size, signal: ac.signal, onProgress: (p) => console.log(p.phase, p.done, p.total) });
 */
export async function fitKneserNeyAsync(ids: ArrayLike<number>, options: KneserNeyAsyncOptions): Promise<KneserNeyModel> {
  return runInSlices(fitSteps(ids, options), { signal: options.signal, onProgress: options.onProgress });
}

type Progress = { phase: "counting" | "contexts"; done: number; total: number };

function* fitSteps(ids: ArrayLike<number>, options: KneserNeyOptions): Generator<Progress | undefined, KneserNeyModel> {
  const N = options.order ?? 5;
  const V = options.vocabSize;
  if (!(Number.isInteger(N) && N >= 1 && N <= KNESER_NEY_MAX_ORDER)) throw new Error(`fitKneserNey option order: ${N}, expected an integer in 1…${KNESER_NEY_MAX_ORDER}`);
  if (!(Number.isInteger(V) && V >= 1 && V <= 65535)) throw new Error(`fitKneserNey option vocabSize: ${V}, expected an integer in 1…65535`);
  const n = ids.length;
  const train = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (!(Number.isInteger(id) && id >= 0 && id < V)) throw new Error(`fitKneserNey: id ${id} at position ${i}, expected an integer in 0…${V - 1}`);
    train[i] = id;
  }
  // The distinct strings of every length, counted first (20 bytes per character), make the bound what the tables will hold.
  checkKneserNeyMemory({ characters: n, order: N, vocabSize: V, distinctGrams: distinctGramCounts(train, N) }, { memoryLimit: options.memoryLimit });

  // tables[k]: the distinct strings of length k (k = 0: the empty context).
  const tables = Array.from({ length: N + 1 }, (_, k) => new GramTable(k, k === 0 ? 1 : Math.max(0, Math.min(n - k + 1, V ** k))));
  tables[0].insert(train, 0, 0);
  for (let from = 0; from < n; from += COUNT_CHUNK) {
    const to = Math.min(n, from + COUNT_CHUNK);
    for (let i = from; i < to; i++) {
      let h = 0;
      let suffix = 0; // id of the string of length k − 1 ending at i
      const longest = Math.min(N, i + 1);
      for (let k = 1; k <= longest; k++) {
        h = prependHash(h, train[i - k + 1], k - 1);
        const table = tables[k];
        const id = table.insert(train, i, h);
        if (k === N) table.count[id]++;
        // A new string x·s of length k: one more distinct left neighbour of s (its continuation count).
        if (table.added && k >= 2) tables[k - 1].count[suffix]++;
        suffix = id;
      }
    }
    yield { phase: "counting", done: to, total: n };
  }

  // Contexts: S, N1, N2, N3+ of every context from the counts of its continuations; count-of-counts per order.
  const countOfCounts: Array<[number, number, number, number]> = [];
  const distinctGrams: number[] = [];
  const all = tables.reduce((s, t) => s + t.size, 0);
  let visited = 0;
  for (let k = 1; k <= N; k++) {
    const table = tables[k];
    const contexts = tables[k - 1];
    const coc: [number, number, number, number] = [0, 0, 0, 0];
    let seen = 0;
    for (let id = 0; id < table.size; id++) {
      const c = table.count[id];
      if (c > 0) {
        seen++;
        if (c <= 4) coc[c - 1]++;
        const end = table.end[id] - 1; // the context: the first k − 1 symbols
        let h = 0;
        for (let j = 0; j < k - 1; j++) h = prependHash(h, train[end - j], j);
        const ctx = contexts.find(train, train, end, h);
        contexts.total[ctx] += c;
        if (c === 1) contexts.n1[ctx]++;
        else if (c === 2) contexts.n2[ctx]++;
        else contexts.n3[ctx]++;
      }
      if (++visited % CONTEXT_CHUNK === 0) yield { phase: "contexts", done: visited, total: all };
    }
    countOfCounts.push(coc);
    distinctGrams.push(seen);
  }
  const discountFallback: boolean[] = [];
  const discounts = countOfCounts.map(([n1, n2, n3, n4]) => {
    const Y = n1 / (n1 + 2 * n2);
    const d: [number, number, number] = [1 - (2 * Y * n2) / n1, 2 - (3 * Y * n3) / n2, 3 - (4 * Y * n4) / n3];
    const valid = d.every((x, j) => Number.isFinite(x) && x > 0 && x <= j + 1);
    discountFallback.push(!valid);
    return valid ? d : ([...DISCOUNT_FALLBACK] as [number, number, number]);
  });
  const bytes = tables.reduce((s, t) => s + t.bytes, train.byteLength);

  /** log₂ P(text[at] | text[… at − 1]), the history read from `text` itself. */
  const log2Probability = (text: ArrayLike<number>, at: number): number => {
    const w = text[at];
    if (!(Number.isInteger(w) && w >= 0 && w < V)) throw new Error(`KneserNeyModel: id ${w} at position ${at}, expected an integer in 0…${V - 1}`);
    let p = 1 / V;
    let hc = 0; // hash of the context (length k − 1)
    let hg = prependHash(0, w, 0); // hash of the n-gram (length k)
    for (let k = 1; k <= N && k - 1 <= at; k++) {
      if (k >= 2) {
        const x = text[at - k + 1];
        if (!(Number.isInteger(x) && x >= 0 && x < V)) throw new Error(`KneserNeyModel: id ${x} at position ${at - k + 1}, expected an integer in 0…${V - 1}`);
        hc = prependHash(hc, x, k - 2);
        hg = prependHash(hg, x, k - 1);
      }
      const contexts = tables[k - 1];
      const ctx = contexts.find(train, text, at - 1, hc);
      if (ctx < 0) break;
      const S = contexts.total[ctx];
      if (S === 0) break;
      const table = tables[k];
      const id = table.find(train, text, at, hg);
      const c = id < 0 ? 0 : table.count[id];
      const [d1, d2, d3] = discounts[k - 1];
      const discounted = c === 0 ? 0 : c - (c === 1 ? d1 : c === 2 ? d2 : d3);
      p = discounted / S + ((d1 * contexts.n1[ctx] + d2 * contexts.n2[ctx] + d3 * contexts.n3[ctx]) / S) * p;
    }
    return Math.log2(p);
  };
  function* score(text: ArrayLike<number>): Generator<undefined, Float64Array> {
    const out = new Float64Array(Math.max(0, text.length - 1));
    for (let from = 1; from < text.length; from += SCORE_CHUNK) {
      const to = Math.min(text.length, from + SCORE_CHUNK);
      for (let i = from; i < to; i++) out[i - 1] = log2Probability(text, i);
      yield;
    }
    return out;
  }
  function* bits(text: ArrayLike<number>, what: string): Generator<undefined, number> {
    if (text.length < 2) throw new Error(`KneserNeyModel.${what}: ${text.length} ids, expected at least 2`);
    const lp = yield* score(text);
    let sum = 0;
    for (let i = 0; i < lp.length; i++) sum -= lp[i];
    return sum / lp.length;
  }
  return {
    order: N, vocabSize: V, discounts, discountFallback, countOfCounts, distinctGrams, bytes,
    probability(history, next) {
      const text = Array.from(history);
      text.push(next);
      return 2 ** log2Probability(text, text.length - 1);
    },
    log2Probabilities: (text) => runToEnd(score(text)),
    log2ProbabilitiesAsync: (text, o = {}) => runInSlices(score(text), { signal: o.signal }),
    bitsPerCharacter: (text) => runToEnd(bits(text, "bitsPerCharacter")),
    bitsPerCharacterAsync: (text, o = {}) => runInSlices(bits(text, "bitsPerCharacterAsync"), { signal: o.signal }),
  };
}
