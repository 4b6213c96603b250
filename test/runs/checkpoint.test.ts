import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { checkpointDir, pruneCheckpoints, readCheckpointState, restoreCheckpoint, writeCheckpoint } from "../../src/runs/checkpoint";
import { initBackend } from "../../src/index";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "grulab-checkpoint-"));
const build = (units: number) => {
  const model = tf.sequential({ layers: [tf.layers.dense({ units, inputShape: [3], kernelInitializer: tf.initializers.randomNormal({ seed: units }) })] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
};
const extra = { fit: { epochs: 5, batchSize: 4, seed: 1, patience: 0 }, data: { train: "t", validation: null }, trainSeconds: 1.5 };

test("a checkpoint round trip: weights, Adam's moments and scalars, the best weights and state.json come back exactly", async () => {
  await initBackend("cpu");
  const dir = tmp();
  const model = build(2);
  const x = tf.randomNormal([8, 3], 0, 1, "float32", 1), y = tf.randomNormal([8, 2], 0, 1, "float32", 2);
  await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0, shuffle: false });
  const best = model.getWeights().map((w) => tf.mul(w, 2));
  const written = await writeCheckpoint(dir, model, { epoch: 2, rngState: 7, monitor: "loss", bestEpoch: 1, bestValue: 0.5, bestWeights: best, stoppedEarly: false }, extra);
  assert.equal(written, checkpointDir(dir, 2));
  assert.equal(path.basename(written), "epoch-0002");
  const fresh = build(2);
  await fresh.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 }); // creates the optimizer's slots, then overwritten
  const { state, bestWeights } = await restoreCheckpoint(dir, 2, fresh);
  assert.deepEqual([state.epoch, state.rngState, state.bestEpoch, state.bestValue, state.fit], [2, 7, 1, 0.5, extra.fit]);
  const same = (a: tf.Tensor[], b: tf.Tensor[]) => a.every((t, i) => tf.equal(t, b[i]).all().dataSync()[0] === 1);
  assert.ok(same(fresh.getWeights(), model.getWeights()), "weights");
  assert.ok(same((await fresh.optimizer.getWeights()).map((w) => w.tensor), (await model.optimizer.getWeights()).map((w) => w.tensor)), "optimizer state");
  assert.ok(bestWeights && same(bestWeights, best), "best weights");
  await assert.rejects(restoreCheckpoint(dir, 2, build(3)), /model\.json: weight .* has shape \[3,2\], the model's .* has \[3,3\]/);
  tf.dispose([x, y, ...best, ...(bestWeights ?? [])]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("readCheckpointState names the missing file; pruneCheckpoints keeps one epoch's folder and drops temp folders", async () => {
  await initBackend("cpu");
  const dir = tmp();
  assert.throws(() => readCheckpointState(dir, 3), /epoch-0003\/state\.json not found: the run has 3 completed epochs in history\.csv but no checkpoint of epoch 3/);
  const model = build(1);
  for (const epoch of [1, 2]) await writeCheckpoint(dir, model, { epoch, rngState: 0, monitor: "loss", bestEpoch: 0, bestValue: Infinity, bestWeights: null, stoppedEarly: false }, extra);
  fs.mkdirSync(path.join(dir, "checkpoint", ".epoch-0003.tmp-99"));
  pruneCheckpoints(dir, 2);
  assert.deepEqual(fs.readdirSync(path.join(dir, "checkpoint")), ["epoch-0002"]);
  assert.equal(readCheckpointState(dir, 2).bestValue, null, "Infinity is stored as null");
  fs.rmSync(dir, { recursive: true, force: true });
});
