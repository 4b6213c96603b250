/**
 * Two-sided p-value of Student's t statistic with `df` degrees of freedom: P[|T| ≥ |t|].
 * Computed from the regularized incomplete beta function, I_{df/(df+t²)}(df/2, ½), by its
 * continued fraction (accurate to ~1e-12); df may be any positive real (Infinity gives the normal).
 *
 * @example
 * studentTTwoSidedP(2.228, 10) // 0.0500…
 */
export function studentTTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) {
    if (Number.isNaN(t)) throw new Error("studentTTwoSidedP: t is NaN");
    return 0;
  }
  if (!(df > 0)) throw new Error(`studentTTwoSidedP: df is ${df}, expected a number > 0`);
  if (df === Infinity) return erfc(Math.abs(t) / Math.SQRT2);
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error ~1e-15). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** I_x(a, b) by the continued fraction (modified Lentz), using the symmetry I_x(a,b) = 1 − I_{1−x}(b,a). */
function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedIncompleteBeta(1 - x, b, a);
  const tiny = 1e-300;
  let f = 1, c = 1, d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  f = d;
  for (let m = 1; m <= 500; m++) {
    for (const numerator of [
      (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)),
      -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1)),
    ]) {
      d = 1 + numerator * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + numerator / c;
      if (Math.abs(c) < tiny) c = tiny;
      f *= c * d;
    }
    if (Math.abs(c * d - 1) < 1e-15) break;
  }
  return (front * f) / a;
}

/** erfc(x) for x ≥ 0 (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const y = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return y;
}

/**
 * The two-sided critical value of Student's t: the t with P[|T| ≥ t] = 1 − level (e.g. 2.776 for
 * level 0.95 and df 4), by bisection on {@link studentTTwoSidedP} to 1e-10. The half-width of a
 * confidence interval of a mean over n seeds is `studentTCritical(0.95, n − 1) · sd / √n`.
 *
 * @example
 * studentTCritical(0.95, 4) // 2.776…
 */
export function studentTCritical(level: number, df: number): number {
  if (!(level > 0 && level < 1)) throw new Error(`studentTCritical: level is ${level}, expected a number in (0, 1)`);
  const target = 1 - level;
  let low = 0, high = 1;
  while (studentTTwoSidedP(high, df) > target) high *= 2;
  while (high - low > 1e-10 * Math.max(1, high)) {
    const mid = (low + high) / 2;
    if (studentTTwoSidedP(mid, df) > target) low = mid; else high = mid;
  }
  return (low + high) / 2;
}
