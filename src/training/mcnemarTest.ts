/**
 * McNemar's paired test of two classifiers scored on the same samples.
 *
 * @example
 * const t = mcnemarTest(gruCorrect, ruleCorrect);
 * t.onlyA, t.onlyB, t.pValue // samples only A got right, only B got right, two-sided p
 */
export interface McNemarResult {
  /** Samples both classifiers got right. */
  both: number;
  /** Samples only the first classifier got right. */
  onlyA: number;
  /** Samples only the second classifier got right. */
  onlyB: number;
  /** Samples neither got right. */
  neither: number;
  /** Two-sided exact p-value: the binomial test of onlyA against onlyB + onlyA trials at ½. */
  pValue: number;
}

/**
 * McNemar's test (exact binomial form, as statsmodels' `mcnemar(exact=True)`): are two
 * classifiers' accuracies on the same samples distinguishable? Only the discordant samples count
 * (one right, the other wrong); under the null each is equally likely to favour either model.
 * The two-sided p-value is min(1, 2·P[X ≤ min(b, c)]) for X ~ Binomial(b + c, ½); p = 1 when no
 * sample is discordant. Throws when the lists differ in length or are empty.
 *
 * @example
 * mcnemarTest([true, true, false, true], [true, false, false, false]).pValue // 0.5 (2 discordant, both favour A)
 */
export function mcnemarTest(correctA: boolean[], correctB: boolean[]): McNemarResult {
  if (correctA.length !== correctB.length) {
    throw new Error(`mcnemarTest: ${correctA.length} results for the first classifier but ${correctB.length} for the second (score both on the same samples)`);
  }
  if (correctA.length === 0) throw new Error("mcnemarTest: no samples");
  let both = 0, onlyA = 0, onlyB = 0, neither = 0;
  correctA.forEach((a, i) => {
    const b = correctB[i];
    if (a && b) both++; else if (a) onlyA++; else if (b) onlyB++; else neither++;
  });
  return { both, onlyA, onlyB, neither, pValue: binomialTwoSidedHalf(Math.min(onlyA, onlyB), onlyA + onlyB) };
}

/** min(1, 2·P[X ≤ k]) for X ~ Binomial(n, ½), summed in log space (exact to rounding for any n). */
function binomialTwoSidedHalf(k: number, n: number): number {
  if (n === 0) return 1;
  let logTerm = -n * Math.LN2; // log C(n, 0) / 2^n
  let tail = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log((n - i + 1) / i);
    tail += Math.exp(logTerm);
  }
  return Math.min(1, 2 * tail);
}
