import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { compareRuns } from "../../src/reports/compareRuns";
import { classifierHistory, writeFormatTwoRun } from "../fixtures/formatTwoRun";

function threeRuns(): string[] {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-compare-"));
  const base = { dataset: "seattle-weather.csv", timesteps: 14, split: { train: 0.7, test: 0.15 }, epochs: 10 };
  const baselines = [{ name: "majority class (sun)", test: { accuracy: 0.48 } }, { name: "rain if precipitation > 0", test: { accuracy: 0.64 } }];
  return [
    writeFormatTwoRun({ name: "gru", config: { ...base, model: "gru", units: 32 }, history: classifierHistory(4, 3),
      metrics: { test: { accuracy: 0.7, loss: 0.8 }, baselines } }, parent),
    writeFormatTwoRun({ name: "gru", config: { ...base, model: "gru", units: 64, split: { train: 0.6, test: 0.15 } }, history: classifierHistory(6, 5, 0.1),
      metrics: { test: { accuracy: 0.72, loss: 0.75 }, baselines } }, parent),
    writeFormatTwoRun({ name: "dense", status: "interrupted", config: { ...base, model: "dense" }, history: classifierHistory(2, 2, 0.2), metrics: null }, parent),
  ];
}

test("compareRuns on three runs: one row each with the differing config keys, test metrics, strongest baseline, status and epochs", async () => {
  const dirs = threeRuns();
  const c = await compareRuns(dirs);
  assert.deepEqual(c.columns, ["run", "status", "split.train", "model", "units", "test_accuracy", "test_loss", "baseline_accuracy", "epochs_run"]);
  // Names repeat ("gru" twice): those rows are labelled by their folder's id.
  const ids = dirs.map((d) => path.basename(d));
  assert.deepEqual(c.rows, [
    { run: ids[0], status: "finished", model: "gru", units: 32, "split.train": 0.7, test_accuracy: 0.7, test_loss: 0.8, baseline_accuracy: 0.64, epochs_run: 4 },
    { run: ids[1], status: "finished", model: "gru", units: 64, "split.train": 0.6, test_accuracy: 0.72, test_loss: 0.75, baseline_accuracy: 0.64, epochs_run: 6 },
    { run: "dense", status: "interrupted", model: "dense", units: null, "split.train": 0.7, test_accuracy: null, test_loss: null, baseline_accuracy: null, epochs_run: 2 },
  ]);
  // The DataFrame has the same cells: numbers (NaN where absent) or text.
  assert.deepEqual(c.table.columns, c.columns);
  assert.deepEqual(c.table.shape, [3, 9]);
  const units = c.table.column("units").values as number[];
  assert.deepEqual([units[0], units[1], Number.isNaN(units[2])], [32, 64, true]);
  assert.deepEqual(c.table.column("status").values, ["finished", "finished", "interrupted"]);
  // One figure: every run's train and validation loss and accuracy, named by run.
  const names = c.figure.data.filter((d) => d.mode === "lines+markers").map((d) => d.name);
  assert.equal(names.length, 12);
  assert.ok(names.includes("dense: validation loss") && names.includes(`${ids[1]}: train accuracy`), names.join(", "));
  const starts = c.figure.data.filter((d) => d.mode === "markers").map((d) => (d.x as number[])[0]);
  assert.deepEqual(starts, [3, 5, 2], "best epochs");
});

test("compareRuns takes run objects (anything with dir) as well as paths", async () => {
  const dirs = threeRuns();
  assert.deepEqual((await compareRuns(dirs.map((dir) => ({ dir })))).rows, (await compareRuns(dirs)).rows);
});

test("compareRuns: different tasks, a missing folder, another format version, nothing — errors naming them", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-compare-"));
  const cls = writeFormatTwoRun({ name: "cls", history: classifierHistory(2, 1) }, parent);
  const reg = writeFormatTwoRun({ name: "reg", task: "regression", history: [{ epoch: 1, loss: 1, val_loss: 1, mae: 1, val_mae: 1, seconds: 1 }] }, parent);
  await assert.rejects(compareRuns([cls, reg]), new RegExp(`runs of different tasks cannot be compared: ${cls} \\(classification\\), ${reg} \\(regression\\)`));
  await assert.rejects(compareRuns([cls, "/nonexistent/run"]), /compareRuns: run folder \/nonexistent\/run does not exist/);
  const old = writeFormatTwoRun({ name: "old", format: 3 }, parent);
  await assert.rejects(compareRuns([old]), new RegExp(`compareRuns: ${path.join(old, "run.json")}: run folder format 3, this grulab reads format 2`));
  const notRun = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-empty-"));
  await assert.rejects(compareRuns([notRun]), new RegExp(`${path.join(notRun, "run.json")} not found`));
  await assert.rejects(compareRuns([]), /compareRuns: expected a list of run folders or runs, got none/);
  await assert.rejects(compareRuns([3 as unknown as string]), /compareRuns: expected run folders \(strings\) or runs \(with a dir\), got 3/);
});
