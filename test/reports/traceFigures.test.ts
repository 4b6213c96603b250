import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "path";
import { readRunTraces, type RunTraces } from "../../src/runs/readRunTraces";
import { traceFigures } from "../../src/reports/traceFigures";
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
  assert.deepEqual(none, { heatmaps: [], saturation: null, histogram: null });
  const holed: RunTraces = { ...traces, gates: traces.gates!.filter((g) => !(g.t === 1 && g.unit === 0)) };
  assert.throws(() => traceFigures(holed), /gates\.csv: layer gru, sample 0 has no row for t=1, unit=0/);
});
