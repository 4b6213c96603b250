import { test } from "node:test";
import * as assert from "node:assert/strict";
import { predictionsVsActual } from "../../src/index";

test("predictionsVsActual draws actual and predicted lines and reports MAE and RMSE", () => {
  const fig = predictionsVsActual([1, 2, 3, 4], Float32Array.from([1, 3, 3, 2]), { yTitle: "CO2 <ppm>", x: [10, 11, 12, 13] });
  assert.equal(fig.data.length, 2);
  assert.deepEqual(fig.data.map((d) => d.name), ["actual", "predicted"]);
  assert.deepEqual(fig.data[0].x, [10, 11, 12, 13]);
  assert.deepEqual(fig.data[1].y, [1, 3, 3, 2]);
  // errors 0, 1, 0, -2: MAE = 3/4, RMSE = sqrt(5/4)
  const meta = (fig.layout as { meta: { mae: number; rmse: number } }).meta;
  assert.equal(meta.mae, 0.75);
  assert.ok(Math.abs(meta.rmse - Math.sqrt(1.25)) < 1e-12);
  const layout = fig.layout as { title: { text: string }; yaxis: { title: { text: string } }; xaxis: { title: { text: string } } };
  assert.match(layout.title.text, /MAE 0\.7500, RMSE 1\.118/);
  assert.equal(layout.yaxis.title.text, "CO2 &lt;ppm&gt;");
  assert.equal(layout.xaxis.title.text, "time step");
});

test("predictionsVsActual uses 0..n-1 as x by default", () => {
  const fig = predictionsVsActual([5, 6, 7], [5, 6, 7]);
  assert.deepEqual(fig.data[0].x, [0, 1, 2]);
  assert.equal((fig.layout as { meta: { rmse: number } }).meta.rmse, 0);
});

test("predictionsVsActual rejects mismatched lengths and non-finite values, naming the index", () => {
  assert.throws(() => predictionsVsActual([1, 2], [1]), /actual has 2 values, predicted has 1/);
  assert.throws(() => predictionsVsActual([1, 2], [1, NaN]), /index 1 is not finite/);
  assert.throws(() => predictionsVsActual([1, 2], [1, 2], { x: [0] }), /option x has 1 values, expected 2/);
});

test("predictionsVsActual draws a band under the lines, filled between its upper and lower edges", () => {
  const fig = predictionsVsActual([1, 2, 3], [1.5, 2, 2.5], { band: { lower: [1, 1.5, 2], upper: [2, 2.5, 3], name: "± 1 sd" } });
  assert.deepEqual(fig.data.map((d) => d.name), ["band upper", "± 1 sd", "actual", "predicted"]);
  assert.deepEqual(fig.data[0].y, [2, 2.5, 3]);
  assert.deepEqual(fig.data[1].y, [1, 1.5, 2]);
  assert.equal(fig.data[1].fill, "tonexty");
  assert.throws(() => predictionsVsActual([1, 2], [1, 2], { band: { lower: [1], upper: [1, 2] } }), /option band has 1 lower and 2 upper values, expected 2/);
});
