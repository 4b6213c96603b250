import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeLongWeatherCsv } from "../../bench/longWeatherCsv";
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

/** In a fresh process: loads `file`, then runs the tutorial's baselines (one L2 fit); how far its peak RSS rose during them, and the estimate. */
const PEAK_SCRIPT = `
const [dist, file] = process.argv.slice(1);
(async () => {
  await require(dist + "/src/index.js").initBackend("wasm");
  const data = await require(dist + "/src/data/loadSeattleWeather.js").loadSeattleWeather({ file, verbose: false });
  global.gc();
  const before = Math.max(process.resourceUsage().maxRSS * 1024, process.memoryUsage().rss);
  await require(dist + "/src/baselines/tutorialBaselines.js").tutorialBaselines(data, { l2Grid: [10] });
  const [, t, f] = data.train.x.shape;
  const estimate = require(dist + "/src/bounds/estimateBaselineMemory.js").estimateBaselineMemory({
    windows: { train: data.train.labels.length, validation: data.validation.labels.length, test: data.test.labels.length }, features: t * f, classes: 5 }).bytes;
  console.log(JSON.stringify({ rose: process.resourceUsage().maxRSS * 1024 - before, estimate }));
})();`;

test("the estimate holds: the tutorial's baselines on 20,000 and 50,000 rows raise the peak RSS by between half the estimate and the estimate (child processes)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-baseline-peak-"));
  const dist = path.resolve(__dirname, "..", ".."); // dist/test/bounds → dist
  for (const rows of [20_000, 50_000]) {
    const file = path.join(dir, `w${rows}.csv`);
    await writeLongWeatherCsv(file, rows);
    const r = spawnSync("timeout", ["-k", "5", "240", process.execPath, "--expose-gc", "-e", PEAK_SCRIPT, dist, file], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const { rose, estimate } = JSON.parse(r.stdout.trim().split("\n").pop()!);
    const ratio = rose / estimate;
    // Measured (load 30): 0.75 at 20,000 rows, 0.70 at 80,000.
    assert.ok(ratio > 0.5 && ratio <= 1.1, `${rows} rows: peak RSS rose ${(rose / 2 ** 20).toFixed(1)} MiB, estimated ${(estimate / 2 ** 20).toFixed(1)} MiB (ratio ${ratio.toFixed(2)})`);
  }
});
