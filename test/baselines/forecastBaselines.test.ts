import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { loadForecastSeries } from "../../src/data/loadForecastSeries";
import { forecastBaselines } from "../../src/baselines/forecastBaselines";
import { seededRandom } from "../../src/util/seededRandom";
import { solveNormalEquations } from "../support/normalEquations";

test("forecastBaselines on a hand series: persistence, seasonal naive and AR from the values up to each origin", async () => {
  await tf.setBackend("cpu");
  // A seasonal series (period 12) with a linear trend and seeded noise.
  const rand = seededRandom(11);
  const noise = Array.from({ length: 144 }, () => 0.1 * (rand() - 0.5));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-fb-"));
  const file = path.join(dir, "s.csv");
  const level = (i: number) => 50 + 0.25 * i + 2 * Math.cos((2 * Math.PI * i) / 12) + noise[i];
  fs.writeFileSync(file, "Date,CO2\n" + Array.from({ length: 144 }, (_, i) =>
    `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")},${level(i)}`).join("\n") + "\n");
  const s = await loadForecastSeries({ file, timesteps: 13, horizon: 3, verbose: false });
  try {
    const [persistence, seasonal, ar] = forecastBaselines(s);
    assert.deepEqual([persistence.name, seasonal.name, ar.name], ["persistence", "seasonal naive (12)", "linear AR(13)"]);
    // AR(13) fitted here on the training rows through the normal equations, forecast recursively by hand.
    const y = s.values;
    const A: number[][] = [];
    const b: number[] = [];
    for (let t = 13; t < s.split.train.to; t++) {
      A.push([1, ...Array.from({ length: 13 }, (_, k) => y[t - 1 - k])]);
      b.push(y[t]);
    }
    const [c, ...a] = solveNormalEquations(A, b);
    s.test.origins.forEach((o, w) => {
      assert.deepEqual(persistence.predicted[w], [y[o], y[o], y[o]]);
      assert.deepEqual(seasonal.predicted[w], [y[o - 11], y[o - 10], y[o - 9]]); // the same months a year earlier
      const hist = y.slice(0, o + 1);
      for (let k = 0; k < 3; k++) {
        const next = a.reduce((sum, ak, j) => sum + ak * hist[hist.length - 1 - j], c);
        hist.push(next);
        assert.ok(Math.abs(ar.predicted[w][k] - next) < 1e-6, `AR at window ${w}, step ${k + 1}: ${ar.predicted[w][k]} vs ${next}`);
      }
    });
    assert.equal(persistence.predicted.length, s.test.origins.length);
  } finally {
    s.dispose();
  }
});
