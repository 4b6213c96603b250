import { test } from "node:test";
import * as assert from "node:assert/strict";
import { command } from "../../../src/cli/commands/tutorial";
import { parseCommandArgs } from "../../../src/cli/parseCommandArgs";

test("grulab tutorial reads every option", () => {
  const { options } = parseCommandArgs(command, [
    "--epochs", "5", "--units", "16", "--timesteps", "10", "--seed", "0", "--backend", "cpu", "--out", "/tmp/r",
    "--batch-size", "8", "--patience=3", "--gru", "tfjs", "--gru-implementation", "reference", "--data", "x.csv", "--new-classes",
  ]);
  assert.deepEqual(options, {
    epochs: 5, units: 16, timesteps: 10, seed: 0, backend: "cpu", out: "/tmp/r", batchSize: 8, patience: 3,
    gru: "tfjs", gruImplementation: "reference", data: "x.csv", newClasses: true,
  });
});

test("grulab tutorial: bad values name the option and what it expects", () => {
  assert.throws(() => parseCommandArgs(command, ["--backend", "gpu"]), /option --backend expects one of tensorflow, wasm, cpu, got "gpu"/);
  assert.throws(() => parseCommandArgs(command, ["--gru", "keras"]), /option --gru expects one of grulab, tfjs, got "keras"/);
  assert.throws(() => parseCommandArgs(command, ["--gru-implementation", "fast"]), /option --gru-implementation expects one of reference, fused, auto, got "fast"/);
  assert.throws(() => parseCommandArgs(command, ["--seed", "-1"]), /option --seed expects an integer ≥ 0, got "-1"/);
  assert.throws(() => parseCommandArgs(command, ["stray"]), /unexpected argument 'stray'/);
});
