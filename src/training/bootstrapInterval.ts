import { seededRandom } from "../util/seededRandom";

/**
 * A statistic with its bootstrap interval.
 *
 * @example
 * const { estimate, low, high } = bootstrapInterval(bitsPerChar, { block: 100 });
 */
export interface BootstrapInterval {
  /** The statistic on the data as given. */
  estimate: number;
  /** Lower and upper percentile bounds of the interval. */
  low: number;
  high: number;
  /** Coverage, e.g. 0.95. */
  level: number;
  resamples: number;
  /** Block length used (1 = the ordinary bootstrap). */
  block: number;
}

/** Options of {@link bootstrapInterval}; every one has a default. */
export interface BootstrapOptions {
  /** Resamples drawn (default 2000). */
  resamples?: number;
  /** Coverage of the interval (default 0.95). */
  level?: number;
  /** Seed of the resampling (default 1): the same data and seed give the same interval. */
  seed?: number;
  /**
   * Length of the blocks resampled together (default 1). Use more than 1 for serially dependent
   * values (per-character losses of a text): a moving-block bootstrap keeps dependence within a block.
   */
  block?: number;
  /** The statistic of a sample (default the mean). */
  statistic?: (values: number[]) => number;
}

/**
 * Percentile bootstrap interval of a statistic (default the mean) of a sample, with a
 * moving-block resampling for dependent values. Deterministic for a given seed.
 *
 * @example
 * bootstrapInterval([1.9, 1.8, 2.0, 1.85, 1.95], { resamples: 1000 }) // { estimate: 1.9, low: ≈1.84, high: ≈1.96, … }
 */
export function bootstrapInterval(values: number[], options: BootstrapOptions = {}): BootstrapInterval {
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const block = options.block ?? 1;
  const statistic = options.statistic ?? ((v: number[]) => v.reduce((s, x) => s + x, 0) / v.length);
  const n = values.length;
  if (n === 0) throw new Error("bootstrapInterval: no values");
  if (!Number.isInteger(resamples) || resamples < 100) throw new Error(`bootstrapInterval: option resamples is ${resamples}, expected an integer ≥ 100`);
  if (!(level > 0 && level < 1)) throw new Error(`bootstrapInterval: option level is ${level}, expected a number in (0, 1)`);
  if (!Number.isInteger(block) || block < 1 || block > n) throw new Error(`bootstrapInterval: option block is ${block}, expected an integer in [1, ${n}] (the number of values)`);
  values.forEach((v, i) => { if (!Number.isFinite(v)) throw new Error(`bootstrapInterval: value ${i} is ${v}, expected a finite number`); });
  const random = seededRandom(options.seed ?? 1);
  const starts = n - block + 1;
  const stats: number[] = [];
  const sample = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let filled = 0; filled < n;) {
      const s = Math.floor(random() * starts);
      for (let j = 0; j < block && filled < n; j++) sample[filled++] = values[s + j];
    }
    stats.push(statistic(sample));
  }
  stats.sort((a, b) => a - b);
  const at = (q: number) => stats[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))];
  return { estimate: statistic(values), low: at((1 - level) / 2), high: at(1 - (1 - level) / 2), level, resamples, block };
}
