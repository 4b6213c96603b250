import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkBaselineMemory } from "../../src/bounds/checkBaselineMemory";
import { estimateBaselineMemory } from "../../src/bounds/estimateBaselineMemory";

const large = { windows: { train: 350_000, validation: 75_000, test: 75_000 }, features: 84, classes: 5 };

test("checkBaselineMemory refuses over the limit naming the sizes, the estimate, the limit's source and what fits; returns the estimate under it", () => {
  const bytes = estimateBaselineMemory(large).bytes;
  assert.equal(checkBaselineMemory(large, { memoryLimit: bytes }), bytes);
  assert.throws(() => checkBaselineMemory(large, { memoryLimit: "100M" }), (err: Error) => {
    assert.match(err.message, /^memory bound: the logistic-regression baseline on 350,000 \+ 75,000 \+ 75,000 flattened windows of 84 values would need about \d+\.\d MiB, over the memory limit of 100\.0 MiB \(option memoryLimit \(100M\); set GRULAB_MEMORY_LIMIT/);
    const fitting = Number(/at most about ([\d,]+) windows/.exec(err.message)![1].replace(/,/g, ""));
    const scale = fitting / 500_000;
    const scaled = { ...large, windows: { train: Math.floor(350_000 * scale), validation: Math.floor(75_000 * scale), test: Math.floor(75_000 * scale) } };
    assert.ok(estimateBaselineMemory(scaled).bytes <= 100 * 2 ** 20, `${fitting} windows fit`);
    assert.match(err.message, /a shorter --data file\), fewer --timesteps, or the MLP baseline \(option hidden > 0\)/);
    return true;
  });
  const saved = process.env.GRULAB_MEMORY_LIMIT;
  process.env.GRULAB_MEMORY_LIMIT = "50M";
  try {
    assert.throws(() => checkBaselineMemory(large), /over the memory limit of 50\.0 MiB \(GRULAB_MEMORY_LIMIT=50M;/);
  } finally {
    if (saved === undefined) delete process.env.GRULAB_MEMORY_LIMIT; else process.env.GRULAB_MEMORY_LIMIT = saved;
  }
});
