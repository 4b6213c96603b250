/** The sizes that drive the memory of a Kneser–Ney character model (fitKneserNey). */
export interface KneserNeyMemorySizes {
  /** Length of the training text (symbols). */
  characters: number;
  /** n: the longest n-gram counted. */
  order: number;
  /** Number of symbols (bounds the distinct short n-grams: at most V^k of length k). */
  vocabSize: number;
}

/** A gram table rehashes into twice the slots once more than this share of its slots is used. */
export const GRAM_TABLE_MAX_LOAD = 0.6;
/** A gram table's entry arrays grow by this factor when full (never beyond the most the text can hold). */
export const GRAM_TABLE_GROWTH = 1.5;
/** Bytes per entry of a gram table: hash, end, count, total (4 bytes each) and n1, n2, n3 (2 bytes each). */
export const GRAM_ENTRY_BYTES = 22;

/**
 * Estimates, before counting, an upper bound of what fitKneserNey holds for a training text: for
 * every length k = 0 … order, at most min(characters − k + 1, V^k) distinct strings, each with
 * its entry arrays (GRAM_ENTRY_BYTES, up to GRAM_TABLE_GROWTH times over while they grow, plus
 * the copy made while growing) and its hash slots (4 bytes, at least a load of
 * GRAM_TABLE_MAX_LOAD / 2), and the training text as 16-bit ids. Repetitive text holds fewer
 * distinct strings: the fit reports what it really holds (`KneserNeyModel.bytes`). Pure arithmetic.
 *
 * @example
 * estimateKneserNeyMemory({ characters: 2_831_140, order: 20, vocabSize: 95 }).bytes // ≈ 3.6 GiB at most
 */
export function estimateKneserNeyMemory(sizes: KneserNeyMemorySizes): { bytes: number; distinctGramsAtMost: number } {
  const { characters: n, order, vocabSize: V } = sizes;
  for (const [name, v, min] of [["characters", n, 0], ["order", order, 1], ["vocabSize", V, 1]] as const) {
    if (!Number.isSafeInteger(v) || v < min) throw new Error(`estimateKneserNeyMemory: option ${name} must be an integer ≥ ${min}, got ${v}`);
  }
  let grams = 1; // the empty context
  let largest = 1;
  for (let k = 1; k <= order; k++) {
    const most = Math.max(0, Math.min(n - k + 1, V ** k));
    grams += most;
    largest = Math.max(largest, most);
  }
  const perEntry = GRAM_ENTRY_BYTES * GRAM_TABLE_GROWTH + (4 * 2) / GRAM_TABLE_MAX_LOAD;
  // While the largest table grows, its old and new entry arrays are both held.
  const bytes = Math.ceil(grams * perEntry + largest * GRAM_ENTRY_BYTES + 2 * n);
  return { bytes, distinctGramsAtMost: grams };
}
