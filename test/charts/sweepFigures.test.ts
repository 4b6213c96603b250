// sweepFigures: which options a sweep's two figures show (the varying ones), which get log axes
// (those drawn log-uniformly), and that every trial's values reach both figures.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { sweepFigures } from "../../src/charts/sweepFigures";

const rows = [
  { trialId: "a", cell: "gru", lr: 0.001, seed: 1, units: 32, val_loss: 0.9 },
  { trialId: "b", cell: "lstm", lr: 0.01, seed: 1, units: 64, val_loss: 0.7 },
  { trialId: "c", cell: "gru", lr: 0.1, seed: 1, units: 32, val_loss: 1.3 },
];
const sweep = {
  rows, options: ["cell", "lr", "seed", "units"], metric: "val_loss", mode: "min" as const,
  info: { name: "cells", space: { cell: ["gru", "lstm"], lr: { logUniform: [0.001, 0.1] }, seed: [1], units: { int: [32, 64] } } },
};

test("options with one value in every trial are left out; log-uniform options are drawn on log axes", () => {
  const { parallel, perOption } = sweepFigures(sweep);
  const dims = (parallel.data[0].dimensions as { label: string; values: number[] }[]);
  assert.deepEqual(dims.map((d) => d.label), ["cell", "lr (log)", "units", "val_loss"]);
  assert.deepEqual(dims[1].values, [-3, -2, -1]); // log₁₀ of each trial's lr
  assert.deepEqual(dims[3].values, [0.9, 0.7, 1.3]);
  assert.deepEqual(perOption.data.map((d) => d.name), ["cell", "lr", "units"]);
  const axes = ["xaxis", "xaxis2", "xaxis3"].map((a) => (perOption.layout[a] as { type: string }).type);
  assert.deepEqual(axes, ["category", "log", "linear"]);
  assert.deepEqual(perOption.data[1].x, [0.001, 0.01, 0.1]);
  assert.deepEqual(perOption.data[1].y, [0.9, 0.7, 1.3]);
});

test("titles name the sweep and its metric; the colour scale follows the mode", () => {
  const min = sweepFigures(sweep);
  assert.equal((min.parallel.layout.title as { text: string }).text, "sweep cells: val_loss by option");
  assert.equal((min.perOption.layout.title as { text: string }).text, "sweep cells: best val_loss of each trial against each option");
  const max = sweepFigures({ ...sweep, metric: "units", mode: "max" });
  assert.equal((min.parallel.data[0].line as { reversescale: boolean }).reversescale, true);
  assert.equal((max.parallel.data[0].line as { reversescale: boolean }).reversescale, false);
  // a sweep where nothing varies: no option panels, only the metric axis
  const fixed = sweepFigures({ ...sweep, rows: [rows[0]] });
  assert.deepEqual((fixed.parallel.data[0].dimensions as { label: string }[]).map((d) => d.label), ["val_loss"]);
  assert.equal(fixed.perOption.data.length, 0);
});
