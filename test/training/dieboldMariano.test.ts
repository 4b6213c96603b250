import { test } from "node:test";
import * as assert from "node:assert/strict";
import { dieboldMariano } from "../../src/training/dieboldMariano";
import { studentTTwoSidedP } from "../../src/training/studentT";
import { seededRandom } from "../../src/util/seededRandom";

const noise = (seed: number, n: number, scale: number) => { const r = seededRandom(seed); return Array.from({ length: n }, () => (r() - 0.5) * scale); };

test("dieboldMariano at horizon 1 is the paired t-test on the loss differences (HLN's factor makes them equal)", () => {
  const a = noise(1, 40, 1), b = noise(2, 40, 1.4);
  const d = a.map((e, i) => e * e - b[i] * b[i]);
  const n = d.length;
  const mean = d.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const t = mean / (sd / Math.sqrt(n));
  const r = dieboldMariano(a, b);
  assert.ok(Math.abs(r.statistic - t) < 1e-12, `${r.statistic} vs ${t}`);
  assert.ok(Math.abs(r.pValue - studentTTwoSidedP(t, n - 1)) < 1e-12);
  assert.ok(Math.abs(r.meanDifference - mean) < 1e-15);
});

test("dieboldMariano at horizon 2 by hand: γ0 + 2γ1 as the long-run variance, HLN factor, absolute loss", () => {
  const a = [1, -2, 0.5, -0.5, 3, 3], b = [1, 1, 1, 1, 1, 1];
  const d = a.map((e, i) => Math.abs(e) - Math.abs(b[i])); // [0, 1, -0.5, -0.5, 2, 2]
  const n = 6, mean = d.reduce((s, v) => s + v, 0) / n; // 4/6
  const g0 = d.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  let g1 = 0; for (let t = 1; t < n; t++) g1 += (d[t] - mean) * (d[t - 1] - mean); g1 /= n;
  const lrv = g0 + 2 * g1;
  assert.ok(lrv > 0);
  const want = (mean / Math.sqrt(lrv / n)) * Math.sqrt((n + 1 - 4 + 2 / n) / n);
  const r = dieboldMariano(a, b, { horizon: 2, loss: "absolute" });
  assert.ok(Math.abs(r.statistic - want) < 1e-12, `${r.statistic} vs ${want}`);
});

test("dieboldMariano falls back to Bartlett weights when γ0 + 2γ1 is not positive (alternating differences)", () => {
  const a = [1, -2, 0.5, 3, -1, 2], b = [0.5, 1, 1, 1, 1, 1];
  const d = a.map((e, i) => Math.abs(e) - Math.abs(b[i])); // [0.5, 1, -0.5, 2, 0, 1]
  const n = 6, mean = d.reduce((s, v) => s + v, 0) / n;
  const g0 = d.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  let g1 = 0; for (let t = 1; t < n; t++) g1 += (d[t] - mean) * (d[t - 1] - mean); g1 /= n;
  assert.ok(g0 + 2 * g1 <= 0);
  const want = (mean / Math.sqrt((g0 + 2 * 0.5 * g1) / n)) * Math.sqrt((n + 1 - 4 + 2 / n) / n);
  const r = dieboldMariano(a, b, { horizon: 2, loss: "absolute" });
  assert.ok(Math.abs(r.statistic - want) < 1e-12, `${r.statistic} vs ${want}`);
});

test("dieboldMariano detects a clearly better forecast and not two equal ones", () => {
  const base = noise(3, 120, 2);
  assert.ok(dieboldMariano(base.map((e) => e * 0.5), base, { horizon: 3 }).pValue < 1e-3);
  assert.equal(dieboldMariano(base, base).pValue, 1);
  const other = noise(4, 120, 2);
  assert.ok(dieboldMariano(base, other, { horizon: 3 }).pValue > 0.05);
});

test("dieboldMariano names bad input", () => {
  assert.throws(() => dieboldMariano([1, 2, 3], [1, 2]), /3 errors of A but 2 of B/);
  assert.throws(() => dieboldMariano([1, 2, 3], [1, 2, 3], { horizon: 0 }), /option horizon is 0/);
  assert.throws(() => dieboldMariano([1, 2, 3], [1, 2, 3], { horizon: 3 }), /3 forecasts, need more than the horizon 3/);
  assert.throws(() => dieboldMariano([1, NaN, 3, 4], [1, 2, 3, 4]), /error 1 is not finite/);
});
