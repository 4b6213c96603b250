import { test } from "node:test";
import * as assert from "node:assert/strict";
import { bootstrapInterval } from "../../src/training/bootstrapInterval";
import { seededRandom } from "../../src/util/seededRandom";

// Standard normal draws (Box–Muller) from a seeded generator.
function normals(seed: number, n: number): number[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
}

test("bootstrapInterval of a mean matches the normal interval mean ± 1.96·s/√n for iid data", () => {
  const x = normals(5, 400).map((v) => 2 + 0.5 * v);
  const n = x.length, mean = x.reduce((s, v) => s + v, 0) / n;
  const se = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) / n);
  const r = bootstrapInterval(x, { resamples: 4000, seed: 3 });
  assert.ok(Math.abs(r.estimate - mean) < 1e-12);
  assert.ok(Math.abs(r.low - (mean - 1.96 * se)) < 0.15 * 1.96 * se, `low ${r.low} vs ${mean - 1.96 * se}`);
  assert.ok(Math.abs(r.high - (mean + 1.96 * se)) < 0.15 * 1.96 * se, `high ${r.high} vs ${mean + 1.96 * se}`);
  assert.deepEqual(bootstrapInterval(x, { resamples: 4000, seed: 3 }), r); // deterministic
});

test("bootstrapInterval with blocks widens the interval of positively correlated data, as it should", () => {
  // AR(1) with φ = 0.9: the iid bootstrap underestimates the mean's spread by about √((1+φ)/(1−φ)) ≈ 4.4.
  const e = normals(7, 3000);
  const x: number[] = [];
  e.forEach((v, i) => x.push(i === 0 ? v : 0.9 * x[i - 1] + v));
  const iid = bootstrapInterval(x, { resamples: 1000 });
  const blocked = bootstrapInterval(x, { resamples: 1000, block: 100 });
  const width = (r: { low: number; high: number }) => r.high - r.low;
  assert.ok(width(blocked) > 2.5 * width(iid), `${width(blocked)} vs ${width(iid)}`);
});

test("bootstrapInterval names bad options", () => {
  assert.throws(() => bootstrapInterval([]), /no values/);
  assert.throws(() => bootstrapInterval([1, 2], { block: 3 }), /option block is 3, expected an integer in \[1, 2\]/);
  assert.throws(() => bootstrapInterval([1, 2], { level: 1 }), /option level is 1/);
  assert.throws(() => bootstrapInterval([1, NaN]), /value 1 is NaN/);
});
