import { test } from "node:test";
import * as assert from "node:assert/strict";
import { fisherExactTest } from "../../src/training/fisherExactTest";

// References: scipy 1.17.1, scipy.stats.fisher_exact([[a, n - a], [b, m - b]])[1] (two-sided).
const SCIPY: Array<[number, number, number, number, number]> = [
  [5, 5, 0, 5, 0.007936507936507938],
  [4, 5, 1, 5, 0.2063492063492064],
  [5, 5, 1, 5, 0.047619047619047616],
  [3, 5, 0, 5, 0.16666666666666666],
  [2, 5, 2, 5, 1],
  [0, 5, 0, 5, 1],
  [7, 12, 1, 9, 0.06687306501547988],
  [30, 40, 12, 35, 0.0004988769451648696],
];

test("Fisher's exact test equals scipy's fisher_exact (two-sided) and is symmetric in its two groups", () => {
  for (const [a, n, b, m, p] of SCIPY) {
    assert.ok(Math.abs(fisherExactTest(a, n, b, m) - p) < 1e-12 * Math.max(1, p), `${a}/${n} vs ${b}/${m}: ${fisherExactTest(a, n, b, m)} vs scipy ${p}`);
    assert.ok(Math.abs(fisherExactTest(b, m, a, n) - p) < 1e-12, "symmetric");
  }
});

test("counts outside their trials are refused, naming the count", () => {
  assert.throws(() => fisherExactTest(6, 5, 0, 5), /fisherExactTest: a = 6, expected an integer in 0…5/);
  assert.throws(() => fisherExactTest(1, 5, 0.5, 5), /fisherExactTest: b = 0.5/);
  assert.throws(() => fisherExactTest(0, 0, 0, 5), /fisherExactTest: trials 0 and 5, expected positive integers/);
});
