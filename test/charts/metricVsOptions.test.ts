import { test } from "node:test";
import * as assert from "node:assert/strict";
import { metricVsOptions } from "../../src/charts/metricVsOptions";

test("metricVsOptions: one panel per option sharing the metric's axis; text options on a category axis, log where asked", () => {
  const rows = [{ trialId: "a", cell: "gru", lr: 0.001, val_loss: 0.5 }, { trialId: "b", cell: "lstm", lr: 0.01, val_loss: 0.7 }, { trialId: "c", cell: "gru", lr: 0.1, val_loss: NaN }];
  const fig = metricVsOptions(rows, { options: ["cell", "lr"], metric: "val_loss", logOptions: ["lr"] });
  assert.deepEqual(fig.data.map((d) => [d.xaxis, d.yaxis]), [["x", "y"], ["x2", "y"]]);
  assert.deepEqual(fig.data[0].x, ["gru", "lstm"]);
  assert.deepEqual(fig.data[1].x, [0.001, 0.01]);
  assert.deepEqual(fig.data[1].y, [0.5, 0.7]);
  assert.deepEqual(fig.data[0].text, ["a", "b"]);
  const layout = fig.layout as Record<string, { type: string; domain: number[] }>;
  assert.equal(layout.xaxis.type, "category");
  assert.equal(layout.xaxis2.type, "log");
  assert.ok(layout.xaxis.domain[1] < layout.xaxis2.domain[0], "side by side");
});
