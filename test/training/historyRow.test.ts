// historyColumns: history.csv's header for a model's metrics — the same quantities tfjs's own
// fit() reports for that model, plus epoch and seconds.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { HISTORY_FIXED_COLUMNS, historyColumns } from "../../src/training/historyRow";

test("epoch, loss, val_loss, the metrics, their val_ twins, seconds; 'loss' among the names is not repeated", () => {
  assert.deepEqual(historyColumns(["loss", "acc", "mae"]), ["epoch", "loss", "val_loss", "acc", "mae", "val_acc", "val_mae", "seconds"]);
  assert.deepEqual(historyColumns([]), ["epoch", "loss", "val_loss", "seconds"]);
  assert.deepEqual([...HISTORY_FIXED_COLUMNS].sort(), historyColumns(["loss"]).sort());
});

test("the columns besides epoch and seconds are exactly the keys of tfjs's fit() history for the compiled model", async () => {
  await tf.setBackend("cpu");
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, activation: "softmax", inputShape: [3] })] });
  model.compile({ optimizer: "sgd", loss: "categoricalCrossentropy", metrics: ["accuracy", "mse"] });
  const x = tf.ones([4, 3]), y = tf.oneHot(tf.tensor1d([0, 1, 0, 1], "int32"), 2);
  const h = await model.fit(x, y, { epochs: 1, validationData: [x, y], verbose: 0 });
  const cols = historyColumns(model.metricsNames);
  assert.deepEqual(cols.filter((c) => c !== "epoch" && c !== "seconds").sort(), Object.keys(h.history).sort());
  model.dispose();
});
