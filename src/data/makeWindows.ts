/** Sliding windows over rows of features, each paired with the label of the row that follows. */
export interface Windows {
  /** [window][t][feature]: rows `start … start+timesteps-1`. */
  x: number[][][];
  /** The label of row `start + timesteps` (the next step after the window). */
  y: number[];
  /** The row index of each window's label (the day it forecasts). */
  targetRows: number[];
}

/**
 * Builds every window of `timesteps` consecutive rows whose following row's label is wanted.
 * `targets` restricts which label rows may be used (e.g. only the test part of a chronological
 * split), so a window's inputs always precede its label row. Plain arrays in, plain arrays out.
 *
 * @example
 * makeWindows([[1], [2], [3], [4]], [0, 1, 2, 3], 2)
 * // x: [[[1],[2]], [[2],[3]]], y: [2, 3], targetRows: [2, 3]
 */
export function makeWindows(
  features: number[][],
  labels: number[],
  timesteps: number,
  targets: { from?: number; to?: number } = {},
): Windows {
  if (!Number.isInteger(timesteps) || timesteps < 1) {
    throw new Error(`makeWindows: timesteps must be a positive integer, got ${timesteps}`);
  }
  if (features.length !== labels.length) {
    throw new Error(`makeWindows: ${features.length} feature rows but ${labels.length} labels`);
  }
  const from = Math.max(targets.from ?? 0, timesteps);
  const to = Math.min(targets.to ?? features.length, features.length);
  const out: Windows = { x: [], y: [], targetRows: [] };
  for (let target = from; target < to; target++) {
    out.x.push(features.slice(target - timesteps, target).map((row) => row.slice()));
    out.y.push(labels[target]);
    out.targetRows.push(target);
  }
  return out;
}
