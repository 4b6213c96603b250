import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gateHeatmap } from "../../src/index";

const z = [[0.1, 0.9, 0.5], [0.2, 0.8, 0.4]]; // T = 2, units = 3

test("gateHeatmap draws unit × time with the gate's range and the input lines above on the same x axis", () => {
  const fig = gateHeatmap({ gate: "z", values: z, layer: 0, sample: 7 }, { values: [[1, -1], [2, -2]], features: ["temp", "<b>wind</b>"] });
  assert.equal(fig.data.length, 3, "two input lines + one heatmap");
  const [a, b, hm] = fig.data as Array<Record<string, unknown>>;
  assert.equal(a.type, "scatter");
  assert.deepEqual(a.y, [1, 2]);
  assert.deepEqual(b.y, [-1, -2]);
  assert.equal(b.name, "&lt;b&gt;wind&lt;/b&gt;");
  assert.equal(hm.type, "heatmap");
  // Transposed: z[unit][t]
  assert.deepEqual(hm.z, [[0.1, 0.2], [0.9, 0.8], [0.5, 0.4]]);
  assert.deepEqual(hm.x, [0, 1]);
  assert.deepEqual([hm.zmin, hm.zmax], [0, 1]);
  assert.equal(a.xaxis, "x");
  assert.equal(hm.xaxis ?? "x", "x", "shared time axis");
  assert.equal(a.yaxis, "y2");
  const layout = fig.layout as Record<string, { title: { text: string }; domain?: number[] }>;
  assert.equal(layout.xaxis.title.text, "time step t");
  assert.equal(layout.yaxis.title.text, "unit");
  assert.equal(layout.yaxis2.title.text, "input");
  assert.ok(layout.yaxis2.domain![0] > layout.yaxis.domain![1], "input row above the heatmap");
  assert.match((fig.layout as { title: { text: string } }).title.text, /update gate z \(layer 0, sample 7\)/);
});

test("gateHeatmap uses [-1, 1] for h and hTilde and draws 4+ input features as a per-feature scaled heatmap", () => {
  // 4 features over 3 steps; feature 0 = temperature-like, 3 = constant.
  const wide = [[10, 0, 1, 7], [20, 5, 0, 7], [30, 10, 0.5, 7]];
  const fig = gateHeatmap({ gate: "h", values: [[0.5], [-0.5], [0]] }, { values: wide, features: ["temp", "rain", "<s>", "c"] });
  assert.equal(fig.data.length, 2);
  const input = fig.data[0] as { type: string; z: number[][]; customdata: Array<Array<[string, number]>> };
  assert.equal(input.type, "heatmap");
  assert.deepEqual(input.z, [[0, 0.5, 1], [0, 0.5, 1], [1, 0, 0.5], [0.5, 0.5, 0.5]], "each feature scaled to its own min..max");
  assert.deepEqual(input.customdata[0].map((c) => c[1]), [10, 20, 30], "raw values for hover");
  assert.equal(input.customdata[2][0][0], "&lt;s&gt;");
  assert.deepEqual((fig.layout as { yaxis2: { ticktext: string[] } }).yaxis2.ticktext, ["temp", "rain", "&lt;s&gt;", "c"]);
  assert.deepEqual([fig.data[1].zmin, fig.data[1].zmax], [-1, 1]);
});

test("gateHeatmap without input is a single heatmap", () => {
  const fig = gateHeatmap({ gate: "r", values: z });
  assert.equal(fig.data.length, 1);
  assert.equal((fig.layout as { yaxis2?: unknown }).yaxis2, undefined);
});

test("gateHeatmap rejects inputs of another length and ragged rows", () => {
  assert.throws(() => gateHeatmap({ gate: "z", values: z }, { values: [[1]] }), /input has 1 time steps, gate z has 2/);
  assert.throws(() => gateHeatmap({ gate: "z", values: [[1, 2], [1]] }), /row t=1 has 1 entries, expected 2/);
  assert.throws(() => gateHeatmap({ gate: "z", values: z }, { values: [[1], [2]], features: ["a", "b"] }), /names 2 features, the values have 1/);
});
