import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { loadForecastSeries } from "../../src/data/loadForecastSeries";
import { openRun } from "../../src/runs/openRun";
import { RUN_FILES } from "../../src/runs/runFormat";
import { forecastSeedSweep } from "../../src/sweeps/forecastSeedSweep";
import { openSweep } from "../../src/sweeps/openSweep";
import { trialDir } from "../../src/sweeps/runTrial";

test("forecastSeedSweep trains the seeds as a sweep (one trial per seed), forecasts with each best model, and reads the trials back the second time", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-forecast-seeds-"));
  const series = await loadForecastSeries({ verbose: false });
  try {
    const trainSeeds = forecastSeedSweep({ dir });
    const request = { seeds: [2, 1], epochs: 2, patience: 15, units: 4, series };
    const first = await trainSeeds(request);
    assert.deepEqual(first.map((r) => [r.seed, r.epochs]), [[2, 2], [1, 2]]);
    const sweepDir = path.join(dir, "forecast-study-4u-2e-15p-seeds-2-1");
    const sweep = await openSweep(sweepDir);
    assert.equal(sweep.rows.length, 2);
    assert.deepEqual(sweep.rows.map((r) => [r.seed, r.units, r.status]).sort(), [[1, 4, "finished"], [2, 4, "finished"]]);
    // Each seed's forecasts are its trial's best model's, in the series' units.
    for (const r of first) {
      const row = sweep.rows.find((x) => x.seed === r.seed)!;
      assert.ok(r.bestEpoch >= 1 && r.bestEpoch <= 2 && r.bestEpoch === row.bestEpoch);
      const model = await (await openRun(trialDir(sweepDir, String(row.trialId)))).loadModel("best");
      const out = model.predict(series.test.x) as tf.Tensor;
      const expected = series.toValues(out.arraySync() as number[][], series.test);
      out.dispose();
      model.dispose();
      assert.equal(r.predicted.length, 101);
      assert.ok(r.predicted.every((p, i) => p.every((v, k) => Math.abs(v - expected[i][k]) < 1e-9 && Number.isFinite(v))));
      assert.ok(Math.abs(r.predicted[0][0] - series.test.actual[0][0]) < 50, "forecasts in ppm, near the actual values");
    }
    assert.notDeepEqual(first[0].predicted, first[1].predicted);
    // Again: nothing trains (the trials' histories are untouched), the same forecasts come back.
    const history = (id: string) => fs.statSync(path.join(trialDir(sweepDir, id), RUN_FILES.history)).mtimeMs;
    const before = sweep.rows.map((r) => history(String(r.trialId)));
    const second = await trainSeeds(request);
    assert.deepEqual(second, first);
    assert.deepEqual(sweep.rows.map((r) => history(String(r.trialId))), before);
  } finally {
    series.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("forecastSeedSweep refuses a series from another file than the built-in trial's, saying what to do", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-forecast-seeds-"));
  try {
    const series = { file: path.join(dir, "other.csv") } as Parameters<ReturnType<typeof forecastSeedSweep>>[0]["series"];
    await assert.rejects(() => forecastSeedSweep({ dir })({ seeds: [1], epochs: 1, patience: 1, units: 4, series }),
      /forecastSeedSweep: the built-in forecast trial trains on .*co2-concentration\.csv, not .*other\.csv: run the study on the bundled file, or give forecastStudy a trainSeeds of your own/);
    assert.deepEqual(fs.readdirSync(dir), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
