import { bootstrapInterval } from "../training/bootstrapInterval";

/** A set of characters' gains summarised (see `gainSummary`). */
export interface GainSummary {
  characters: number;
  /** Mean bits saved per character by the model against the n-gram (positive: the model is better). */
  meanGain: number;
  /** Percentile bootstrap interval of meanGain (ordinary bootstrap over the characters). */
  low: number;
  high: number;
  /** Mean −log₂ p of the model and of the n-gram on these characters (bits per character). */
  modelBits: number;
  ngramBits: number;
}

/** Options of gainSummary and the analyses built on it. */
export interface GainSummaryOptions {
  /** Bootstrap resamples (default 1000). */
  resamples?: number;
  /** Coverage of the interval (default 0.95). */
  level?: number;
  /** Seed of the resampling (default 1). */
  seed?: number;
}

/**
 * The mean gain of a set of characters (their positions in `gains`, from characterGains) with a
 * percentile bootstrap interval, and both models' bits per character on them. The bootstrap
 * resamples characters independently: neighbouring characters' gains are correlated, so the
 * interval is somewhat narrower than the truth.
 *
 * @example
 * const s = gainSummary(gains, modelLog2, [5, 17, 40]);
 */
export function gainSummary(gains: Float64Array, modelLog2: ArrayLike<number>, positions: number[], options: GainSummaryOptions = {}): GainSummary {
  if (positions.length === 0) throw new Error("gainSummary: no characters");
  const values = positions.map((j) => gains[j]);
  const b = bootstrapInterval(values, { resamples: options.resamples ?? 1000, level: options.level, seed: options.seed ?? 1 });
  let model = 0;
  for (const j of positions) model -= modelLog2[j - 1];
  const modelBits = model / positions.length;
  return { characters: positions.length, meanGain: b.estimate, low: b.low, high: b.high, modelBits, ngramBits: modelBits + b.estimate };
}
