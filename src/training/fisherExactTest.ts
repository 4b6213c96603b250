/** log C(n, k) by summing logs (exact enough for the small counts of seeds and trials). */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/**
 * Fisher's exact test of two success rates (a of n against b of m), two-sided as scipy's
 * `fisher_exact`: the probability, with the margins fixed, of every 2 × 2 table no more likely
 * than the one observed (hypergeometric; a relative tolerance of 1e-7 counts ties as ties).
 * Throws unless 0 ≤ a ≤ n, 0 ≤ b ≤ m are integers and n, m ≥ 1.
 *
 * @example
 * fisherExactTest(5, 5, 0, 5) // 0.00794 (= 2 / 252): 5 of 5 seeds solved against 0 of 5
 * fisherExactTest(4, 5, 1, 5) // 0.206
 */
export function fisherExactTest(a: number, n: number, b: number, m: number): number {
  for (const [name, v, max] of [["a", a, n], ["b", b, m]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > max) throw new Error(`fisherExactTest: ${name} = ${v}, expected an integer in 0…${max} (successes of its trials)`);
  }
  if (!Number.isInteger(n) || !Number.isInteger(m) || n < 1 || m < 1) throw new Error(`fisherExactTest: trials ${n} and ${m}, expected positive integers`);
  const k = a + b;
  const logP = (x: number) => logChoose(n, x) + logChoose(m, k - x) - logChoose(n + m, k);
  const observed = logP(a);
  let p = 0;
  for (let x = Math.max(0, k - m); x <= Math.min(n, k); x++) {
    const lp = logP(x);
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}
