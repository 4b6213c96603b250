import { isoDay } from "./isoDay";

/** Missing days between two consecutive rows of a daily series. */
export interface DayGap {
  /** File line of the row after the gap (header = line 1). */
  line: number;
  /** The last day before the gap and the first day after it (YYYY-MM-DD). */
  before: string;
  after: string;
  missingDays: number;
}

/**
 * Checks that the days of a daily series strictly increase (a repeated or earlier day throws
 * naming the file, the line and both days) and returns its gaps: places where one or more days
 * are missing. Windows must not span a gap (see windowTargets).
 *
 * @example
 * dailyGaps("w.csv", Int32Array.from([0, 1, 3]), Int32Array.from([2, 3, 4]), "date")
 * // [{ line: 4, before: "1970-01-02", after: "1970-01-04", missingDays: 1 }]
 */
export function dailyGaps(file: string, days: Int32Array, lines: Int32Array, column: string): DayGap[] {
  const gaps: DayGap[] = [];
  for (let i = 1; i < days.length; i++) {
    const step = days[i] - days[i - 1];
    if (step <= 0) {
      throw new Error(`${file}: line ${lines[i]}, column "${column}": ${isoDay(days[i])} does not follow ${isoDay(days[i - 1])} (line ${lines[i - 1]}); rows must be in time order, one per day`);
    }
    if (step > 1) gaps.push({ line: lines[i], before: isoDay(days[i - 1]), after: isoDay(days[i]), missingDays: step - 1 });
  }
  return gaps;
}

/**
 * The rows in [from, to) that can be a window's target: the `timesteps` rows before it exist and,
 * with it, are consecutive days (no gap inside the window or between it and its target).
 *
 * @example
 * windowTargets(Int32Array.from([0, 1, 2, 4, 5, 6]), 2) // Int32Array [2, 6]: day 4's window spans the gap
 */
export function windowTargets(days: Int32Array, timesteps: number, range: { from?: number; to?: number } = {}): Int32Array {
  if (!Number.isInteger(timesteps) || timesteps < 1) throw new Error(`windowTargets: timesteps must be a positive integer, got ${timesteps}`);
  const from = Math.max(range.from ?? 0, timesteps);
  const to = Math.min(range.to ?? days.length, days.length);
  const out: number[] = [];
  for (let t = from; t < to; t++) if (days[t] - days[t - timesteps] === timesteps) out.push(t);
  return Int32Array.from(out);
}
