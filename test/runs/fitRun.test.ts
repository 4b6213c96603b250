import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { buildTutorialClassifier, initBackend, resumeRun, startRun } from "../../src/index";
import { TrainingDiverged } from "../../src/advanced/index";

test("fitRun: records its options in config.json and refuses a second fit, an uncompiled model and a finished run", async () => {
  await initBackend("cpu");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-fit-"));
  const x = tf.randomNormal([8, 4, 2], 0, 1, "float32", 1), y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], "int32"), 3);
  const model = buildTutorialClassifier({ timesteps: 4, inputDim: 2, outputDim: 3, units: 3, seed: 2 });
  const run = await startRun("fit", { classes: ["a", "b", "c"], dir });
  const uncompiled = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4, 2] })] });
  await assert.rejects(run.fit(uncompiled, { x, y }, { epochs: 1, progress: "none" }), /fit: model ".*" is not compiled: call model.compile/);
  const r = await run.fit(model, { x, y }, { epochs: 2, batchSize: 4, seed: 9, progress: "none" });
  assert.deepEqual(r.rows.map((row) => row.epoch), [1, 2]);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(run.dir, "config.json"), "utf8")).fit, { epochs: 2, batchSize: 4, seed: 9, patience: 0 });
  await assert.rejects(run.fit(model, { x, y }, { epochs: 1, progress: "none" }), /fit: run .* has been fitted already \(2 epochs\): start a new run for another fit/);
  tf.dispose([x, y]);
  model.dispose();
  uncompiled.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("fitRun: a loss that overflows marks the run diverged with where it happened and rethrows TrainingDiverged; NaN inputs never train", async () => {
  await initBackend("cpu");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-fit-nan-"));
  const x = tf.tensor3d(Array.from({ length: 16 }, (_, i) => i), [2, 4, 2]), y = tf.tensor2d([[1e30], [-1e30]]);
  const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [4, 2] }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.sgd(1e20), loss: "meanSquaredError" });
  const run = await startRun("nan", { task: "regression", dir });
  const bad = tf.tensor3d(Array.from({ length: 16 }, (_, i) => (i === 5 ? NaN : i)), [2, 4, 2]);
  await assert.rejects(run.fit(model, { x: bad, y }, { epochs: 1, progress: "none" }), /train: x has NaN at sample 0, index \[2, 1\]: inputs and targets must be finite/);
  assert.equal(run.status, "failed", "a run whose data is bad is failed");
  const again = await startRun("overflow", { task: "regression", dir });
  await assert.rejects(again.fit(model, { x, y }, { epochs: 3, batchSize: 2, progress: "none" }), (err) => err instanceof TrainingDiverged);
  const info = JSON.parse(fs.readFileSync(path.join(again.dir, "run.json"), "utf8"));
  assert.equal(info.status, "diverged");
  assert.match(info.reason, /at epoch \d+, batch 1\/1; /);
  tf.dispose([x, y, bad]);
  model.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("fitRun with validate and validationMetrics []: history.csv has val_loss and no empty val_acc; a run resumed from a history with val_acc keeps that header", async () => {
  await initBackend("cpu");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-fit-valmetrics-"));
  const x = tf.randomNormal([8, 4, 2], 0, 1, "float32", 1), y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], "int32"), 3);
  const build = () => buildTutorialClassifier({ timesteps: 4, inputDim: 2, outputDim: 3, units: 3, seed: 2 });
  const scores = [0.9, 0.8, 0.7];
  const validate = async (_m: tf.LayersModel, pass: { signal?: AbortSignal }) => {
    assert.ok(pass.signal instanceof AbortSignal, "validate gets fit's abort signal");
    return { val_loss: scores.shift()! };
  };
  try {
    const fresh = await startRun("fresh", { classes: ["a", "b", "c"], dir });
    const m1 = build();
    await fresh.fit(m1, { x, y }, { epochs: 1, progress: "none", validate, validationMetrics: [] });
    const text = fs.readFileSync(path.join(fresh.dir, "history.csv"), "utf8").split("\n");
    assert.equal(text[0], "epoch,loss,val_loss,acc,seconds");
    assert.match(text[1], /^1,[\d.e-]+,0\.9,[\d.e-]+,[\d.e-]+$/);
    m1.dispose();
    // An older run: validate without validationMetrics (every metric: an empty val_acc), then resumed under the new code.
    const old = await startRun("old", { classes: ["a", "b", "c"], dir });
    const m2 = build();
    await old.fit(m2, { x, y }, { epochs: 1, progress: "none", validate: async () => ({ val_loss: 0.5 }) });
    m2.dispose();
    old.mark({ status: "interrupted", reason: "test" });
    const { run: again, model } = await resumeRun(old.dir);
    await again.fit(model, { x, y }, { epochs: 2, progress: "none", validate, validationMetrics: [] });
    const lines = fs.readFileSync(path.join(old.dir, "history.csv"), "utf8").trim().split("\n");
    assert.equal(lines[0], "epoch,loss,val_loss,acc,val_acc,seconds", "the resumed run keeps its columns");
    assert.deepEqual(lines.slice(1).map((l) => l.split(",").length), [6, 6]);
    assert.deepEqual(lines.slice(1).map((l) => [l.split(",")[0], l.split(",")[2], l.split(",")[4]]), [["1", "0.5", ""], ["2", "0.8", ""]]);
    model.dispose();
  } finally {
    tf.dispose([x, y]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
