import { test } from "node:test";
import * as assert from "node:assert/strict";
import { lineChartSvg } from "../../src/charts/lineChartSvg";

test("lineChartSvg: one marker per finite point carrying its values, gaps for null, placed on a log₂ x axis; bad ranges refused", () => {
  const svg = lineChartSvg([
    { name: "GRU", points: [{ x: 50, y: 1 }, { x: 100, y: 0.4 }, { x: 200, y: null }] },
    { name: "LSTM <b>", points: [{ x: 50, y: 0 }, { x: 100, y: 1 }, { x: 200, y: 0.5 }] },
  ], { title: "t", xLabel: "T", yLabel: "rate", xTicks: [50, 100, 200], yRange: [0, 1], logX: true });
  assert.ok(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"[^>]*data-series="([^"]*)" data-x="([\d.]+)" data-y="([\d.]+)"/g)];
  assert.equal(circles.length, 5, "the null point is left out");
  assert.deepEqual(circles.map((c) => [c[3], Number(c[4]), Number(c[5])]), [["GRU", 50, 1], ["GRU", 100, 0.4], ["LSTM &lt;b&gt;", 50, 0], ["LSTM &lt;b&gt;", 100, 1], ["LSTM &lt;b&gt;", 200, 0.5]]);
  const cx = (i: number) => Number(circles[i][1]);
  assert.ok(Math.abs((cx(1) - cx(0)) - (cx(4) - cx(3))) < 0.2, "log₂ axis: 50→100 spans as much as 100→200");
  const cy = (i: number) => Number(circles[i][2]);
  assert.ok(cy(0) < cy(1) && cy(1) < cy(2), "higher values sit higher");
  assert.throws(() => lineChartSvg([], { title: "", xLabel: "", yLabel: "", xTicks: [1], yRange: [1, 1] }), /option yRange: \[1,1\]/);
  assert.throws(() => lineChartSvg([], { title: "", xLabel: "", yLabel: "", xTicks: [], yRange: [0, 1] }), /option xTicks/);
});
