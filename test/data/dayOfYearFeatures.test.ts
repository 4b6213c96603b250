import { test } from "node:test";
import * as assert from "node:assert/strict";
import { dayOfYearFeatures } from "../../src/advanced/index";

const close = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) < 1e-12);

test("dayOfYearFeatures maps day d of a year with n days to [sin, cos] of 2π(d−1)/n", () => {
  const [jan1, jul2, dec31, leapDec31] = dayOfYearFeatures(["2013-01-01", "2013-07-02", "2013-12-31", "2012-12-31"]);
  assert.ok(close(jan1, [0, 1]));
  // 2 July 2013 is day 183 of 365: angle 2π·182/365.
  assert.ok(close(jul2, [Math.sin((2 * Math.PI * 182) / 365), Math.cos((2 * Math.PI * 182) / 365)]));
  assert.ok(close(dec31, [Math.sin((2 * Math.PI * 364) / 365), Math.cos((2 * Math.PI * 364) / 365)]));
  assert.ok(close(leapDec31, [Math.sin((2 * Math.PI * 365) / 366), Math.cos((2 * Math.PI * 365) / 366)]));
});

test("dayOfYearFeatures rejects malformed dates naming the row", () => {
  assert.throws(() => dayOfYearFeatures(["2013-01-01", "yesterday"]), /row 1 has date "yesterday", expected YYYY-MM-DD/);
  assert.throws(() => dayOfYearFeatures(["2013-02-30"]), /row 0 has date "2013-02-30"/);
});
