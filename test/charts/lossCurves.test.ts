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

test("lossCurves of several named histories: one colour per run, names in the legend, a star at each best epoch", () => {
  const fig = lossCurves({ gru: [row(1, 1, 1.2), row(2, 0.8, 0.9)], lstm: [row(1, 0.9, 1.0), row(2, 0.7, 0.95), row(3, 0.6, 0.97)] });
  const lines = fig.data.filter((d) => d.mode === "lines+markers");
  assert.deepEqual(lines.map((d) => d.name), [
    "gru: train loss", "gru: train accuracy", "gru: validation loss", "gru: validation accuracy",
    "lstm: train loss", "lstm: train accuracy", "lstm: validation loss", "lstm: validation accuracy",
  ]);
  const colour = (d: Record<string, unknown>) => (d.line as { color: string }).color;
  assert.equal(new Set(lines.slice(0, 4).map(colour)).size, 1);
  assert.notEqual(colour(lines[0]), colour(lines[4]));
  const stars = fig.data.filter((d) => d.mode === "markers");
  assert.deepEqual(stars.map((d) => [d.x, d.y]), [[[2], [0.9]], [[2], [0.95]]]);
  assert.deepEqual((fig.layout as { shapes: unknown[] }).shapes, [], "no single best-epoch line for several runs");
  assert.equal((fig.layout as { title: { text: string } }).title.text, "Training history: gru, lstm");
  assert.deepEqual((fig.layout as { xaxis: { tick0: number; dtick: number } }).xaxis.tick0, 1);
});

test("lossCurves of a regressor plots its first metric (mae) on the right; without metrics, the loss panel only", () => {
  const reg = [{ epoch: 1, loss: 2, val_loss: 2.5, mae: 1.1, val_mae: 1.3, seconds: 1 }, { epoch: 2, loss: 1, val_loss: 1.5, mae: 0.8, val_mae: 0.9, seconds: 1 }] as unknown as HistoryRow[];
  const fig = lossCurves(reg);
  assert.deepEqual(fig.data.map((d) => d.name), ["train loss", "train mean absolute error", "validation loss", "validation mean absolute error"]);
  assert.deepEqual(fig.data[3].y, [1.3, 0.9]);
  assert.equal((fig.layout as { yaxis2: { title: { text: string } } }).yaxis2.title.text, "mean absolute error");
  const bare = lossCurves([{ epoch: 1, loss: 2, val_loss: NaN, seconds: 1 }] as unknown as HistoryRow[]);
  assert.deepEqual(bare.data.map((d) => d.name), ["train loss"]);
  assert.equal((bare.layout as { xaxis2?: unknown }).xaxis2, undefined);
});

test("lossCurves: no histories, or a history that is not rows, is an error saying so", () => {
  assert.throws(() => lossCurves({}), /lossCurves: no histories given/);
  assert.throws(() => lossCurves({ a: 3 as unknown as HistoryRow[] }), /lossCurves: history "a" is not an array of rows \(got number\)/);
});
