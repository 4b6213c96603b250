import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { forecastStudyFigures } from "../../src/charts/forecastStudyFigures";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const results = JSON.parse(fs.readFileSync(path.join(ROOT, "results", "forecast.json"), "utf8"));

test("forecastStudyFigures draws every model's MAE by month ahead from the committed results, with intervals around it", () => {
  const { maeByHorizon } = forecastStudyFigures(results);
  const keys = ["persistence", "seasonalNaiveDrift", "autoregressive", "holtWinters", "sarima", "linearDirect", "gruSeedMean"];
  assert.deepEqual(maeByHorizon.data.map((t) => t.name), keys.map((k) => results.models[k].name.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")));
  maeByHorizon.data.forEach((trace, i) => {
    const y = trace.y as number[], e = trace.error_y as { array: number[]; arrayminus: number[] };
    assert.deepEqual(trace.x, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // The drawn MAE is the results file's, and its interval holds it with a positive width.
    y.forEach((v, k) => {
      assert.ok(Math.abs(v - results.models[keys[i]].test.maeByHorizon[k]) < 1e-12, `${keys[i]} h ${k + 1}`);
      assert.ok(e.array[k] >= 0 && e.arrayminus[k] >= 0 && e.array[k] + e.arrayminus[k] > 0);
    });
  });
  // Deterministic: the same results give the same figure.
  assert.deepEqual(forecastStudyFigures(results).maeByHorizon, maeByHorizon);
});

test("forecastStudyFigures draws the Diebold–Mariano p-values of the GRU against every baseline, filled where the GRU is worse", () => {
  const { dieboldMariano } = forecastStudyFigures(results);
  const traces = dieboldMariano.data.filter((t) => String(t.name).startsWith("GRU vs "));
  assert.equal(traces.length, 6);
  const sarima = traces.find((t) => String(t.name).includes("SARIMA"))!;
  const rows = results.dieboldMariano.seedMean.sarima as Array<{ pValue: number; meanDifference: number }>;
  assert.deepEqual(sarima.customdata, rows.map((d) => d.pValue));
  assert.deepEqual(sarima.y, rows.map((d) => Math.max(1e-6, d.pValue)));
  assert.deepEqual((sarima.marker as { symbol: string[] }).symbol, rows.map((d) => (d.meanDifference > 0 ? "circle" : "circle-open")));
  assert.ok(dieboldMariano.data.some((t) => t.name === "p = 0.05"));
});

test("forecastStudyFigures names what it expected", () => {
  assert.throws(() => forecastStudyFigures({ study: "tutorial" }), /expected the contents of results\/forecast.json/);
});
