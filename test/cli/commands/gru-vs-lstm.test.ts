import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { command } from "../../../src/cli/commands/gru-vs-lstm";
import { parseCommandArgs } from "../../../src/cli/parseCommandArgs";
import { openRun } from "../../../src/runs/openRun";

test("grulab gru-vs-lstm: bad values name the option", () => {
  assert.throws(() => parseCommandArgs(command, ["--length", "1"]), /option --length expects an integer ≥ 2, got "1"/);
  assert.throws(() => parseCommandArgs(command, ["--task", "sort"]), /option --task expects one of/);
});

test("grulab gru-vs-lstm --task adding … is a sweep: one finished regression run per cell with the options given, under <out>/<name>/trials/", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gvl-cli-"));
  await command.run(parseCommandArgs(command, ["--task", "adding", "--length", "7", "--seeds", "1", "--gru-units", "5", "--train-samples", "40", "--epochs", "1", "--backend", "cpu", "--out", out, "--workers", "2"]));
  const trials = path.join(out, "gru-vs-lstm-adding-T7", "trials");
  assert.ok(fs.existsSync(path.join(out, "gru-vs-lstm-adding-T7", "results.csv")));
  const dirs = fs.readdirSync(trials).filter((f) => f !== ".locks").sort();
  assert.equal(dirs.length, 3, `run folders: ${dirs}`);
  const cells = [];
  for (const dir of dirs) {
    const run = await openRun(path.join(trials, dir));
    assert.equal(run.status, "finished");
    assert.equal(run.task, "regression");
    assert.deepEqual([run.config.length, run.config.gruUnits, run.config.trainSamples, run.rows.length], [7, 5, 40, 1]);
    assert.ok(run.metrics!.baselines.some((b) => b.name === "constant 1 (the target's mean)"));
    cells.push(run.config.cell);
  }
  assert.deepEqual(cells.sort(), ["gru", "lstm", "simpleRnn"]);
});
