import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { liveChart } from "../../src/index";
import { type DisplaySink, type MimeBundle } from "../../src/notebook/displaySink";

type Sent = { bundle: MimeBundle; displayId?: string; update?: boolean };
const recorder = () => {
  const sent: Sent[] = [];
  const sink: DisplaySink = { send: (bundle, o = {}) => void sent.push({ bundle, ...o }) };
  return { sent, sink };
};
const figureOf = (s: Sent) => s.bundle["application/vnd.plotly.v1+json"] as { data: Array<{ name: string; y: number[] }> };

test("liveChart redraws one display in place from tfjs's own fit, rows equal to fit's history", async () => {
  await tf.setBackend("cpu");
  const { sent, sink } = recorder();
  const live = liveChart({ sink, title: "tiny" });
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, activation: "softmax", inputShape: [3] })] });
  model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  const x = tf.randomNormal([16, 3], 0, 1, "float32", 1);
  const y = tf.oneHot(tf.tensor1d([0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1], "int32"), 2);
  const history = await model.fit(x, y, { epochs: 3, batchSize: 8, validationSplit: 0.25, callbacks: live, verbose: 0 });
  tf.dispose([x, y]);
  model.dispose();

  const figures = sent.filter((s) => s.bundle["application/vnd.plotly.v1+json"]);
  assert.equal(figures.length, 4, "the empty chart, then one redraw per epoch");
  assert.equal(new Set(figures.map((s) => s.displayId)).size, 1, "always the same display");
  assert.deepEqual(figures.map((s) => Boolean(s.update)), [false, true, true, true]);
  assert.deepEqual(live.rows.map((r) => r.epoch), [1, 2, 3]);
  assert.deepEqual(live.rows.map((r) => r.loss), history.history.loss);
  assert.deepEqual(live.rows.map((r) => r.val_acc), history.history.val_acc);
  assert.ok(live.rows.every((r) => r.seconds >= 0));
  const last = figureOf(figures[3]);
  assert.deepEqual(last.data.find((t) => t.name === "validation loss")!.y, history.history.val_loss);
});

test("update(rows) replaces the drawn rows; 'accuracy' logs are read as acc", async () => {
  const { sent, sink } = recorder();
  const live = liveChart({ sink });
  await live.onEpochEnd(0, { loss: 2, accuracy: 0.25 });
  assert.equal(live.rows[0].acc, 0.25);
  assert.ok(Number.isNaN(live.rows[0].val_loss));
  live.update([{ epoch: 7, loss: 1, val_loss: 1.5, acc: 0.5, val_acc: 0.4, seconds: 1 }]);
  assert.deepEqual(live.rows.map((r) => r.epoch), [7]);
  const last = figureOf(sent[sent.length - 1]);
  assert.deepEqual(last.data[0].y, [1]);
});
