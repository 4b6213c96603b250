/** The sizes that drive the memory of a Kneser–Ney character model (fitKneserNey). */
export interface KneserNeyMemorySizes {
  /** Length of the training text (symbols). */
  characters: number;
  /** n: the longest n-gram counted. */
  order: number;
  /** Number of symbols (bounds the distinct short n-grams: at most V^k of length k). */
  vocabSize: number;
  /**
   * The distinct strings of each length 1 … order the text really holds (distinctGramCounts), when
   * known: the bound is then what the tables will hold, exactly, as they grow (a repetitive text
   * holds far fewer than min(n − k + 1, V^k)), plus the pass that counted them.
   */
  distinctGrams?: number[];
}

/** Bytes per symbol the counting pass of distinctGramCounts holds (four Int32Arrays and its buckets). */
const DISTINCT_PASS_BYTES_PER_SYMBOL = 20;

/**
 * What a fit adds to the process besides its arrays, allowed for in the counted bound: compiled
 * code, the JavaScript heap, grown-out arrays not yet collected. Measured, not derived: a fit's
 * peak RSS grew 15–22 MiB beyond its arrays on 20,000 and 200,000 corpus characters (order 7 and 20).
 */
export const KNESER_NEY_RUNTIME_ALLOWANCE = 32 * 2 ** 20;

/**
 * A GramTable of length k holding `size` strings (at most `most`): its entry capacity and hash
 * slots at the end, as its growth rules give them, and the most its last growth held twice.
 */
function tableBytes(size: number, most: number): { bytes: number; growing: number } {
  let capacity = Math.min(Math.max(1, most), 1024);
  let previous = 0;
  while (capacity < size) { previous = capacity; capacity = Math.min(Math.max(1, most), Math.ceil(capacity * GRAM_TABLE_GROWTH) + 16); }
  let slots = 16;
  while (slots * GRAM_TABLE_MAX_LOAD < Math.min(Math.max(1, most), 1024)) slots *= 2;
  while (size > slots * GRAM_TABLE_MAX_LOAD) slots *= 2;
  return { bytes: capacity * GRAM_ENTRY_BYTES + 4 * slots, growing: Math.max(previous * GRAM_ENTRY_BYTES, 2 * slots) };
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
 * distinct strings: given their counts (`distinctGrams`, from distinctGramCounts) the bound is
 * the tables' growth replayed at those sizes plus the counting pass and KNESER_NEY_RUNTIME_ALLOWANCE:
 * an upper bound of the fit's peak RSS growth (tested in a child process), about 1.3 times it on the
 * study's corpus at order 20 instead of 7 times. Pure arithmetic.
 *
 * @example
 * estimateKneserNeyMemory({ characters: 2_831_140, order: 20, vocabSize: 95 }).bytes // ≈ 3.6 GiB at most
 */
export function estimateKneserNeyMemory(sizes: KneserNeyMemorySizes): { bytes: number; distinctGramsAtMost: number } {
  const { characters: n, order, vocabSize: V } = sizes;
  for (const [name, v, min] of [["characters", n, 0], ["order", order, 1], ["vocabSize", V, 1]] as const) {
    if (!Number.isSafeInteger(v) || v < min) throw new Error(`estimateKneserNeyMemory: option ${name} must be an integer ≥ ${min}, got ${v}`);
  }
  if (sizes.distinctGrams !== undefined) {
    const d = sizes.distinctGrams;
    if (d.length < order || !d.slice(0, order).every((v) => Number.isSafeInteger(v) && v >= 0)) throw new Error(`estimateKneserNeyMemory: option distinctGrams must hold ${order} counts ≥ 0 (lengths 1 … order), got ${d.length}`);
    // The tables at their final sizes, one of them growing (its old arrays held beside the new), the text, the counting pass (possibly not collected yet) and the runtime's allowance.
    const tables = d.slice(0, order).map((size, k) => tableBytes(size, Math.min(n - k, V ** (k + 1))));
    const bytes = tables.reduce((s, t) => s + t.bytes, tableBytes(1, 1).bytes) + Math.max(0, ...tables.map((t) => t.growing)) + 2 * n + DISTINCT_PASS_BYTES_PER_SYMBOL * n +
      KNESER_NEY_RUNTIME_ALLOWANCE;
    return { bytes, distinctGramsAtMost: 1 + d.slice(0, order).reduce((a, b) => a + b, 0) };
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
