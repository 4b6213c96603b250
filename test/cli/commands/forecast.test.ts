import { test } from "node:test";
import * as assert from "node:assert/strict";
import { command } from "../../../src/cli/commands/forecast";
import { parseCommandArgs } from "../../../src/cli/parseCommandArgs";

test("grulab forecast reads every option", () => {
  const { options } = parseCommandArgs(command, [
    "--epochs", "5", "--patience", "2", "--units", "8", "--timesteps", "12", "--horizon", "6", "--batch-size", "16",
    "--learning-rate", "0.01", "--seed", "3", "--backend", "cpu", "--gru-implementation", "reference", "--out", "/tmp/r",
    "--data", "x.csv", "--date-column", "month", "--column", "ppm",
  ]);
  assert.deepEqual(options, {
    epochs: 5, patience: 2, units: 8, timesteps: 12, horizon: 6, batchSize: 16, learningRate: 0.01, seed: 3, backend: "cpu",
    gruImplementation: "reference", out: "/tmp/r", data: "x.csv", dateColumn: "month", column: "ppm",
  });
});

test("grulab forecast: bad values name the option", () => {
  assert.throws(() => parseCommandArgs(command, ["--horizon", "0"]), /option --horizon expects an integer ≥ 1, got "0"/);
  assert.throws(() => parseCommandArgs(command, ["--backend", "gpu"]), /option --backend expects one of/);
});
