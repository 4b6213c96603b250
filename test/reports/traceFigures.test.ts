import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "path";
import { readRunTraces, type RunTraces } from "../../src/runs/readRunTraces";
import { traceFigures } from "../../src/reports/traceFigures";
import * as fs from "fs";
import * as os from "os";
import * as tf from "@tensorflow/tfjs";
import { gru, initBackend, lstm, simpleRnn, traceGates } from "../../src/index";
import { traceValues, writeTraces } from "../../src/advanced/index";
import { seededArray } from "../support/float64Gru";
import { layerName, makeRunFolder, XSS } from "../fixtures/makeRunFolder";

test("traceFigures draws z, r, hTilde, h for each layer and the first samples, with the sample's input", async () => {
  const traces = await readRunTraces(path.join(makeRunFolder({ layers: 2, samples: 3, T: 4, H: 3 }), "traces"));
  const figs = traceFigures(traces, { samples: 2 });
  assert.equal(figs.heatmaps.length, 2 * 2 * 4);
  const first = figs.heatmaps[0];
  assert.equal((first.layout as { title: { text: string } }).title.text, "update gate z (layer gru, sample 0: rain, 2015-01-15)");
  const third = figs.heatmaps.find((f) => (f.layout as { title: { text: string } }).title.text.startsWith("update gate z (layer gru_1, sample 1"));
  assert.ok(third, "second layer by name, samples 0 and 1 only");
  assert.ok(!figs.heatmaps.some((f) => (f.layout as { title: { text: string } }).title.text.includes("sample 2")));
  const heat = first.data[first.data.length - 1] as { z: number[][] };
  // Cell (unit 2, t 3) must be the z of the gates.csv row with layer 0, sample 0, t 3, unit 2.
  const row = traces.gates!.find((g) => g.layer === layerName(0) && g.sample === 0 && g.t === 3 && g.unit === 2)!;
  assert.equal(heat.z[2][3], row.z);
  const inputLine = first.data[0] as { y: number[] };
  assert.equal(inputLine.y[1], traces.inputs!.find((i) => i.sample === 0 && i.t === 1 && i.feature === "temp")!.value);
  assert.equal(figs.saturation!.data.length, 2 * 2, "gates × layers");
  // Histogram: each bar trace's counts add up to the traced values of its layer (3 samples × 4 t × 3 units).
  assert.equal(figs.histogram!.data.length, 4 * 2);
  for (const bar of figs.histogram!.data) assert.equal((bar.customdata as number[]).reduce((a, b) => a + b, 0), 36);
});

test("traceFigures escapes class names from samples.csv in heatmap titles", async () => {
  const traces = await readRunTraces(path.join(makeRunFolder({ samples: 3, T: 2, H: 2 }), "traces"));
  const titles = traceFigures(traces).heatmaps.map((f) => (f.layout as { title: { text: string } }).title.text);
  assert.equal(titles.length, 3 * 4);
  assert.ok(titles.includes("update gate z (layer gru, sample 2: &lt;img src=x onerror=alert(1)&gt;, 2015-03-15)"), titles.join("\n"));
  assert.ok(!titles.some((t) => t.includes(XSS)));
});

test("traceFigures leaves parts out when their CSVs are absent and names a hole in gates.csv", async () => {
  const traces = await readRunTraces(path.join(makeRunFolder({ samples: 1, T: 3, H: 2 }), "traces"));
  const none = traceFigures({ gates: null, saturation: null, inputs: null });
  assert.deepEqual(none, { heatmaps: [], means: null, saturation: null, histogram: null });
  const holed: RunTraces = { ...traces, gates: traces.gates!.filter((g) => !(g.t === 1 && g.unit === 0)) };
  assert.throws(() => traceFigures(holed), /gates\.csv: layer gru, sample 0 has no row for t=1, unit=0/);
});

test("traceFigures of a GRU → LSTM → SimpleRNN trace: each layer's own quantities, c on a range from its data, saturation panels z, r, i, f, o", async () => {
  await initBackend("cpu");
  const [S, T, D] = [2, 5, 2];
  const model = tf.sequential({ layers: [gru({ units: 2, returnSequences: true, inputShape: [T, D] }), lstm({ units: 3, returnSequences: true }), simpleRnn({ units: 2 })] });
  const x = tf.tensor3d(seededArray([S, T, D], 9, 4) as number[][][]);
  const traced = traceGates(model, x);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-figures-"));
  writeTraces(traced, dir);
  const figs = traceFigures(await readRunTraces(dir), { samples: 1 });
  const titles = figs.heatmaps.map((f) => (f.layout as { title: { text: string } }).title.text);
  const [g, l, r] = traced.layers.map((tr) => tr.layer);
  assert.deepEqual(titles, [
    ...["update gate z", "reset gate r", "candidate h̃", "hidden state h"].map((q) => `${q} (layer ${g}, sample 0)`),
    ...["input gate i", "forget gate f", "candidate c̃", "output gate o", "cell state c", "hidden state h"].map((q) => `${q} (layer ${l}, sample 0)`),
    `hidden state h (layer ${r}, sample 0)`,
  ]);
  // c's heatmap: the traced values of sample 0, coloured over [−m, m] with m its largest |c|.
  const cFig = figs.heatmaps[8].data[0] as { z: number[][]; zmin: number; zmax: number; colorscale: string };
  const c = traceValues(traced.layers[1], "c");
  const m = Math.max(...Array.from(c.subarray(0, T * 3), Math.abs));
  assert.ok(Math.abs(cFig.zmax - m) < 1e-6 && cFig.zmin === -cFig.zmax, `c range [${cFig.zmin}, ${cFig.zmax}], max |c| ${m}`);
  assert.equal(Math.fround(cFig.z[2][4]), c[4 * 3 + 2], "unit 2 at t 4");
  assert.equal(cFig.colorscale, "RdBu");
  assert.equal((figs.heatmaps[5].data[0] as { colorscale: string; zmin: number; zmax: number }).colorscale, "Viridis", "f, a sigmoid gate");
  const panels = (fig: { layout: Record<string, unknown> }) => (fig.layout.annotations as Array<{ text: string }>).map((a) => a.text);
  assert.deepEqual(panels(figs.saturation!), ["update gate z", "reset gate r", "input gate i", "forget gate f", "output gate o"]);
  assert.deepEqual(panels(figs.histogram!), ["update gate z", "reset gate r", "candidate h̃", "input gate i", "forget gate f", "candidate c̃", "output gate o", "cell state c", "hidden state h"]);
  // Histogram bars: one per layer that has the quantity (h: all three), each counting all its values.
  const bars = figs.histogram!.data as Array<{ hovertemplate: string; customdata: number[] }>;
  assert.equal(bars.length, 3 + 5 + 3);
  for (const bar of bars) assert.equal(bar.customdata.reduce((a, b) => a + b, 0), S * T * (bar.hovertemplate.includes(l) ? 3 : 2));
  // Gate means: the LSTM's f at t = 2 is the mean of its traced f over both samples and 3 units.
  const meanLines = figs.means!.data as Array<{ name: string; xaxis: string; y: number[] }>;
  assert.deepEqual(meanLines.map((d) => `${d.xaxis}:${d.name}`), ["x:update gate z", "x:reset gate r", "x2:input gate i", "x2:forget gate f", "x2:output gate o"]);
  const f = traceValues(traced.layers[1], "f");
  const want = [0, 1].flatMap((s) => [0, 1, 2].map((u) => f[(s * T + 2) * 3 + u])).reduce((a, b) => a + b, 0) / 6;
  assert.ok(Math.abs(meanLines[3].y[2] - want) < 1e-6, `${meanLines[3].y[2]} vs ${want}`);
  const legend = (fig: { data: Array<Record<string, unknown>> }) => fig.data.filter((d) => d.showlegend).map((d) => d.name);
  assert.deepEqual(legend(figs.histogram!), [g, l, r].map((n) => `layer ${n}`), "each layer once in the legend, though the LSTM and SimpleRNN are absent from the first panel");
  assert.deepEqual(legend(figs.saturation!), [g, l].map((n) => `layer ${n}`));
  x.dispose();
  model.dispose();
});
