import { test } from "node:test";
import * as assert from "node:assert/strict";
import { mcnemarTest } from "../../src/training/mcnemarTest";

/** The exact two-sided binomial p at ½ from integer arithmetic (BigInt): an independent reference. */
function exactReference(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  let coef = 1n, tail = 0n;
  for (let i = 0; i <= Math.min(b, c); i++) {
    tail += coef;
    coef = (coef * BigInt(n - i)) / BigInt(i + 1);
  }
  // tail / 2^n, computed with enough precision for doubles
  const p = 2 * Number((tail * 10n ** 30n) / (1n << BigInt(n))) / 1e30;
  return Math.min(1, p);
}

const pairs = (onlyA: number, onlyB: number, both: number, neither: number) => {
  const a: boolean[] = [], b: boolean[] = [];
  const add = (x: boolean, y: boolean, count: number) => { for (let i = 0; i < count; i++) { a.push(x); b.push(y); } };
  add(true, false, onlyA); add(false, true, onlyB); add(true, true, both); add(false, false, neither);
  return [a, b] as const;
};

test("mcnemarTest counts the four cells and matches the exact binomial p from integer arithmetic", () => {
  for (const [b, c] of [[0, 0], [1, 0], [3, 10], [10, 3], [25, 40], [7, 7], [120, 150], [2, 300]]) {
    const [a, bb] = pairs(b, c, 50, 20);
    const r = mcnemarTest(a, bb);
    assert.deepEqual([r.onlyA, r.onlyB, r.both, r.neither], [b, c, 50, 20]);
    const ref = exactReference(b, c);
    assert.ok(Math.abs(r.pValue - ref) <= 1e-12 + 1e-9 * ref, `b ${b} c ${c}: ${r.pValue} vs ${ref}`);
  }
});

test("mcnemarTest: a known value (b 3, c 10: p = 0.0923…, as statsmodels' mcnemar(exact=True))", () => {
  const [a, b] = pairs(3, 10, 0, 0);
  assert.ok(Math.abs(mcnemarTest(a, b).pValue - 0.09228515625) < 1e-12);
});

test("mcnemarTest refuses lists of different lengths and empty lists", () => {
  assert.throws(() => mcnemarTest([true], [true, false]), /1 results for the first classifier but 2 for the second/);
  assert.throws(() => mcnemarTest([], []), /no samples/);
});
