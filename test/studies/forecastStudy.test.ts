import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fitRidgeRegression } from "../../src/baselines/ridgeRegression";
import { datasetPath } from "../../src/data/datasetPath";
import { loadForecastSeries } from "../../src/data/loadForecastSeries";
import { forecastStudy, type ForecastSeedsRequest } from "../../src/studies/forecastStudy";
import { forecastSeedSweep } from "../../src/sweeps/forecastSeedSweep";

const tiny = {
  seeds: [1, 2], epochs: 1, units: 4, arOrders: [1, 2, 3, 12, 13, 24], l2Grid: [0.01, 1, 100],
  sarimaOrders: [{ p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, period: 12 }, { p: 1, d: 1, q: 0, P: 0, D: 1, Q: 0, period: 12 }],
};
const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

test("forecastStudy writes results/forecast.json whose numbers agree with its forecasts", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-study-"));
  try {
    const returned = await forecastStudy({ ...tiny, resultsDir: dir, command: "test", trainSeeds: forecastSeedSweep({ dir: path.join(dir, "sweeps") }) });
    const r = JSON.parse(fs.readFileSync(path.join(dir, "forecast.json"), "utf8"));
    assert.deepEqual(r, JSON.parse(JSON.stringify(returned)));
    for (const key of ["study", "date", "command", "versions", "budget"]) assert.ok(key in r, key);
    assert.equal(r.study, "forecast");
    assert.equal(r.command, "test");
    assert.deepEqual(r.budget.seeds, [1, 2]);
    assert.deepEqual(r.budget.epochsRun, [1, 1]);
    assert.ok(!Number.isNaN(Date.parse(r.date)));
    assert.equal(r.data.testWindows, 101);
    assert.equal(r.data.horizon, 12);
    const f = r.forecasts;
    assert.equal(f.actual.length, 101);
    // Per-horizon MAE and RMSE recomputed from the stored forecasts.
    const check = (predicted: number[][], s: { maeByHorizon: number[]; rmseByHorizon: number[]; mae: number }) => {
      for (let k = 0; k < 12; k++) {
        const e = f.actual.map((row: number[], i: number) => predicted[i][k] - row[k]);
        assert.ok(Math.abs(mean(e.map(Math.abs)) - s.maeByHorizon[k]) < 1e-9);
        assert.ok(Math.abs(Math.sqrt(mean(e.map((v: number) => v * v))) - s.rmseByHorizon[k]) < 1e-9);
      }
      assert.ok(Math.abs(mean(s.maeByHorizon) - s.mae) < 1e-9); // equal windows per horizon
    };
    for (const key of ["persistence", "seasonalNaiveDrift", "autoregressive", "linearDirect", "holtWinters", "sarima"]) check(f[key], r.models[key].test);
    check(f.gruSeedMean, r.models.gruSeedMean.test);
    r.models.gru.perSeed.forEach((s: { test: never }, i: number) => check(f.gruPerSeed[i], s.test));
    // Persistence by hand: the first test window's forecast is its origin's value at every horizon.
    assert.ok(f.persistence[0].every((v: number) => v === f.persistence[0][0]));
    // The seed-mean forecast is the mean of the seeds' forecasts.
    assert.ok(Math.abs(f.gruSeedMean[5][3] - (f.gruPerSeed[0][5][3] + f.gruPerSeed[1][5][3]) / 2) < 1e-12);
    // Diebold–Mariano: every p in (0, 1]; the sign of the mean loss difference matches the RMSEs.
    for (const block of [r.dieboldMariano.seedMean, ...r.dieboldMariano.perSeed]) {
      for (const key of ["persistence", "seasonalNaiveDrift", "autoregressive", "linearDirect", "holtWinters", "sarima"]) {
        assert.equal(block[key].length, 12);
        for (const d of block[key]) assert.ok(d.pValue > 0 && d.pValue <= 1, JSON.stringify(d));
      }
    }
    const d0 = r.dieboldMariano.seedMean.linearDirect[0];
    assert.ok(Math.abs(d0.meanDifference - (r.models.gruSeedMean.test.rmseByHorizon[0] ** 2 - r.models.linearDirect.test.rmseByHorizon[0] ** 2)) < 1e-9);
    // Choices: the chosen AR order and l2 have the lowest validation MSE of their grids.
    const best = <T extends { mse: number }>(rows: T[]) => rows.reduce((a, b) => (b.mse < a.mse ? b : a));
    assert.equal(r.choices.arOrder, best(r.choices.arValidation as Array<{ order: number; mse: number }>).order);
    assert.deepEqual(r.choices.arValidation.map((x: { order: number }) => x.order), tiny.arOrders);
    assert.equal(r.choices.l2, best(r.choices.ridgeValidation as Array<{ l2: number; mse: number }>).l2);
    // SARIMA: the chosen order has the lowest validation MSE of the grid; its name and coefficients are the chosen fit's.
    assert.deepEqual(r.choices.sarima.validation.map((x: { order: string }) => x.order), ["(0,1,1)(0,1,1)12", "(1,1,0)(0,1,0)12"]);
    assert.equal(r.choices.sarima.order, best(r.choices.sarima.validation as Array<{ order: string; mse: number }>).order);
    assert.equal(r.models.sarima.name, `SARIMA${r.choices.sarima.order}`);
    // The linear direct model: a ridge fit on the GRU's own flattened inputs and targets with the chosen l2
    // satisfies its normal equations, and its test forecasts are the stored ones.
    const s = await loadForecastSeries({ verbose: false });
    try {
      const X = (s.train.x.arraySync() as number[][][]).map((w) => w.flat());
      const Y = s.train.y.arraySync() as number[][];
      assert.equal(X[0].length, 24 * 3);
      const fit = fitRidgeRegression(X, Y, r.choices.l2);
      const P = fit.predict(X);
      for (const k of [0, 11]) {
        const res = Y.map((y, i) => y[k] - P[i][k]);
        assert.ok(Math.abs(res.reduce((a, v) => a + v, 0)) < 1e-6);
        for (const j of [0, 23, 40, 71]) assert.ok(Math.abs(X.reduce((a, x, i) => a + x[j] * res[i], 0) - r.choices.l2 * fit.weights[j][k]) < 1e-6);
      }
      const testX = (s.test.x.arraySync() as number[][][]).map((w) => w.flat());
      const stored = s.toValues(fit.predict(testX), s.test);
      assert.ok(stored.every((row, i) => row.every((v, k) => Math.abs(v - f.linearDirect[i][k]) < 1e-9)));
    } finally {
      s.dispose();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("forecastStudy's choices do not depend on the test months", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-study-"));
  try {
    // The same series with the last 60 months (all in the test part) raised by 3 ppm.
    const lines = fs.readFileSync(datasetPath("co2-concentration.csv"), "utf8").trimEnd().split("\n");
    const shifted = lines.map((line, i) => {
      if (i === 0 || i < lines.length - 60) return line;
      const cells = line.split(",");
      cells[1] = (Number(cells[1]) + 3).toFixed(2);
      return cells.join(",");
    });
    const file = path.join(dir, "shifted.csv");
    fs.writeFileSync(file, shifted.join("\n") + "\n");
    // The GRU plays no part in the choices: a trainer that forecasts persistence, recording what it was asked.
    const requests: ForecastSeedsRequest[] = [];
    const trainSeeds = async (request: ForecastSeedsRequest) => {
      requests.push(request);
      const { series: s } = request;
      return request.seeds.map((seed) => ({ seed, epochs: 0, bestEpoch: 0, seconds: 0, predicted: s.test.origins.map((o) => new Array(s.horizon).fill(s.values[o])) }));
    };
    const options = { ...tiny, seeds: [1], resultsDir: null, trainSeeds };
    const a = await forecastStudy(options) as { choices: Record<string, unknown>; models: { persistence: { test: { mae: number } } } };
    const b = await forecastStudy({ ...options, file }) as typeof a;
    assert.deepEqual(requests.map((r) => [r.seeds, r.epochs, r.units, path.basename(r.series.file)]), [[[1], 1, 4, "co2-concentration.csv"], [[1], 1, 4, "shifted.csv"]]);
    for (const key of ["arOrder", "arValidation", "l2", "ridgeValidation", "seasonalNaiveYearlyChange", "holtWinters", "sarima"]) assert.deepEqual(b.choices[key], a.choices[key], key);
    assert.notEqual(b.models.persistence.test.mae, a.models.persistence.test.mae); // the test months did change
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("forecastStudy refuses a trainSeeds that returns other seeds or too few test forecasts, naming both", async () => {
  const trainSeeds = async (request: ForecastSeedsRequest) => [{ seed: 2, epochs: 1, bestEpoch: 1, seconds: 0, predicted: [[request.series.values[0]]] }];
  await assert.rejects(() => forecastStudy({ ...tiny, seeds: [1], resultsDir: null, trainSeeds }), /forecastStudy: trainSeeds returned seeds 2 \(1 test windows\); expected 1 with 101 each/);
});
