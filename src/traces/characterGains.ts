/**
 * Per character of a text, the bits a model saves against another on it: gain[j] =
 * log₂ p_model(text[j]) − log₂ p_ngram(text[j]) for j ≥ 1 (positive where the model does better),
 * from two arrays laid out as readCharLm's `probability` and KneserNeyModel.log2Probabilities
 * (entry i predicts character i + 1, length text.length − 1). gain[0] is NaN (nothing predicts
 * the first character). Throws when a length differs or a value is not a finite log-probability.
 *
 * @example
 * const gains = characterGains(text, modelLog2, kn.log2Probabilities(vocab.encode(text)));
 */
export function characterGains(text: string, modelLog2: ArrayLike<number>, ngramLog2: ArrayLike<number>): Float64Array {
  const n = text.length;
  if (n < 2) throw new Error(`characterGains: a text of ${n} characters, expected at least 2`);
  for (const [name, a] of [["modelLog2", modelLog2], ["ngramLog2", ngramLog2]] as const) {
    if (a.length !== n - 1) throw new Error(`characterGains: ${name} has ${a.length} values, expected text length − 1 = ${n - 1} (entry i predicts character i + 1)`);
  }
  const gains = new Float64Array(n);
  gains[0] = NaN;
  for (let i = 0; i < n - 1; i++) {
    const m = modelLog2[i], g = ngramLog2[i];
    if (!(m <= 0 && Number.isFinite(m))) throw new Error(`characterGains: modelLog2[${i}] = ${m}, expected a finite log₂-probability ≤ 0`);
    if (!(g <= 0 && Number.isFinite(g))) throw new Error(`characterGains: ngramLog2[${i}] = ${g}, expected a finite log₂-probability ≤ 0`);
    gains[i + 1] = m - g;
  }
  return gains;
}
