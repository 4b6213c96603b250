import { test } from "node:test";
import * as assert from "node:assert/strict";
import { command } from "../../../src/cli/commands/forecast";
import { parseCommandArgs } from "../../../src/cli/parseCommandArgs";
import { FORECAST_DEFAULTS } from "../../../src/studies/runForecast";

test("grulab forecast reads every option; absent ones take the study's defaults", () => {
  const { options } = parseCommandArgs(command, [
    "--epochs", "5", "--patience", "2", "--units", "8", "--timesteps", "12", "--horizon", "6", "--batch-size", "16",
    "--learning-rate", "0.01", "--seed", "3", "--backend", "cpu", "--gru-implementation", "reference", "--out", "/tmp/r",
    "--data", "x.csv", "--date-column", "month", "--column", "ppm",
  ]);
  assert.deepEqual(options, {
    epochs: 5, patience: 2, units: 8, timesteps: 12, horizon: 6, batchSize: 16, learningRate: 0.01, seed: 3, backend: "cpu",
    gruImplementation: "reference", out: "/tmp/r", data: "x.csv", dateColumn: "month", column: "ppm",
  });
  const d = parseCommandArgs(command, []).options;
  assert.deepEqual([d.epochs, d.patience, d.units, d.learningRate, d.timesteps, d.horizon, d.column, d.out],
    [FORECAST_DEFAULTS.epochs, FORECAST_DEFAULTS.patience, FORECAST_DEFAULTS.units, FORECAST_DEFAULTS.learningRate, 24, 12, "CO2", undefined]);
});

test("grulab forecast: bad values name the option", () => {
  assert.throws(() => parseCommandArgs(command, ["--horizon", "0"]), /option --horizon expects an integer ≥ 1, got "0"/);
  assert.throws(() => parseCommandArgs(command, ["--backend", "gpu"]), /option --backend expects one of/);
});
