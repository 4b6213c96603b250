import { test } from "node:test";
import * as assert from "node:assert/strict";
import { linearProbe } from "../../src/traces/linearProbe";
import { seededRandom } from "../../src/util/seededRandom";
import { solveNormalEquations } from "../support/normalEquations";

const random = seededRandom(2);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

test("linearProbe's out-of-sample R² equals a ridge solved by the normal equations on the standardised units (independent of the QR)", () => {
  const n = 400, units = 5;
  const values = Float64Array.from({ length: n * units }, normal);
  const feature = Float64Array.from({ length: n }, (_, i) => 2 * values[i * units] - values[i * units + 3] + 0.5 * normal());
  const p = linearProbe(values, units, feature, { fitShare: 0.5, maxFitRows: 1000, l2: 3 });
  // Reference: standardise on the first 200 rows, ridge with an unpenalised intercept as stacked rows, normal equations.
  const cut = 200;
  const mean = Array.from({ length: units }, (_, u) => { let s = 0; for (let i = 0; i < cut; i++) s += values[i * units + u]; return s / cut; });
  const sd = Array.from({ length: units }, (_, u) => { let s = 0; for (let i = 0; i < cut; i++) s += (values[i * units + u] - mean[u]) ** 2; return Math.sqrt(s / cut); });
  const row = (i: number) => [1, ...Array.from({ length: units }, (_, u) => (values[i * units + u] - mean[u]) / sd[u])];
  const A = [...Array.from({ length: cut }, (_, i) => row(i)), ...Array.from({ length: units }, (_, j) => Array.from({ length: units + 1 }, (_, c) => (c === j + 1 ? Math.sqrt(3) : 0)))];
  const w = solveNormalEquations(A, [...Array.from({ length: cut }, (_, i) => feature[i]), ...new Array(units).fill(0)]);
  let sse = 0, sst = 0, m = 0;
  for (let i = cut; i < n; i++) m += feature[i] / (n - cut);
  for (let i = cut; i < n; i++) { const y = row(i).reduce((s, x, j) => s + x * w[j], 0); sse += (y - feature[i]) ** 2; sst += (feature[i] - m) ** 2; }
  assert.equal(p.metric, "R²");
  assert.ok(Math.abs(p.score - (1 - sse / sst)) < 1e-10, `${p.score} vs ${1 - sse / sst}`);
  assert.ok(p.score > 0.9, `a linear feature is readable: R² ${p.score}`);
  assert.deepEqual([p.fitRows, p.scoredRows, p.baseline], [200, 200, 0]);
});

test("linearProbe on a 0/1 feature scores accuracy against the fitted part's majority; noise units probe no better than the majority", () => {
  const n = 1000, units = 4;
  const values = Float64Array.from({ length: n * units }, normal);
  const readable = Float64Array.from({ length: n }, (_, i) => (values[i * units + 1] > 0.8 ? 1 : 0));
  const p = linearProbe(values, units, readable, { maxFitRows: 300 });
  assert.equal(p.metric, "accuracy");
  let majority = 0;
  for (let i = 500; i < n; i++) majority += readable[i] === 0 ? 1 : 0;
  assert.equal(p.baseline, majority / 500, "majority class (0) of the fitted part, scored on the rest");
  assert.ok(p.score > p.baseline + 0.03, `${p.score} vs majority ${p.baseline}`);
  assert.equal(p.fitRows, 300);
  const unrelated = Float64Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
  const q = linearProbe(values, units, unrelated);
  assert.ok(q.score <= q.baseline + 0.03, `noise: ${q.score} vs ${q.baseline}`);
  assert.throws(() => linearProbe(values, units, readable, { fitShare: 1 }), /option fitShare: 1/);
  assert.throws(() => linearProbe(values, 3, readable), /4000 values for 1000 characters × 3 units/);
});
