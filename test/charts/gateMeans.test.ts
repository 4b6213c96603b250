import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gateMeans } from "../../src/index";

test("gateMeans: a panel per layer, a line per sigmoid gate in GATE_NAMES order, each gate once in the legend, y on [0, 1]", () => {
  const fig = gateMeans([
    { gate: "z", layer: "gru", mean: [0.5, 0.6] },
    { gate: "o", layer: "lstm", mean: [0.1, 0.2] },
    { gate: "f", layer: "lstm", mean: [0.9, 0.8] },
    { gate: "z", layer: "gru_1", mean: [0.4, 0.3] },
  ]);
  const lines = fig.data as Array<{ name: string; x: number[]; y: number[]; xaxis: string; showlegend: boolean; line: { color: string } }>;
  assert.deepEqual(lines.map((l) => [l.xaxis, l.name, l.showlegend]), [["x", "update gate z", true], ["x2", "forget gate f", true], ["x2", "output gate o", true], ["x3", "update gate z", false]]);
  assert.deepEqual([lines[1].x, lines[1].y], [[0, 1], [0.9, 0.8]]);
  assert.equal(lines[0].line.color, lines[1].line.color, "z and f: the share of the old state kept");
  const layout = fig.layout as Record<string, { range?: number[] }> & { annotations: Array<{ text: string }> };
  assert.deepEqual(layout.annotations.map((a) => a.text), ["layer gru", "layer lstm", "layer gru_1"]);
  assert.deepEqual(layout.yaxis2.range, [0, 1]);
});

test("gateMeans names a gate that is not a sigmoid gate and a mean outside [0, 1]", () => {
  assert.throws(() => gateMeans([{ gate: "c", layer: "lstm", mean: [2] }]), /layer lstm has gate "c", expected a sigmoid gate: z, r \(GRU\), i, f or o \(LSTM\)/);
  assert.throws(() => gateMeans([{ gate: "i", layer: "lstm", mean: [0.5, NaN] }]), /layer lstm, gate i, step 1: mean NaN, expected a number in \[0, 1\]/);
});
