import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { loadForecastSeries } from "../../src/data/loadForecastSeries";
import { trainForecaster } from "../../src/studies/trainForecaster";

test("trainForecaster trains with early stopping and scores its forecasts in the data's units", async () => {
  await tf.setBackend("cpu");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-tf-"));
  const file = path.join(dir, "s.csv");
  fs.writeFileSync(file, "Date,CO2\n" + Array.from({ length: 120 }, (_, i) =>
    `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")},${300 + 0.1 * i + 2 * Math.sin((2 * Math.PI * i) / 12)}`).join("\n") + "\n");
  const s = await loadForecastSeries({ file, timesteps: 12, horizon: 3, verbose: false });
  const { model, rows, bestEpoch, predicted, metrics } = await trainForecaster(s, { units: 4, epochs: 4, patience: 2, seed: 3 });
  try {
    assert.ok(rows.length >= 1 && rows.length <= 4 && bestEpoch >= 1 && bestEpoch <= rows.length);
    // the forecasts are the model's outputs turned into values: value at the origin + k·drift + output · targetScale
    const out = (model.predict(s.test.x) as tf.Tensor).arraySync() as number[][];
    predicted.forEach((row, w) => row.forEach((v, k) => {
      assert.ok(Math.abs(v - (s.values[s.test.origins[w]] + (k + 1) * s.test.drift[w] + out[w][k] * s.targetScale)) < 1e-4);
    }));
    // MAE over all steps, counted here
    let abs = 0;
    s.test.actual.forEach((row, w) => row.forEach((a, k) => { abs += Math.abs(predicted[w][k] - a); }));
    assert.ok(Math.abs(metrics.mae - abs / (s.test.actual.length * 3)) < 1e-9);
    assert.equal(metrics.maeByStep.length, 3);
  } finally {
    model.dispose();
    s.dispose();
  }
});
