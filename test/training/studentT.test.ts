import { test } from "node:test";
import * as assert from "node:assert/strict";
import { studentTTwoSidedP } from "../../src/training/studentT";

test("studentTTwoSidedP matches the critical values of Student's t table", () => {
  // [t, df, two-sided p] from the standard table (t_{0.975}, t_{0.995}, t_{0.95}).
  const table: [number, number, number][] = [
    [12.706, 1, 0.05], [4.303, 2, 0.05], [2.571, 5, 0.05], [2.228, 10, 0.05], [2.086, 20, 0.05],
    [2.042, 30, 0.05], [1.984, 100, 0.05], [63.657, 1, 0.01], [3.169, 10, 0.01], [2.750, 30, 0.01],
    [1.812, 10, 0.1], [1.645, Infinity, 0.1], [1.960, Infinity, 0.05], [2.576, Infinity, 0.01],
  ];
  for (const [t, df, p] of table) {
    const got = studentTTwoSidedP(t, df);
    assert.ok(Math.abs(got - p) < 2e-4 * Math.max(1, p * 10), `t ${t} df ${df}: ${got} vs ${p}`);
    assert.equal(studentTTwoSidedP(-t, df), got);
  }
});

test("studentTTwoSidedP with df 1 is the Cauchy distribution: 1 − 2·atan(|t|)/π", () => {
  for (const t of [0, 0.1, 0.5, 1, 3, 10, 100]) {
    const want = 1 - (2 * Math.atan(t)) / Math.PI;
    assert.ok(Math.abs(studentTTwoSidedP(t, 1) - want) < 1e-12, `t ${t}`);
  }
});

test("studentTTwoSidedP with df 2 has the closed form 1 − |t|/√(2 + t²)", () => {
  for (const t of [0.2, 1, 2.5, 7]) {
    assert.ok(Math.abs(studentTTwoSidedP(t, 2) - (1 - t / Math.sqrt(2 + t * t))) < 1e-12, `t ${t}`);
  }
});

test("studentTTwoSidedP refuses df ≤ 0 and NaN", () => {
  assert.throws(() => studentTTwoSidedP(1, 0), /df is 0, expected a number > 0/);
  assert.throws(() => studentTTwoSidedP(NaN, 3), /t is NaN/);
});

test("studentTCritical inverts the table: t_{0.975} for df 4, 10, 30 and the normal's 1.96", async () => {
  const { studentTCritical } = await import("../../src/training/studentT");
  for (const [df, t] of [[4, 2.776], [10, 2.228], [30, 2.042], [Infinity, 1.96]]) {
    assert.ok(Math.abs(studentTCritical(0.95, df) - t) < 1.5e-3, `df ${df}: ${studentTCritical(0.95, df)}`);
  }
  assert.ok(Math.abs(studentTCritical(0.99, 10) - 3.169) < 1.5e-3);
  assert.throws(() => studentTCritical(1, 3), /level is 1/);
});
