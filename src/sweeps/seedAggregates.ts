import { meanStd } from "../training/meanStd";

// Two-sided 95 % quantiles of Student's t, t(0.975, df) for df = 1 … 30 (standard tables).
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/**
 * t(0.975, df): the factor of a two-sided 95 % confidence interval of a mean of df + 1 values
 * (tables up to df 30; above, the normal's 1.96 with the first-order correction 1.96 + 2.4/df).
 *
 * @example
 * studentT975(2) // 4.303: three seeds give mean ± 4.303 · sd/√3
 */
export function studentT975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error(`studentT975: df must be an integer ≥ 1, got ${df}`);
  return df <= 30 ? T975[df - 1] : 1.96 + 2.4 / df;
}

/**
 * One group of trials that differ only in the seed: its options, and the metric's mean, sample
 * sd, n and 95 % confidence interval of the mean over the seeds (null bounds for one seed).
 *
 * @example
 * const g: SeedAggregate = { config: { cell: "gru" }, n: 3, mean: 0.41, sd: 0.02, low: 0.36, high: 0.46 };
 */
export interface SeedAggregate {
  config: Record<string, unknown>;
  n: number;
  mean: number;
  sd: number;
  /** mean ∓ t(0.975, n − 1) · sd / √n; null when n = 1. */
  low: number | null;
  high: number | null;
}

/**
 * Groups trials by every option but `seedKey` (default "seed") and summarizes `value` over each
 * group's seeds: mean, sample sd, n and the 95 % t-interval of the mean. Trials without a finite
 * value (failed, pending) are left out; groups keep the order of their first trial.
 *
 * @example
 * seedAggregates([{ config: { cell: "gru", seed: 1 }, value: 0.4 }, { config: { cell: "gru", seed: 2 }, value: 0.42 }])
 * // [{ config: { cell: "gru" }, n: 2, mean: 0.41, sd: 0.0141, low: 0.283, high: 0.537 }]
 */
export function seedAggregates(trials: Array<{ config: Record<string, unknown>; value: number | null }>, seedKey = "seed"): SeedAggregate[] {
  const groups = new Map<string, { config: Record<string, unknown>; values: number[] }>();
  for (const t of trials) {
    if (typeof t.value !== "number" || !Number.isFinite(t.value)) continue;
    const config = Object.fromEntries(Object.entries(t.config).filter(([k]) => k !== seedKey));
    const key = JSON.stringify(Object.entries(config).sort(([a], [b]) => a.localeCompare(b)));
    const g = groups.get(key) ?? { config, values: [] };
    g.values.push(t.value);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ config, values }) => {
    const { mean, sd, n } = meanStd(values);
    const half = n > 1 ? studentT975(n - 1) * sd / Math.sqrt(n) : null;
    return { config, n, mean, sd, low: half === null ? null : mean - half, high: half === null ? null : mean + half };
  });
}
