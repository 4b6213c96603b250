// traceValues: a trace's quantity by name, and the error naming what the layer's cell has.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { traceValues, type LayerGateTrace } from "../../src/traces/layerGateTrace";

const f = (...v: number[]) => Float32Array.from(v);
const gruTrace: LayerGateTrace = { cell: "gru", layer: "gru_1", shape: [1, 1, 2], goBackwards: false, resetAfter: true,
  columns: ["z", "r", "hTilde", "h"], z: f(0.1, 0.2), r: f(0.3, 0.4), hTilde: f(0.5, 0.6), h: f(0.7, 0.8) };
const rnnTrace: LayerGateTrace = { cell: "simpleRnn", layer: "bi/backward", shape: [1, 1, 2], goBackwards: true, columns: ["h"], h: f(-1, 1) };

test("traceValues gives the layer's own array of each quantity its cell has", () => {
  for (const q of ["z", "r", "hTilde", "h"] as const) assert.equal(traceValues(gruTrace, q), gruTrace[q]);
  assert.deepEqual(traceValues(rnnTrace, "h"), f(-1, 1));
});

test("a quantity the layer's cell lacks is an error naming the layer, its cell and what it has", () => {
  assert.throws(() => traceValues(gruTrace, "c"), { message: "traceValues: layer gru_1 (gru) has no c; it has z, r, hTilde, h" });
  assert.throws(() => traceValues(rnnTrace, "z"), { message: "traceValues: layer bi/backward (simpleRnn) has no z; it has h" });
});
