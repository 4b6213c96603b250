// resumeRun(dir, { model }) with a model compiled otherwise than the run: before, only the
// optimizer's class name was compared, so a char LM trained with clipNorm 1 and resumed with a model
// built with clipNorm 5 (or another learning rate, or recompiled with tfjs's Adam and loss) went on
// silently with the new settings. Every setting state.json records (optimizer.made, lossOps) is
// compared now; with the same settings the resumed run still ends bitwise equal to an uninterrupted one.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend";
import { buildCharLm } from "../../src/models/buildCharLm";
import { disposeModel } from "../../src/models/disposeModel";
import { streamWindows } from "../../src/data/streamWindows";
import { resumeRun } from "../../src/runs/resumeRun";
import { startRun } from "../../src/runs/startRun";
import { seededRandom } from "../../src/util/seededRandom";

const CLASSES = ["0", "1", "2", "3", "4", "5"];
const FIT = { epochs: 3, batchSize: 4, seed: 1, progress: "none", shuffle: false } as const;
const build = (o: { learningRate?: number; clipNorm?: number } = {}) =>
  buildCharLm({ vocabSize: 6, units: 4, layers: 1, dropout: 0, seed: 3, timesteps: 10, learningRate: o.learningRate ?? 0.002, clipNorm: o.clipNorm ?? 1 });

function tinyData(): { x: tf.Tensor; y: tf.Tensor } {
  const rand = seededRandom(12);
  const ids = Array.from({ length: 600 }, () => Math.floor(rand() * 6));
  const windows = streamWindows(ids, { streams: 4, timesteps: 10 });
  return { x: windows.x, y: windows.y };
}

test("resumeRun(dir, { model }) refuses a model compiled with another clipNorm, learning rate, or tfjs's Adam and loss, naming state.json, each setting and both values; nothing is changed and the run resumes afterwards", async () => {
  await initBackend();
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-resumesettings-"));
  const data = tinyData();
  const stopped = await startRun("stopped", { classes: CLASSES, dir: parent });
  const b = build();
  await stopped.fit(b, data, { ...FIT, epochs: 1 });
  stopped.mark({ status: "interrupted", reason: "test: stopped after epoch 1" });
  disposeModel(b);
  const stateFile = path.join(stopped.dir, "checkpoint", "epoch-0001", "state.json");
  const runJson = fs.readFileSync(path.join(stopped.dir, "run.json"), "utf8");
  const history = fs.readFileSync(path.join(stopped.dir, "history.csv"), "utf8");
  const refused = async (model: tf.LayersModel, differences: string[]) => {
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    await assert.rejects(resumeRun(stopped.dir, { model }), (err: Error) => {
      assert.ok(err.message.startsWith(`${stateFile}: the model given is compiled with other settings than the run was trained with (${differences.join("; ")}): `), err.message);
      assert.match(err.message, /nothing was changed$/);
      return true;
    });
    assert.deepEqual(model.getWeights().map((w) => Array.from(w.dataSync())), before, "the model given keeps its weights");
    assert.equal(fs.readFileSync(path.join(stopped.dir, "run.json"), "utf8"), runJson, "run.json unchanged");
    assert.equal(fs.readFileSync(path.join(stopped.dir, "history.csv"), "utf8"), history, "history.csv unchanged");
    assert.ok(!fs.existsSync(path.join(stopped.dir, "writer.lock")), "the writer lock is released");
    disposeModel(model);
  };
  const tensors = tf.memory().numTensors;
  await refused(build({ clipNorm: 5 }), ["clipNorm: checkpoint 1, model 5"]);
  await refused(build({ learningRate: 0.004 }), ["learningRate: checkpoint 0.002, model 0.004"]);
  await refused(build({ learningRate: 0.004, clipNorm: 0 }), ["learningRate: checkpoint 0.002, model 0.004", "clipNorm: checkpoint 1, model 0"]);
  const recompiled = build();
  const builders = recompiled.optimizer;
  recompiled.compile({ optimizer: tf.train.adam(0.002), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  builders.dispose(); // its accBeta scalars: the model now holds tfjs's Adam
  await refused(recompiled, ["clipNorm: checkpoint 1, model 0", "lossOps[0]: checkpoint sparseCrossentropyOp, model tfjs's own"]);
  assert.equal(tf.memory().numTensors, tensors, "nothing allocated is left behind");

  const { run, model } = await resumeRun(stopped.dir, { model: build() });
  const resumed = await run.fit(model, data, FIT);
  assert.deepEqual(resumed.rows.map((r) => r.epoch), [1, 2, 3]);
  run.mark({ status: "interrupted", reason: "test: done" });
  disposeModel(model);
  tf.dispose([data.x, data.y]);
});

test("resumeRun(dir, { model }) with the run's settings (a char LM with clipNorm 1): stopped after epoch 1 and resumed = uninterrupted, history and weights bitwise", async () => {
  await initBackend();
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-resumesettings-"));
  const data = tinyData();
  const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
  const rowsOf = (rows: { seconds: number }[]) => rows.map(({ seconds, ...r }) => r);
  const straight = await startRun("straight", { classes: CLASSES, dir: parent });
  const a = build();
  const whole = await straight.fit(a, data, FIT);
  straight.mark({ status: "interrupted", reason: "test: compared, not finished" });
  const stopped = await startRun("stopped", { classes: CLASSES, dir: parent });
  const b = build();
  await stopped.fit(b, data, { ...FIT, epochs: 1 });
  stopped.mark({ status: "interrupted", reason: "test: stopped after epoch 1" });
  disposeModel(b);
  const { run, model } = await resumeRun(stopped.dir, { model: build() });
  const resumed = await run.fit(model, data, FIT);
  run.mark({ status: "interrupted", reason: "test: compared, not finished" });
  assert.deepEqual(rowsOf(resumed.rows), rowsOf(whole.rows), "resumed history = uninterrupted");
  assert.deepEqual(weights(model), weights(a), "resumed weights = uninterrupted");
  disposeModel(a);
  disposeModel(model);
  tf.dispose([data.x, data.y]);
});
