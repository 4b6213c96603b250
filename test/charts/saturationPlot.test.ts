import { test } from "node:test";
import * as assert from "node:assert/strict";
import { saturationPlot, type SaturationRow } from "../../src/index";
import { layerColour } from "../../src/charts/layerColour";

const rows: SaturationRow[] = [
  { layer: "gru", gate: "z", unit: 0, leftFraction: 0.2, rightFraction: 0.7 },
  { layer: "gru", gate: "z", unit: 1, leftFraction: 0.0, rightFraction: 0.1 },
  { layer: "gru_1", gate: "z", unit: 0, leftFraction: 0.5, rightFraction: 0.5 },
  { layer: "gru", gate: "r", unit: 0, leftFraction: 0.3, rightFraction: 0.3 },
  { layer: "gru_1", gate: "r", unit: 0, leftFraction: 0.6, rightFraction: 0.1 },
];

test("saturationPlot puts right-saturation on x and left on y, a panel per gate, a colour per layer", () => {
  const fig = saturationPlot(rows);
  assert.equal(fig.data.length, 4, "2 gates × 2 layers");
  const [z0, z1, r0, r1] = fig.data as Array<Record<string, unknown>>;
  assert.deepEqual(z0.x, [0.7, 0.1]);
  assert.deepEqual(z0.y, [0.2, 0.0]);
  assert.deepEqual(z0.customdata, [0, 1], "unit ids for hover");
  assert.deepEqual([z0.xaxis, z1.xaxis, r0.xaxis, r1.xaxis], ["x", "x", "x2", "x2"]);
  assert.equal((z0.marker as { color: string }).color, layerColour(0));
  assert.equal((z1.marker as { color: string }).color, layerColour(1));
  assert.equal((r1.marker as { color: string }).color, layerColour(1));
  assert.deepEqual([z0.showlegend, r0.showlegend], [true, false], "one legend entry per layer");
  assert.deepEqual([z0.name, z1.name], ["layer gru", "layer gru_1"]);
  const layout = fig.layout as Record<string, unknown> & { shapes: Array<{ path: string; xref: string }> };
  assert.equal((layout.xaxis as { title: { text: string } }).title.text, "fraction right-saturated");
  assert.equal((layout.yaxis2 as { title: { text: string } }).title.text, "fraction left-saturated");
  assert.deepEqual(layout.shapes.map((s) => [s.path, s.xref]), [["M 0 0 L 1 0 L 0 1 Z", "x"], ["M 0 0 L 1 0 L 0 1 Z", "x2"]]);
});

test("saturationPlot rejects fractions outside [0, 1] or summing above 1, naming the row", () => {
  assert.throws(() => saturationPlot([{ layer: "gru", gate: "z", unit: 3, leftFraction: 0.6, rightFraction: 0.5 }]), /row 0 \(layer gru, gate z, unit 3\).*> 1/);
  assert.throws(() => saturationPlot([{ layer: "gru", gate: "r", unit: 1, leftFraction: NaN, rightFraction: 0.5 }]), /leftFraction NaN/);
});

test("saturationPlot draws an LSTM's i, f, o panels (after a GRU's z, r) and names a gate that is not a sigmoid gate", () => {
  const fig = saturationPlot([
    { layer: "lstm", gate: "f", unit: 0, leftFraction: 0.1, rightFraction: 0.8 },
    { layer: "lstm", gate: "i", unit: 0, leftFraction: 0.2, rightFraction: 0.3 },
    { layer: "gru", gate: "z", unit: 0, leftFraction: 0.2, rightFraction: 0.3 },
    { layer: "lstm", gate: "o", unit: 0, leftFraction: 0.0, rightFraction: 0.5 },
  ]);
  assert.deepEqual((fig.layout.annotations as Array<{ text: string }>).map((a) => a.text), ["update gate z", "input gate i", "forget gate f", "output gate o"]);
  const f = (fig.data as Array<Record<string, unknown>>).find((d) => d.xaxis === "x3")!;
  assert.deepEqual([f.x, f.y, f.name], [[0.8], [0.1], "layer lstm"]);
  const bad = { layer: "lstm", gate: "c", unit: 0, leftFraction: 0, rightFraction: 0 } as unknown as SaturationRow;
  assert.throws(() => saturationPlot([bad]), /row 0 has gate "c", expected z, r \(GRU\), i, f or o \(LSTM\)/);
});
