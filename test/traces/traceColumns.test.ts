// TRACE_COLUMNS and cellOfColumns: the columns of each cell are exactly the quantities traceGates
// records for a real layer of that cell; cellOfColumns tells the cell from them, in order only.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { gru, initBackend, lstm, simpleRnn } from "../../src/index";
import { cellOfColumns, TRACE_COLUMNS } from "../../src/traces/traceColumns";
import { traceGates } from "../../src/traces/traceGates";

test("each cell's columns are the Float32Array quantities of a traced layer of that cell, and its `columns`", async () => {
  await initBackend("cpu");
  const model = tf.sequential({ layers: [
    gru({ units: 2, returnSequences: true, inputShape: [3, 1] }), lstm({ units: 2, returnSequences: true }), simpleRnn({ units: 2 }),
  ] });
  const traces = traceGates(model, tf.ones([1, 3, 1]));
  assert.deepEqual(traces.layers.map((t) => t.cell), ["gru", "lstm", "simpleRnn"]);
  for (const tr of traces.layers) {
    const arrays = Object.entries(tr).filter(([, v]) => v instanceof Float32Array).map(([k]) => k).sort();
    assert.deepEqual([...TRACE_COLUMNS[tr.cell]].sort(), arrays, tr.cell);
    assert.deepEqual(tr.columns, TRACE_COLUMNS[tr.cell]);
  }
  model.dispose();
});

test("cellOfColumns: the cell whose columns are exactly these, in this order; else undefined", () => {
  assert.equal(cellOfColumns(["z", "r", "hTilde", "h"]), "gru");
  assert.equal(cellOfColumns(["i", "f", "cTilde", "o", "c", "h"]), "lstm");
  assert.equal(cellOfColumns(["h"]), "simpleRnn");
  assert.equal(cellOfColumns(["r", "z", "hTilde", "h"]), undefined, "order matters");
  assert.equal(cellOfColumns(["z", "r", "hTilde"]), undefined, "a part is not enough");
  assert.equal(cellOfColumns([]), undefined);
});
