/** The mean and sample standard deviation of repeated measurements (e.g. one per seed). */
export interface MeanStd {
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); 0 for a single value. */
  sd: number;
  n: number;
}

/**
 * Mean ± sample standard deviation of a list of numbers, the summary of a result over seeds.
 * Throws on an empty list or a non-finite value (naming its index).
 *
 * @example
 * meanStd([0.62, 0.64, 0.66]) // { mean: 0.64, sd: 0.02, n: 3 }
 */
export function meanStd(values: number[]): MeanStd {
  if (values.length === 0) throw new Error("meanStd: no values");
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new Error(`meanStd: value ${i} is ${v}, expected a finite number`);
  });
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, n };
}
