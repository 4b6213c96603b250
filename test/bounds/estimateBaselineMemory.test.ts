import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { estimateBaselineMemory } from "../../src/bounds/estimateBaselineMemory";
import { estimateMemory } from "../../src/bounds/estimateMemory";
import { loadSeattleWeather } from "../../src/data/loadSeattleWeather";

test("estimateBaselineMemory: the flattened windows are the bytes of the float64 matrices built from the bundled data's windows", async () => {
  await tf.setBackend("cpu");
  const data = await loadSeattleWeather({ timesteps: 14, verbose: false });
  try {
    const splits = [data.train, data.validation, data.test];
    const [, t, f] = data.train.x.shape;
    const e = estimateBaselineMemory({ windows: { train: data.train.labels.length, validation: data.validation.labels.length, test: data.test.labels.length }, features: t * f, classes: 5 });
    const part = (name: string) => e.parts.find((p) => p.name === name)!.bytes;
    assert.equal(part("baseline: flattened windows (float64)"), splits.reduce((s, x) => s + Float64Array.from(x.x.dataSync()).byteLength, 0));
    assert.equal(part("baseline: a split's windows read back (float32)"), Math.max(...splits.map((x) => x.x.dataSync().byteLength)));
    assert.equal(e.bytes, e.parts.reduce((s, p) => s + p.bytes, 0));
  } finally {
    data.dispose();
  }
});

test("estimateBaselineMemory grows linearly with the windows, rejects nonsense; estimateMemory adds it to the tutorial's peak when asked", () => {
  const one = estimateBaselineMemory({ windows: { train: 7000, validation: 1500, test: 1500 }, features: 84, classes: 5 });
  const ten = estimateBaselineMemory({ windows: { train: 70000, validation: 15000, test: 15000 }, features: 84, classes: 5 });
  assert.ok(ten.bytes > 9.9 * one.bytes && ten.bytes < 10 * one.bytes, `${one.bytes} → ${ten.bytes}`);
  assert.throws(() => estimateBaselineMemory({ windows: { train: -1, validation: 0, test: 0 }, features: 84, classes: 5 }), /option windows.train must be an integer ≥ 0, got -1/);
  assert.throws(() => estimateBaselineMemory({ windows: { train: 1, validation: 0, test: 0 }, features: 84, classes: 1 }), /option classes must be an integer ≥ 2, got 1/);
  const base = { units: 64, timesteps: 14, features: 6, classes: 5, batchSize: 32, rows: 10000 };
  const withBaseline = estimateMemory({ ...base, flatBaseline: true });
  assert.equal(withBaseline.peak - estimateMemory(base).peak, one.bytes);
  assert.equal(withBaseline.parts.find((p) => p.name === "baseline on the flattened windows (after training)")!.bytes, one.bytes);
});
