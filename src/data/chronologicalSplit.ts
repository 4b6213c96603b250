/** Row ranges `[from, to)` of a chronological split: earliest rows train, latest rows test. */
export interface ChronologicalSplit {
  train: { from: number; to: number };
  validation: { from: number; to: number };
  test: { from: number; to: number };
}

/**
 * Splits `n` time-ordered rows into consecutive train / validation / test ranges (no shuffling:
 * the model is always tested on days after those it learned from).
 *
 * @example
 * chronologicalSplit(100, { validation: 0.15, test: 0.15 })
 * // { train: {from: 0, to: 70}, validation: {from: 70, to: 85}, test: {from: 85, to: 100} }
 */
export function chronologicalSplit(n: number, fractions: { validation: number; test: number }): ChronologicalSplit {
  const { validation, test } = fractions;
  for (const [name, f] of Object.entries(fractions)) {
    if (!(f >= 0 && f < 1)) throw new Error(`chronologicalSplit: ${name} fraction must be in [0, 1), got ${f}`);
  }
  if (validation + test >= 1) throw new Error(`chronologicalSplit: validation + test fractions must be < 1, got ${validation + test}`);
  const nTest = Math.round(n * test);
  const nVal = Math.round(n * validation);
  const trainEnd = n - nTest - nVal;
  if (trainEnd < 1) throw new Error(`chronologicalSplit: ${n} rows leave no training rows`);
  return {
    train: { from: 0, to: trainEnd },
    validation: { from: trainEnd, to: trainEnd + nVal },
    test: { from: trainEnd + nVal, to: n },
  };
}
