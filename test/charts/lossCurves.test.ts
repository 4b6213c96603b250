import { test } from "node:test";
import * as assert from "node:assert/strict";
import { lossCurves, type HistoryRow } from "../../src/index";

const row = (epoch: number, loss: number, val_loss: number): HistoryRow => ({ epoch, loss, val_loss, acc: 1 - loss / 2, val_acc: 1 - val_loss / 2, seconds: 1 });

test("lossCurves draws train and validation loss and accuracy and marks the lowest validation loss", () => {
  const fig = lossCurves([row(1, 1, 1.2), row(2, 0.8, 0.9), row(3, 0.6, 1.0)]);
  assert.deepEqual(fig.data.map((d) => d.name), ["train loss", "train accuracy", "validation loss", "validation accuracy"]);
  assert.deepEqual(fig.data[2].y, [1.2, 0.9, 1.0]);
  assert.deepEqual(fig.data.map((d) => d.yaxis), ["y", "y2", "y", "y2"]);
  const layout = fig.layout as { shapes: Array<{ x0: number }>; annotations: Array<{ text: string }>; yaxis: { title: { text: string } }; yaxis2: { title: { text: string } } };
  assert.deepEqual(layout.shapes.map((s) => s.x0), [2, 2]);
  assert.equal(layout.annotations[0].text, "best epoch 2");
  assert.equal(layout.yaxis.title.text, "loss");
  assert.equal(layout.yaxis2.title.text, "accuracy");
  assert.deepEqual([(fig.layout as { xaxis: { tick0: number; dtick: number } }).xaxis.tick0, (fig.layout as { xaxis: { dtick: number } }).xaxis.dtick], [1, 1], "whole epochs");
});

test("lossCurves without validation marks the lowest training loss and escapes its title", () => {
  const fig = lossCurves([row(1, 1, NaN), row(2, 0.5, NaN), row(3, 0.7, NaN)], { title: "<i>run</i>" });
  assert.equal(fig.data.length, 2);
  assert.equal((fig.layout as { shapes: Array<{ x0: number }> }).shapes[0].x0, 2);
  assert.equal((fig.layout as { title: { text: string } }).title.text, "&lt;i&gt;run&lt;/i&gt;");
});
