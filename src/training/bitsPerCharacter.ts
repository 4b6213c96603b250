/**
 * Bits per character: the mean of −log₂ p over the probabilities a model gave to the characters
 * that really came next (the cross-entropy in bits; a uniform guess over V symbols scores log₂ V).
 * A probability of 0 gives Infinity; one outside [0, 1] or NaN throws, naming its position.
 *
 * @example
 * bitsPerCharacter([0.5, 0.25]); // (1 + 2) / 2 = 1.5
 */
export function bitsPerCharacter(probabilities: ArrayLike<number>): number {
  if (probabilities.length === 0) throw new Error("bitsPerCharacter: no probabilities (an empty text has no bits per character)");
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    if (!(p >= 0 && p <= 1)) throw new Error(`bitsPerCharacter: probability ${p} at position ${i}, expected a number in [0, 1]`);
    sum -= Math.log2(p);
  }
  return sum / probabilities.length;
}
