/**
 * The number of distinct strings of every length k = 1 … order in a text (`counts[k − 1]`),
 * exactly, without storing any string: the suffixes are sorted by their first `order` symbols
 * (prefix doubling with counting sorts, ⌈log₂ order⌉ rounds) and a suffix starts a new string of
 * length k when it is at least k long and shares fewer than k symbols with the suffix before it.
 * Holds 20 bytes per symbol while it runs (four Int32Arrays and the counting buckets); linear time
 * per round plus `order` comparisons per suffix. What fitKneserNey's tables will hold, so that
 * its memory bound can be computed before counting (estimateKneserNeyMemory).
 *
 * @example
 * distinctGramCounts([0, 1, 0, 1, 0], 3) // [2, 2, 2]: "0", "1"; "01", "10"; "010", "101"
 */
export function distinctGramCounts(text: ArrayLike<number>, order: number): number[] {
  if (!(Number.isInteger(order) && order >= 1)) throw new Error(`distinctGramCounts: order ${order}, expected an integer ≥ 1`);
  const n = text.length;
  const counts = new Array<number>(order).fill(0);
  if (n === 0) return counts;
  let rank = new Int32Array(n);
  let next = new Int32Array(n);
  const sa = new Int32Array(n);
  const tmp = new Int32Array(n);
  let maxRank = 0;
  for (let i = 0; i < n; i++) {
    const v = text[i];
    if (!(Number.isInteger(v) && v >= 0)) throw new Error(`distinctGramCounts: symbol ${v} at position ${i}, expected an integer ≥ 0`);
    rank[i] = v + 1; // 0 is "past the end"
    if (v + 1 > maxRank) maxRank = v + 1;
  }
  let buckets = new Int32Array(maxRank + 2);
  // The suffixes sorted by their first symbol (a stable counting sort).
  const countingSort = (from: Int32Array, to: Int32Array, key: Int32Array, size: number) => {
    if (buckets.length < size + 2) buckets = new Int32Array(size + 2);
    buckets.fill(0, 0, size + 2);
    for (let j = 0; j < n; j++) buckets[key[from[j]] + 1]++;
    for (let r = 1; r <= size + 1; r++) buckets[r] += buckets[r - 1];
    for (let j = 0; j < n; j++) to[buckets[key[from[j]]]++] = from[j];
  };
  for (let i = 0; i < n; i++) tmp[i] = i;
  countingSort(tmp, sa, rank, maxRank);
  // Dense ranks 1 … (distinct symbols): the doubling below stops once every suffix has its own rank
  // (maxRank = n), which the symbols' own values (up to any size, e.g. code points) do not tell.
  let distinct = 1;
  next[sa[0]] = 1;
  for (let j = 1; j < n; j++) {
    if (rank[sa[j]] !== rank[sa[j - 1]]) distinct++;
    next[sa[j]] = distinct;
  }
  [rank, next] = [next, rank];
  maxRank = distinct;
  // Prefix doubling: after the round of h, sa is sorted by the first 2h symbols (a shorter suffix before its extensions).
  for (let h = 1; h < order && maxRank < n; h *= 2) {
    let p = 0;
    for (let i = Math.max(0, n - h); i < n; i++) tmp[p++] = i; // second key "past the end": first
    for (let j = 0; j < n; j++) if (sa[j] >= h) tmp[p++] = sa[j] - h; // the rest by their second key, as sa orders i + h
    countingSort(tmp, sa, rank, maxRank);
    let r = 1;
    next[sa[0]] = 1;
    for (let j = 1; j < n; j++) {
      const a = sa[j - 1], b = sa[j];
      if (rank[a] !== rank[b] || (a + h < n ? rank[a + h] : 0) !== (b + h < n ? rank[b + h] : 0)) r++;
      next[b] = r;
    }
    [rank, next] = [next, rank];
    maxRank = r;
  }
  // A suffix of length ≥ k starts a new string of length k when it shares fewer than k symbols with the one before.
  const starts = new Float64Array(order + 2);
  for (let j = 0; j < n; j++) {
    const b = sa[j];
    const longest = Math.min(order, n - b);
    let common = 0;
    if (j > 0) {
      const a = sa[j - 1];
      const most = Math.min(longest, n - a);
      while (common < most && text[a + common] === text[b + common]) common++;
    }
    if (common < longest) { starts[common + 1]++; starts[longest + 1]--; }
  }
  let running = 0;
  for (let k = 1; k <= order; k++) { running += starts[k]; counts[k - 1] = running; }
  return counts;
}
