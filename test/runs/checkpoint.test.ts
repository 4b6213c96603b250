import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { checkpointDir, pruneCheckpoints, readCheckpointState, restoreCheckpoint, writeCheckpoint } from "../../src/runs/checkpoint";
import { initBackend } from "../../src/index";
import { FusedAdam } from "../../src/models/fusedAdam";

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

test("restoreCheckpoint compares every optimizer setting state.json records: tfjs's Adam is recorded as \"Adam\" and taken as clipNorm 0 (a FusedAdam with clipNorm 0 resumes it, one with 5 is refused); an SGD with another learning rate is refused; an older record of tfjs's Adam as \"FusedAdam\" without clipNorm reads as clipNorm 0", async () => {
  await initBackend("cpu");
  const withOptimizer = (optimizer: tf.Optimizer) => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], kernelInitializer: tf.initializers.randomNormal({ seed: 2 }) })] });
    model.compile({ optimizer, loss: "meanSquaredError" });
    return model;
  };
  const x = tf.randomNormal([8, 3], 0, 1, "float32", 1), y = tf.randomNormal([8, 2], 0, 1, "float32", 2);
  const checkpointOf = async (model: tf.LayersModel) => {
    const dir = tmp();
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, shuffle: false });
    await writeCheckpoint(dir, model, { epoch: 1, rngState: 7, monitor: "loss", bestEpoch: 1, bestValue: 0.5, bestWeights: null, stoppedEarly: false }, extra);
    model.dispose();
    return dir;
  };
  const stateFile = (dir: string) => path.join(checkpointDir(dir, 1), "state.json");
  const refusal = (dir: string, differences: string) => (err: Error) => {
    assert.ok(err.message.startsWith(`${stateFile(dir)}: the model given is compiled with other settings than the run was trained with (${differences}): continuing would train differently from the run; `), err.message);
    assert.ok(err.message.endsWith("nothing was changed"), err.message);
    return true;
  };

  const adamDir = await checkpointOf(withOptimizer(tf.train.adam(0.01)));
  const adamState = readCheckpointState(adamDir, 1);
  assert.deepEqual(adamState.optimizer.made, { class: "Adam", config: { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: adamState.optimizer.made?.config.epsilon } }, "tfjs's Adam is recorded as itself, not as a FusedAdam");
  const resumable = [withOptimizer(tf.train.adam(0.01)), withOptimizer(new FusedAdam(0.01, 0))];
  for (const m of resumable) {
    const { bestWeights } = await restoreCheckpoint(adamDir, 1, m);
    assert.equal(bestWeights, null);
    m.dispose();
  }
  const clipping = withOptimizer(new FusedAdam(0.01, 5));
  await assert.rejects(restoreCheckpoint(adamDir, 1, clipping), refusal(adamDir, "clipNorm: checkpoint 0, model 5"));
  const slower = withOptimizer(tf.train.adam(0.001, 0.8));
  await assert.rejects(restoreCheckpoint(adamDir, 1, slower), refusal(adamDir, "learningRate: checkpoint 0.01, model 0.001; beta1: checkpoint 0.9, model 0.8"));

  const sgdDir = await checkpointOf(withOptimizer(tf.train.sgd(0.1)));
  assert.deepEqual(readCheckpointState(sgdDir, 1).optimizer.made, { class: "SGD", config: { learningRate: 0.1 } });
  const sgd = withOptimizer(tf.train.sgd(0.1));
  await restoreCheckpoint(sgdDir, 1, sgd);
  const sgdOther = withOptimizer(tf.train.sgd(0.2));
  await assert.rejects(restoreCheckpoint(sgdDir, 1, sgdOther), refusal(sgdDir, "learningRate: checkpoint 0.1, model 0.2"));

  // As written before the fix: tfjs's Adam recorded as "FusedAdam" with no clipNorm.
  const old = JSON.parse(fs.readFileSync(stateFile(adamDir), "utf8"));
  old.optimizer.made.class = "FusedAdam";
  fs.writeFileSync(stateFile(adamDir), JSON.stringify(old));
  const tfjsAdam = withOptimizer(tf.train.adam(0.01));
  await restoreCheckpoint(adamDir, 1, tfjsAdam);
  await assert.rejects(restoreCheckpoint(adamDir, 1, clipping), refusal(adamDir, "clipNorm: checkpoint 0, model 5"));
  [clipping, slower, sgd, sgdOther, tfjsAdam].forEach((m) => m.dispose());
  tf.dispose([x, y]);
});
