import { test } from "node:test";
import * as assert from "node:assert/strict";
import { dailyGaps, windowTargets } from "../../src/data/dailySeries";

const days = (...d: number[]) => Int32Array.from(d);

test("dailyGaps lists each run of missing days with the line after it", () => {
  const gaps = dailyGaps("w.csv", days(0, 1, 2, 5, 6, 8), days(2, 3, 4, 5, 6, 7), "date");
  assert.deepEqual(gaps, [
    { line: 5, before: "1970-01-03", after: "1970-01-06", missingDays: 2 },
    { line: 7, before: "1970-01-07", after: "1970-01-09", missingDays: 1 },
  ]);
  assert.deepEqual(dailyGaps("w.csv", days(0, 1, 2), days(2, 3, 4), "date"), []);
});

test("dailyGaps rejects a repeated or earlier day naming the file, the line and both days", () => {
  assert.throws(() => dailyGaps("w.csv", days(0, 1, 1), days(2, 3, 9), "date"),
    /^Error: w\.csv: line 9, column "date": 1970-01-02 does not follow 1970-01-02 \(line 3\)/);
  assert.throws(() => dailyGaps("w.csv", days(5, 4), days(2, 3), "date"), /line 3, column "date": 1970-01-05 does not follow 1970-01-06/);
});

test("windowTargets keeps only windows of consecutive days, within the range", () => {
  // Days 0 1 2 | gap | 4 5 6 7: with 2 steps, targets need their two previous rows to be the two previous days.
  const d = days(0, 1, 2, 4, 5, 6, 7);
  assert.deepEqual([...windowTargets(d, 2)], [2, 5, 6]);
  assert.deepEqual([...windowTargets(d, 2, { from: 3, to: 6 })], [5]);
  assert.deepEqual([...windowTargets(d, 1)], [1, 2, 4, 5, 6]);
  // Brute force on a random gappy series: a target is kept iff its window and itself are consecutive days.
  const series: number[] = [];
  for (let day = 0, i = 0; i < 300; i++) { series.push(day); day += (i * 37) % 11 === 0 ? 2 : 1; }
  const kept = new Set(windowTargets(Int32Array.from(series), 5));
  for (let t = 0; t < series.length; t++) {
    const ok = t >= 5 && Array.from({ length: 5 }, (_, k) => series[t - 5 + k] === series[t] - 5 + k).every(Boolean);
    assert.equal(kept.has(t), ok, `target ${t}`);
  }
  assert.throws(() => windowTargets(d, 0), /timesteps must be a positive integer, got 0/);
});
