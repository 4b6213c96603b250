import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { loadForecastSeries } from "../../src/data/loadForecastSeries";

// A hand-made monthly series: a trend of 0.5 per month plus a seasonal swing, 10 years.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-forecast-"));
const file = path.join(dir, "series.csv");
const level = (i: number) => 100 + 0.5 * i + 3 * Math.sin((2 * Math.PI * i) / 12);
fs.writeFileSync(file, "Date,CO2\n" + Array.from({ length: 120 }, (_, i) =>
  `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01,${level(i).toFixed(6)}`).join("\n") + "\n");

test("loadForecastSeries: windows of changes, targets as changes from the origin, scaler from training rows only", async () => {
  await tf.setBackend("cpu");
  const s = await loadForecastSeries({ file, timesteps: 6, horizon: 3, verbose: false });
  try {
    assert.deepEqual(s.split, { train: { from: 0, to: 84 }, validation: { from: 84, to: 102 }, test: { from: 102, to: 120 } });
    // scaler: mean and population std of the monthly change over training rows 1..83, computed here
    const changes = Array.from({ length: 83 }, (_, k) => s.values[k + 1] - s.values[k]);
    const mean = changes.reduce((a, b) => a + b, 0) / changes.length;
    const std = Math.sqrt(changes.reduce((a, b) => a + (b - mean) ** 2, 0) / changes.length);
    assert.ok(Math.abs(s.scaler.mean[0] - mean) < 1e-9 && Math.abs(s.scaler.std[0] - std) < 1e-9);
    // the first training window starts at row 1 (row 0 has no change); every target lies in its part
    assert.equal(s.train.origins[0], 6);
    for (const [p, range] of [[s.train, s.split.train], [s.validation, s.split.validation], [s.test, s.split.test]] as const) {
      assert.ok(p.origins[0] + 1 >= range.from && p.origins[p.origins.length - 1] + 3 <= range.to - 1);
      assert.equal(p.origins.length, p.x.shape[0]);
    }
    assert.equal(s.test.origins[0], 101);
    assert.equal(s.test.origins.length, 16); // origins 101..116: targets up to row 119
    // inputs of window i: change of rows origin−5 … origin and the month; x is the same, scaled
    const i = 3;
    const o = s.test.origins[i];
    assert.ok(Math.abs(s.test.inputs[i][5][0] - (s.values[o] - s.values[o - 1])) < 1e-9);
    const x = (s.test.x.arraySync() as number[][][])[i];
    const drift = s.test.inputs[i].reduce((sum, r) => sum + r[0], 0) / 6; // the window's mean change
    assert.ok(Math.abs(s.test.drift[i] - drift) < 1e-12);
    assert.ok(Math.abs(x[5][0] - (s.test.inputs[i][5][0] - drift) / std) < 1e-5);
    assert.ok(Math.abs(x[5][1] - (s.test.inputs[i][5][1] - s.scaler.mean[1]) / s.scaler.std[1]) < 1e-5);
    assert.ok(Math.abs(s.test.inputs[i][5][1] - Math.sin((2 * Math.PI * (o % 12)) / 12)) < 1e-9);
    // targets: actual values, and y = actual − value at origin − k·drift (data units); toValues inverts it
    assert.deepEqual(s.test.actual[i], [s.values[o + 1], s.values[o + 2], s.values[o + 3]]);
    const y = s.test.y.arraySync() as number[][];
    assert.ok(Math.abs(y[i][1] - (s.values[o + 2] - s.values[o] - 2 * drift)) < 1e-4);
    const back = s.toValues(y, s.test);
    back.forEach((row, w) => row.forEach((v, k) => assert.ok(Math.abs(v - s.test.actual[w][k]) < 1e-4, `window ${w} step ${k + 1}`)));
    assert.equal(s.featureNames.length, 3);
    assert.throws(() => s.toValues([[1, 2]], s.test), /1 rows of predictions for 16 windows/);
  } finally {
    s.dispose();
  }
});

test("loadForecastSeries names an option that leaves no window", async () => {
  await assert.rejects(loadForecastSeries({ file, timesteps: 0, verbose: false }), /option timesteps must be a positive integer, got 0/);
  await assert.rejects(loadForecastSeries({ file, timesteps: 12, horizon: 20, verbose: false }), /the validation part \(18 months\) holds no window/);
  await assert.rejects(loadForecastSeries({ file: path.join(dir, "missing.csv"), verbose: false }), /missing\.csv: file not found/);
});
