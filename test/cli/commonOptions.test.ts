import { test } from "node:test";
import * as assert from "node:assert/strict";
import type { CommandSpec } from "../../src/cli/commandSpec";
import { commonOptions as c, jobOptions } from "../../src/cli/commonOptions";
import { parseCommandArgs } from "../../src/cli/parseCommandArgs";
import { commandUsage } from "../../src/cli/usageText";

const spec: CommandSpec = {
  name: "study", summary: "a study",
  options: [c.epochs(30), c.units(8, "units per layer"), c.batchSize(16), c.patience(4), c.seed(42), c.learningRate(0.01),
    c.gruImplementation("auto"), c.backend(), c.out("run folders")],
  run: async () => {},
};

test("commonOptions: each option parses with its bounds, and absent ones take the command's defaults", () => {
  const parsed = parseCommandArgs(spec, ["--epochs", "3", "--batch-size=4", "--patience", "0", "--seed", "0", "--backend", "cpu", "--out", "/tmp/r"]).options;
  assert.deepEqual(parsed, { epochs: 3, units: 8, batchSize: 4, patience: 0, seed: 0, learningRate: 0.01, gruImplementation: "auto", backend: "cpu", out: "/tmp/r" });
  assert.throws(() => parseCommandArgs(spec, ["--epochs", "0"]), /option --epochs expects an integer ≥ 1, got "0"/);
  assert.throws(() => parseCommandArgs(spec, ["--patience", "-1"]), /option --patience expects an integer ≥ 0, got "-1"/);
  assert.throws(() => parseCommandArgs(spec, ["--gru-implementation", "fast"]), /option --gru-implementation expects one of reference, fused, auto, got "fast"/);
  assert.throws(() => parseCommandArgs(spec, ["--backend", "gpu"]), /option --backend expects one of tensorflow, wasm, cpu, got "gpu"/);
});

test("commonOptions: the usage shows every option with its default and the command's own doc lines", () => {
  const usage = commandUsage(spec);
  for (const line of [/--epochs N +maximum training epochs \(default 30\)/, /--units N +units per layer \(default 8\)/, /--batch-size N +samples per step \(default 16\)/,
    /--patience N +early stopping patience in epochs, 0 = off \(default 4\)/, /--seed N +seed of initial weights and shuffling \(default 42\)/,
    /--learning-rate X +Adam learning rate \(default 0.01\)/, /sequence code of the grulab GRU: reference \| fused \| auto \(default auto\)/,
    /--backend NAME +tensor backend: tensorflow \| wasm \| cpu \(default \$GRULAB_BACKEND, else the fastest available\)/,
    /--out DIR +parent folder of the run folders, relative to the current directory \(default the project's runs\/, or \$GRULAB_RUNS\)/]) {
    assert.match(usage, line);
  }
});

test("jobOptions: picks the named numbers, and backend and out stay undefined when absent", () => {
  const o = parseCommandArgs(spec, ["--units", "5"]).options;
  assert.deepEqual(jobOptions(o, ["units", "epochs"]), { units: 5, epochs: 30, backend: undefined, out: undefined });
  assert.deepEqual(jobOptions({ ...o, backend: "wasm", out: "x" }, []), { backend: "wasm", out: "x" });
});
