import { test } from "node:test";
import * as assert from "node:assert/strict";
import { probabilisticScores } from "../../src/training/probabilisticScores";

test("probabilisticScores: log-loss and Brier by hand", () => {
  const r = probabilisticScores([[0.8, 0.2], [0.4, 0.6]], [0, 1]);
  assert.ok(Math.abs(r.logLoss - -(Math.log(0.8) + Math.log(0.6)) / 2) < 1e-15);
  // (0.2² + 0.2²) and (0.4² + 0.4²), averaged
  assert.ok(Math.abs(r.brier - (0.08 + 0.32) / 2) < 1e-15);
  assert.equal(r.n, 2);
});

test("probabilisticScores: a uniform forecast over k classes has log-loss ln k and Brier 1 − 1/k", () => {
  for (const k of [2, 5, 10]) {
    const r = probabilisticScores(Array.from({ length: 7 }, () => new Array(k).fill(1 / k)), [0, 1, 0, 1, 0, 1, 0]);
    assert.ok(Math.abs(r.logLoss - Math.log(k)) < 1e-12);
    assert.ok(Math.abs(r.brier - (1 - 1 / k)) < 1e-12);
  }
});

test("probabilisticScores clips a zero probability of the actual class (no Infinity)", () => {
  const r = probabilisticScores([[1, 0]], [1]);
  assert.ok(Math.abs(r.logLoss - -Math.log(1e-15)) < 1e-9);
  assert.equal(r.brier, 2);
});

test("probabilisticScores names the bad row", () => {
  assert.throws(() => probabilisticScores([[0.5, 0.5], [2, -1]], [0, 1]), /row 1 class 1 has probability -1/);
  assert.throws(() => probabilisticScores([[0.5, 0.5], [3, 1]], [0, 1]), /row 1 sums to 4, expected 1 \(pass probabilities/);
  assert.throws(() => probabilisticScores([[0.5, 0.5]], [2]), /label 0 is 2, expected an integer in \[0, 2\)/);
  assert.throws(() => probabilisticScores([[0.5, 0.5], [1]], [0, 0]), /row 1 has 1 probabilities, expected 2/);
});
