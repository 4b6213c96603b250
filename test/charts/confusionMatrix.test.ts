import { test } from "node:test";
import * as assert from "node:assert/strict";
import { confusionMatrix } from "../../src/index";

test("confusionMatrix colours by row share and writes count and percent in each cell", () => {
  const fig = confusionMatrix([[3, 1], [0, 4]], ["rain", "sun"]);
  assert.equal(fig.data.length, 1);
  const hm = fig.data[0] as { type: string; z: number[][]; text: string[][]; zmin: number; zmax: number };
  assert.equal(hm.type, "heatmap");
  // Hand computed: row 0 has 4 samples (3 right), row 1 has 4 (all right).
  assert.deepEqual(hm.z, [[0.75, 0.25], [0, 1]]);
  assert.deepEqual(hm.text, [["3<br>75.0%", "1<br>25.0%"], ["0<br>0.0%", "4<br>100.0%"]]);
  assert.equal(hm.zmin, 0);
  assert.equal(hm.zmax, 1);
  const layout = fig.layout as { xaxis: { title: { text: string }; ticktext: string[] }; yaxis: { title: { text: string }; ticktext: string[]; autorange: string } };
  assert.equal(layout.xaxis.title.text, "predicted");
  assert.equal(layout.yaxis.title.text, "actual");
  assert.deepEqual(layout.xaxis.ticktext, ["rain", "sun"]);
  assert.equal(layout.yaxis.autorange, "reversed", "first class at the top");
});

test("confusionMatrix escapes class labels for plotly and leaves an empty row at zero", () => {
  const fig = confusionMatrix([[0, 0], [2, 1]], ["<img src=x onerror=alert(1)>", "a & b"]);
  const layout = fig.layout as { xaxis: { ticktext: string[] } };
  assert.deepEqual(layout.xaxis.ticktext, ["&lt;img src=x onerror=alert(1)&gt;", "a &amp; b"]);
  assert.ok(!JSON.stringify(fig).includes("<img"), "no raw markup anywhere in the figure");
  assert.deepEqual((fig.data[0] as { z: number[][] }).z[0], [0, 0]);
});

test("confusionMatrix rejects a matrix whose shape does not match the classes, naming the row", () => {
  assert.throws(() => confusionMatrix([[1, 2]], ["a", "b"]), /expected 2 rows/);
  assert.throws(() => confusionMatrix([[1, 2], [3]], ["a", "b"]), /row 1 \(actual "b"\) has 1 columns, expected 2/);
  assert.throws(() => confusionMatrix([[1, -2], [3, 4]], ["a", "b"]), /cell \[0\]\[1\] is -2/);
});
