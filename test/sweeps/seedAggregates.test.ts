import { test } from "node:test";
import * as assert from "node:assert/strict";
import { seedAggregates, studentT975 } from "../../src/sweeps/seedAggregates";

test("seedAggregates: groups by every option but seed; mean, sample sd and the 95 % t-interval per group", () => {
  const trials = [
    { config: { cell: "gru", seed: 1 }, value: 1 }, { config: { cell: "lstm", seed: 1 }, value: 5 },
    { config: { cell: "gru", seed: 2 }, value: 2 }, { config: { cell: "gru", seed: 3 }, value: 3 },
    { config: { cell: "lstm", seed: 2 }, value: null },
  ];
  const [gru, lstm] = seedAggregates(trials);
  assert.deepEqual(gru.config, { cell: "gru" });
  assert.equal(gru.n, 3);
  assert.equal(gru.mean, 2);
  assert.equal(gru.sd, 1);
  // t(0.975, 2) = 4.303 (tables): 2 ± 4.303 / √3
  assert.ok(Math.abs(gru.low! - (2 - 4.303 / Math.sqrt(3))) < 1e-12 && Math.abs(gru.high! - (2 + 4.303 / Math.sqrt(3))) < 1e-12);
  assert.deepEqual(lstm, { config: { cell: "lstm" }, n: 1, mean: 5, sd: 0, low: null, high: null });
  assert.equal(studentT975(1), 12.706);
  assert.equal(studentT975(30), 2.042);
  assert.ok(Math.abs(studentT975(120) - 1.98) < 0.001, "t(0.975, 120) = 1.980");
});
