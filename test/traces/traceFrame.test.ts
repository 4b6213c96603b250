// traceFrame: the long frame of traces of different cells, row by row against hand-made traces.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { traceFrame } from "../../src/traces/traceFrame";
import type { LayerGateTrace } from "../../src/traces/layerGateTrace";

const f = (...v: number[]) => Float32Array.from(v);
// GRU: 1 sample, 2 steps, 2 units; SimpleRNN: 2 samples, 1 step, 1 unit
const g: LayerGateTrace = { cell: "gru", layer: "g", shape: [1, 2, 2], goBackwards: false, resetAfter: true, columns: ["z", "r", "hTilde", "h"],
  z: f(0.1, 0.2, 0.3, 0.4), r: f(1, 2, 3, 4), hTilde: f(-1, -2, -3, -4), h: f(10, 20, 30, 40) };
const s: LayerGateTrace = { cell: "simpleRnn", layer: "s", shape: [2, 1, 1], goBackwards: false, columns: ["h"], h: f(7, 8) };

test("one row per layer, sample, step and unit; the union of quantities in GATE_NAMES order; NaN where a cell lacks one", () => {
  const frame = traceFrame([g, s]);
  assert.deepEqual(frame.columns, ["layer", "sample", "t", "unit", "z", "r", "hTilde", "h"]);
  const rows = frame.values as unknown[][];
  const N = NaN;
  const want = [
    ["g", 0, 0, 0, 0.1, 1, -1, 10], ["g", 0, 0, 1, 0.2, 2, -2, 20], ["g", 0, 1, 0, 0.3, 3, -3, 30], ["g", 0, 1, 1, 0.4, 4, -4, 40],
    ["s", 0, 0, 0, N, N, N, 7], ["s", 1, 0, 0, N, N, N, 8],
  ];
  assert.equal(rows.length, want.length);
  rows.forEach((row, i) => row.forEach((v, j) => {
    const w = want[i][j];
    if (typeof w === "number" && Number.isNaN(w)) assert.ok(Number.isNaN(v), `row ${i} column ${frame.columns[j]}: NaN`);
    else if (typeof w === "number") assert.ok(Math.abs((v as number) - w) < 1e-6, `row ${i} column ${frame.columns[j]}: ${v}, want ${w}`);
    else assert.equal(v, w);
  }));
});

test("a SimpleRNN alone gives only h", () => {
  assert.deepEqual(traceFrame([s]).columns, ["layer", "sample", "t", "unit", "h"]);
});
