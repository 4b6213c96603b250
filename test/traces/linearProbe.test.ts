import { test } from "node:test";
import * as assert from "node:assert/strict";
import { linearProbe, linearProbes } from "../../src/traces/linearProbe";
import { fitRidgeRegression } from "../../src/baselines/ridgeRegression";
import { seededRandom } from "../../src/util/seededRandom";
import { solveNormalEquations } from "../support/normalEquations";

const random = seededRandom(2);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

test("linearProbe's out-of-sample R² equals a ridge solved by the normal equations on the standardised units (independent of the QR)", () => {
  const n = 450, units = 5;
  const values = Float64Array.from({ length: n * units }, normal);
  const feature = Float64Array.from({ length: n }, (_, i) => 2 * values[i * units] - values[i * units + 3] + 0.5 * normal());
  const p = linearProbe(values, units, feature, { splitBlock: 100, maxFitRows: 1000, l2PerRow: 0.02 });
  // Reference: blocks 0–99, 200–299, 400–449 fitted (250 rows), 100–199 and 300–399 scored; units standardised on the
  // fitted rows; ridge (l2 = 0.02 · 250 = 5) with an unpenalised intercept as stacked rows, by the normal equations.
  const fit = Array.from({ length: n }, (_, i) => i).filter((i) => Math.floor(i / 100) % 2 === 0);
  const test = Array.from({ length: n }, (_, i) => i).filter((i) => Math.floor(i / 100) % 2 === 1);
  const mean = Array.from({ length: units }, (_, u) => fit.reduce((s, i) => s + values[i * units + u], 0) / fit.length);
  const sd = Array.from({ length: units }, (_, u) => Math.sqrt(fit.reduce((s, i) => s + (values[i * units + u] - mean[u]) ** 2, 0) / fit.length));
  const row = (i: number) => [1, ...Array.from({ length: units }, (_, u) => (values[i * units + u] - mean[u]) / sd[u])];
  const A = [...fit.map(row), ...Array.from({ length: units }, (_, j) => Array.from({ length: units + 1 }, (_, c) => (c === j + 1 ? Math.sqrt(5) : 0)))];
  const w = solveNormalEquations(A, [...fit.map((i) => feature[i]), ...new Array(units).fill(0)]);
  const m = test.reduce((s, i) => s + feature[i], 0) / test.length;
  let sse = 0, sst = 0;
  for (const i of test) { const y = row(i).reduce((s, x, j) => s + x * w[j], 0); sse += (y - feature[i]) ** 2; sst += (feature[i] - m) ** 2; }
  assert.equal(p.metric, "R²");
  assert.ok(Math.abs(p.score - (1 - sse / sst)) < 1e-10, `${p.score} vs ${1 - sse / sst}`);
  assert.ok(p.score > 0.9, `a linear feature is readable: R² ${p.score}`);
  assert.deepEqual([p.fitRows, p.scoredRows, p.baseline], [250, 200, 0]);
});

test("linearProbe on a 0/1 feature scores accuracy against the fitted part's majority; noise units probe no better than the majority", () => {
  const n = 1000, units = 4;
  const values = Float64Array.from({ length: n * units }, normal);
  const readable = Float64Array.from({ length: n }, (_, i) => (values[i * units + 1] > 0.8 ? 1 : 0));
  const p = linearProbe(values, units, readable, { maxFitRows: 300, splitBlock: 100 });
  assert.equal(p.metric, "accuracy");
  let majority = 0;
  for (let i = 0; i < n; i++) if (Math.floor(i / 100) % 2 === 1) majority += readable[i] === 0 ? 1 : 0;
  assert.equal(p.baseline, majority / 500, "majority class (0) of the fitted blocks, scored on the others");
  assert.ok(p.score > p.baseline + 0.03, `${p.score} vs majority ${p.baseline}`);
  assert.equal(p.fitRows, 300);
  const unrelated = Float64Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
  const q = linearProbe(values, units, unrelated, { splitBlock: 100 });
  assert.ok(q.score <= q.baseline + 0.03, `noise: ${q.score} vs ${q.baseline}`);
  assert.throws(() => linearProbe(values, units, readable, { splitBlock: 1000 }), /1000 characters in blocks of 1000 leave 1000 to fit and 0 to score; use a smaller splitBlock/);
  assert.throws(() => linearProbe(values, units, readable, { l2PerRow: -1 }), /option l2PerRow: -1/);
  assert.throws(() => linearProbe(values, 3, readable), /4000 values for 1000 characters × 3 units/);
});

/** The probe as linearProbe computed it before one factorisation served every feature: a QR ridge (fitRidgeRegression's default) per feature. */
function probeByQr(values: Float64Array, units: number, feature: ArrayLike<number>, splitBlock: number, maxFitRows: number): number {
  const n = feature.length;
  const all = Array.from({ length: n }, (_, i) => i);
  const fitted = all.filter((i) => Math.floor(i / splitBlock) % 2 === 0), scored = all.filter((i) => Math.floor(i / splitBlock) % 2 === 1);
  const mean = Array.from({ length: units }, (_, u) => fitted.reduce((s, i) => s + values[i * units + u], 0) / fitted.length);
  const sd = Array.from({ length: units }, (_, u) => Math.sqrt(fitted.reduce((s, i) => s + (values[i * units + u] - mean[u]) ** 2, 0) / fitted.length));
  const row = (i: number) => Array.from({ length: units }, (_, u) => (values[i * units + u] - mean[u]) / sd[u]);
  const rows = Math.min(fitted.length, maxFitRows);
  const at = Array.from({ length: rows }, (_, j) => fitted[Math.floor((j * fitted.length) / rows)]);
  const ridge = fitRidgeRegression(at.map(row), at.map((i) => [feature[i]]), rows);
  const predicted = ridge.predict(scored.map(row)).map((p) => p[0]);
  const boolean = Array.prototype.every.call(feature, (v: number) => v === 0 || v === 1);
  if (boolean) return predicted.filter((p, j) => (p > 0.5 ? 1 : 0) === feature[scored[j]]).length / scored.length;
  const m = scored.reduce((s, i) => s + feature[i], 0) / scored.length;
  return 1 - predicted.reduce((s, p, j) => s + (p - feature[scored[j]]) ** 2, 0) / scored.reduce((s, i) => s + (feature[i] - m) ** 2, 0);
}

test("linearProbes: several features from one Cholesky factorisation score as the per-feature QR probes did, to 1e-10", () => {
  const n = 3000, units = 40;
  const values = Float64Array.from({ length: n * units }, normal);
  for (let i = 1; i < n; i++) for (let u = 0; u < units; u++) values[i * units + u] += 0.6 * values[(i - 1) * units + u]; // units with memory, like h
  const features = [
    Float64Array.from({ length: n }, (_, i) => values[i * units + 2] - 0.5 * values[i * units + 9] + 0.3 * normal()),
    Float64Array.from({ length: n }, (_, i) => (values[i * units + 4] > 0.3 ? 1 : 0)),
    Float64Array.from({ length: n }, () => normal()),
    Float64Array.from({ length: n }, (_, i) => i % 80),
  ];
  const probes = linearProbes(values, units, features, { splitBlock: 250, maxFitRows: 1200 });
  probes.forEach((p, k) => {
    const want = probeByQr(values, units, features[k], 250, 1200);
    assert.ok(Math.abs(p.score - want) < 1e-10, `feature ${k}: ${p.score} vs the QR's ${want}`);
    assert.deepEqual(p, linearProbe(values, units, features[k], { splitBlock: 250, maxFitRows: 1200 }), "one feature alone: the same probe");
  });
  assert.deepEqual(probes.map((p) => p.metric), ["R²", "accuracy", "R²", "R²"]);
  assert.throws(() => linearProbes(values, units, []), /linearProbes: no features/);
  assert.throws(() => linearProbes(values, units, [features[0], features[1].subarray(1)]), /feature 1 has 2999 values, feature 0 has 3000/);
});
