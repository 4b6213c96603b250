import { test } from "node:test";
import * as assert from "node:assert/strict";
import { parallelCoordinates } from "../../src/charts/parallelCoordinates";

test("parallelCoordinates: an axis per option and the metric last; text options as ticks; log axes; rows without a metric left out", () => {
  const rows = [
    { cell: "gru", lr: 0.001, units: 8, val_loss: 0.5 }, { cell: "lstm", lr: 0.01, units: 16, val_loss: 0.7 },
    { cell: "gru", lr: 0.0001, units: 16, val_loss: 0.4 }, { cell: "<b>", lr: 0.01, units: 8, val_loss: null },
  ];
  const fig = parallelCoordinates(rows, { options: ["cell", "lr", "units"], metric: "val_loss", logOptions: ["lr"] });
  const trace = fig.data[0] as { type: string; dimensions: Array<{ label: string; values: number[]; tickvals?: number[]; ticktext?: string[] }>; line: { color: number[]; reversescale: boolean } };
  assert.equal(trace.type, "parcoords");
  assert.deepEqual(trace.dimensions.map((d) => d.label), ["cell", "lr (log)", "units", "val_loss"]);
  assert.deepEqual(trace.dimensions[0].values, [0, 1, 0]);
  assert.deepEqual(trace.dimensions[0].ticktext, ["gru", "lstm"]);
  assert.deepEqual(trace.dimensions[1].values.map((v) => Math.round(v * 1e9) / 1e9), [-3, -2, -4]);
  assert.deepEqual(trace.dimensions[1].ticktext, ["1e-4", "1e-3", "1e-2"]);
  assert.deepEqual(trace.dimensions[2].values, [8, 16, 16]);
  assert.deepEqual(trace.line.color, [0.5, 0.7, 0.4]);
  assert.equal(trace.line.reversescale, true, "min: low values get the bright end");
});
