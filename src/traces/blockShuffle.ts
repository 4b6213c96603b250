import { shuffledIndices } from "../util/seededRandom";

/**
 * A series with its blocks in a random order: cut into consecutive blocks of `block` values (the
 * last one may be shorter), the blocks permuted (seeded), each block's values kept in order. The
 * null of a correlation with serially dependent data: a feature shuffled this way keeps its
 * within-block structure (runs of a string, a line's positions) but loses its alignment with
 * the text.
 *
 * @example
 * blockShuffle([1, 2, 3, 4, 5], 2, seededRandom(1)); // e.g. [5, 1, 2, 3, 4]
 */
export function blockShuffle(values: ArrayLike<number>, block: number, random: () => number): Float64Array {
  if (!(Number.isInteger(block) && block >= 1)) throw new Error(`blockShuffle: block ${block}, expected a positive integer`);
  const n = values.length;
  const blocks = Math.ceil(n / block);
  const out = new Float64Array(n);
  let at = 0;
  for (const b of shuffledIndices(blocks, random)) {
    const end = Math.min(n, (b + 1) * block);
    for (let i = b * block; i < end; i++) out[at++] = values[i];
  }
  return out;
}
