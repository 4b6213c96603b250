import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gateHistogram } from "../../src/index";

test("gateHistogram bins values over the gate's range, as a fraction of the layer's values", () => {
  // 4 bins over [0, 1]: [0, .25) [.25, .5) [.5, .75) [.75, 1]; 1.0 goes to the last bin.
  const fig = gateHistogram([{ gate: "z", layer: 0, values: [0, 0.1, 0.3, 0.8, 1, 1] }], { bins: 4 });
  assert.equal(fig.data.length, 1);
  const bar = fig.data[0] as { type: string; x: number[]; y: number[]; customdata: number[]; width: number };
  assert.equal(bar.type, "bar");
  assert.deepEqual(bar.x, [0.125, 0.375, 0.625, 0.875]);
  assert.deepEqual(bar.customdata, [2, 1, 0, 3], "hand count");
  assert.deepEqual(bar.y, [2 / 6, 1 / 6, 0, 3 / 6]);
  assert.equal(bar.width, 0.25);
});

test("gateHistogram makes a panel per gate in z, r, hTilde, h order and a trace per layer", () => {
  const fig = gateHistogram([
    { gate: "h", layer: 0, values: [-1, 0, 1] },
    { gate: "z", layer: 0, values: [0.5] },
    { gate: "z", layer: 1, values: [0.5] },
    { gate: "r", layer: 0, values: [0.5] },
  ], { bins: 2 });
  assert.equal(fig.data.length, 4);
  assert.deepEqual(fig.data.map((d) => d.xaxis), ["x", "x", "x2", "x3"]);
  const layout = fig.layout as Record<string, { title?: { text: string }; range?: number[] }>;
  assert.deepEqual(layout.xaxis3.range, [-1, 1], "h panel spans [-1, 1]");
  assert.equal(layout.xaxis3.title!.text, "h");
  assert.equal(layout.yaxis.title!.text, "fraction of values");
  // h over [-1, 1] with 2 bins: [-1, 0) gets -1; [0, 1] gets 0 and 1.
  assert.deepEqual(fig.data[3].customdata, [1, 2]);
});

test("gateHistogram rejects values outside the gate's range and bad bin counts", () => {
  assert.throws(() => gateHistogram([{ gate: "r", layer: 2, values: [0.5, 1.5] }]), /gate r, layer 2, value 1 is 1.5, expected a number in \[0, 1\]/);
  assert.throws(() => gateHistogram([{ gate: "z", layer: 0, values: [NaN] }]), /value 0 is NaN/);
  assert.throws(() => gateHistogram([], { bins: 0 }), /option bins is 0/);
});

test("gateHistogram bins the LSTM's unbounded c over [−m, m] (m = the largest |c| of every layer given), in its own panel after the gates", () => {
  const fig = gateHistogram([
    { gate: "c", layer: "a", values: [-3, 0.5, 2] },
    { gate: "c", layer: "b", values: [1] },
    { gate: "f", layer: "a", values: [0.9] },
  ], { bins: 4 });
  const layout = fig.layout as Record<string, { range?: number[] }>;
  assert.deepEqual(fig.data.map((d) => d.xaxis), ["x", "x2", "x2"], "f before c");
  assert.deepEqual(layout.xaxis2.range, [-3, 3]);
  // bins [-3, -1.5) [-1.5, 0) [0, 1.5) [1.5, 3]
  assert.deepEqual(fig.data[1].customdata, [1, 0, 1, 1], "hand count");
  assert.deepEqual(fig.data[2].customdata, [0, 0, 1, 0]);
});

test("gateHistogram draws the h̃ of a GRU with another activation (relu: values above 1) over [−m, m] instead of refusing it", () => {
  const fig = gateHistogram([{ gate: "hTilde", layer: 0, values: [0, 0.5, 1.2, 2] }], { bins: 4 });
  const axis = (fig.layout as Record<string, { range: number[] }>).xaxis;
  assert.deepEqual(axis.range, [-2, 2]);
  assert.deepEqual((fig.data[0] as { customdata: number[] }).customdata, [0, 0, 2, 2]);
});
