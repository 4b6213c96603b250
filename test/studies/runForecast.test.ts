import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadForecastSeries } from "../../src/data/loadForecastSeries";
import { openRun } from "../../src/runs/openRun";
import { forecastBaselines } from "../../src/baselines/forecastBaselines";
import { runForecast } from "../../src/studies/runForecast";
import { forecastMetrics } from "../../src/training/forecastMetrics";

test("runForecast writes a finished regression run: the GRU's mae/rmse in the data's units beside every baseline", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-forecast-run-"));
  const file = path.join(dir, "series.csv");
  fs.writeFileSync(file, "month,ppm\n" + Array.from({ length: 150 }, (_, i) =>
    `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")},${(350 + 0.2 * i + 3 * Math.sin((2 * Math.PI * i) / 12) + 0.3 * Math.sin(i * 1.7)).toFixed(3)}`).join("\n") + "\n");
  const result = await runForecast({
    file, dateColumn: "month", valueColumn: "ppm", timesteps: 12, horizon: 3, units: 4, epochs: 3, patience: 2, seed: 2,
    backend: "cpu", out: path.join(dir, "runs"), progress: "none",
  });
  const run = await openRun(result.runDir);
  assert.equal(run.status, "finished");
  assert.equal(run.task, "regression");
  assert.equal(run.config.job, "forecast");
  const m = run.metrics!;
  assert.deepEqual(m.baselines.map((b) => b.name), ["mean of the training targets", "persistence", "seasonal naive (12)", "linear AR(12)"]);
  // the baselines' numbers, recomputed here from the same series
  const series = await loadForecastSeries({ file, dateColumn: "month", valueColumn: "ppm", timesteps: 12, horizon: 3, verbose: false });
  try {
    for (const b of forecastBaselines(series)) {
      const expected = forecastMetrics(series.test.actual, b.predicted);
      const got = m.baselines.find((x) => x.name === b.name)!.test;
      assert.ok(Math.abs(got.mae - expected.mae) < 1e-9 && Math.abs(got.rmse - expected.rmse) < 1e-9, b.name);
    }
  } finally {
    series.dispose();
  }
  // the model's mae over all steps equals the job's multi-step score (y is in the data's units)
  assert.ok(Math.abs(m.test.mae - result.scores["GRU(4)"].mae) < 1e-4, `${m.test.mae} vs ${result.scores["GRU(4)"].mae}`);
  for (const f of ["history.csv", "predictions.csv", "model/model.json", "traces/gates.csv", "charts/forecast.html", "report.html"]) {
    assert.ok(fs.existsSync(path.join(result.runDir, f)), f);
  }
});
