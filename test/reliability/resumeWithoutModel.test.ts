// A run resumed by resumeRun(dir) alone (no model given: the checkpoint's model loaded compiled)
// goes on with the optimizer it had. tfjs compiles a loaded model with its own Adam from
// model.json's training config, which knows nothing of grulab's FusedAdam and its clipNorm: before,
// a char LM built with clipNorm 5 came back with tfjs's Adam and no clipping, and its resumed
// epoch-3 loss differed from the uninterrupted run's (1.7716919302940368 vs 1.771691918373108).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend";
import { buildCharLm } from "../../src/models/buildCharLm";
import { buildTutorialClassifier } from "../../src/models/buildTutorialClassifier";
import { childData } from "../support/runChild";
import { disposeModel } from "../../src/models/disposeModel";
import { FusedAdam } from "../../src/models/fusedAdam";
import { streamWindows } from "../../src/data/streamWindows";
import { resumeRun } from "../../src/runs/resumeRun";
import { startRun } from "../../src/runs/startRun";
import { seededRandom } from "../../src/util/seededRandom";

const CLASSES = ["0", "1", "2", "3", "4", "5"];

type Data = { x: tf.Tensor; y: tf.Tensor };
const FIT = { epochs: 4, batchSize: 8, seed: 1, progress: "none", shuffle: false } as const;

/** Trains `build()` 4 epochs straight, and 2 epochs then resumeRun(dir) alone + 2 more; asserts both end bitwise equal; returns the resumed model. */
async function stopAndResume(parent: string, name: string, build: () => tf.LayersModel, data: Data, classes: string[]): Promise<{ straight: tf.LayersModel; resumed: tf.LayersModel }> {
  const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
  const rowsOf = (rows: { seconds: number }[]) => rows.map(({ seconds, ...r }) => r);
  const straight = await startRun(`straight-${name}`, { classes, dir: parent });
  const a = build();
  const whole = await straight.fit(a, data, FIT);
  straight.mark({ status: "interrupted", reason: "test: compared, not finished" });
  const stopped = await startRun(`stopped-${name}`, { classes, dir: parent });
  const b = build();
  await stopped.fit(b, data, { ...FIT, epochs: 2 });
  stopped.mark({ status: "interrupted", reason: "test: stopped after epoch 2" });
  disposeModel(b);
  const { run, model } = await resumeRun(stopped.dir); // as a user resumes a run folder: no model
  const resumed = await run.fit(model, data, FIT);
  run.mark({ status: "interrupted", reason: "test: compared, not finished" });
  assert.deepEqual(resumed.rows.map((r) => r.epoch), [1, 2, 3, 4]);
  assert.deepEqual(rowsOf(resumed.rows), rowsOf(whole.rows), `${name}: resumed history = uninterrupted`);
  assert.deepEqual(weights(model), weights(a), `${name}: resumed weights = uninterrupted`);
  return { straight: a, resumed: model };
}

test("a char LM with clipNorm (0.05, clipping every step; and the builder's 5): stopped after epoch 2 and resumed with resumeRun(dir) alone = uninterrupted, history and weights bitwise; the optimizer comes back a FusedAdam with the run's clipNorm, learning rate, betas and epsilon", async () => {
  await initBackend();
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-resumenomodel-"));
  const rand = seededRandom(11);
  const ids = Array.from({ length: 1700 }, (_, i) => (i % 5 === 0 ? 0 : 1 + Math.floor(rand() * 5)));
  const windows = streamWindows(ids, { streams: 8, timesteps: 20 });
  const data = { x: windows.x, y: windows.y };
  for (const clipNorm of [0.05, 5]) {
    const build = () => buildCharLm({ vocabSize: 6, units: 8, layers: 2, dropout: 0, seed: 3, timesteps: 20, learningRate: 0.003, clipNorm });
    const { straight, resumed } = await stopAndResume(parent, `charlm-clip-${clipNorm}`, build, data, CLASSES);
    assert.ok(resumed.optimizer instanceof FusedAdam, `clipNorm ${clipNorm}: the optimizer is grulab's FusedAdam, not ${resumed.optimizer.constructor.name}`);
    assert.equal((resumed.optimizer as FusedAdam).clipNorm, clipNorm);
    assert.deepEqual(resumed.optimizer.getConfig(), straight.optimizer.getConfig(), "learning rate, betas, epsilon as built");
    assert.equal(resumed.optimizer.getConfig().learningRate, 0.003);
    disposeModel(straight);
    disposeModel(resumed);
  }
  tf.dispose([data.x, data.y]);
});

test("buildTutorialClassifier with the fused head (its loss computed by categoricalCrossentropyOp): resumed with resumeRun(dir) alone = uninterrupted, bitwise", async () => {
  await initBackend();
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-resumenomodel-"));
  const data = childData(48, 5);
  const build = () => buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units: 4, seed: 2, head: "fused" });
  const { straight, resumed } = await stopAndResume(parent, "tutorial-fused", build, data, ["a", "b", "c"]);
  assert.ok(resumed.optimizer instanceof FusedAdam);
  disposeModel(straight);
  disposeModel(resumed);
  tf.dispose([data.x, data.y]);
});

test("a checkpoint of an Adam written before state.json recorded how the optimizer was made: resumeRun(dir) refuses (naming state.json, suggesting { model }), changes nothing and allocates nothing; with { model } it resumes", async () => {
  await initBackend();
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-resumenomodel-"));
  const rand = seededRandom(12);
  const ids = Array.from({ length: 600 }, () => Math.floor(rand() * 6));
  const windows = streamWindows(ids, { streams: 4, timesteps: 10 });
  const data = { x: windows.x, y: windows.y };
  const build = () => buildCharLm({ vocabSize: 6, units: 4, layers: 1, dropout: 0, seed: 3, timesteps: 10 });
  const fit = { epochs: 3, batchSize: 4, seed: 1, progress: "none", shuffle: false } as const;
  const stopped = await startRun("old", { classes: CLASSES, dir: parent });
  const b = build();
  await stopped.fit(b, data, { ...fit, epochs: 1 });
  stopped.mark({ status: "interrupted", reason: "test: stopped after epoch 1" });
  disposeModel(b);
  const stateFile = path.join(stopped.dir, "checkpoint", "epoch-0001", "state.json");
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
  assert.deepEqual(state.optimizer.made, { class: "FusedAdam", config: { learningRate: 0.002, beta1: 0.9, beta2: 0.999, epsilon: state.optimizer.made.config.epsilon, clipNorm: 5 } });
  assert.deepEqual(state.lossOps, ["sparseCrossentropyOp"]);
  delete state.optimizer.made; // as written before the records
  delete state.lossOps;
  fs.writeFileSync(stateFile, JSON.stringify(state, null, 2) + "\n");
  const runJson = fs.readFileSync(path.join(stopped.dir, "run.json"), "utf8");
  const tensors = tf.memory().numTensors;
  await assert.rejects(resumeRun(stopped.dir), (err: Error) => {
    assert.ok(err.message.startsWith(`${stateFile}: the checkpoint (written before grulab recorded how its optimizer was made) does not say whether the run's Adam clipped its gradients`), err.message);
    assert.match(err.message, /call resumeRun\(dir, \{ model \}\) with the model built and compiled as before; nothing was changed/);
    return true;
  });
  assert.equal(tf.memory().numTensors, tensors, "nothing allocated is left behind");
  assert.equal(fs.readFileSync(path.join(stopped.dir, "run.json"), "utf8"), runJson, "run.json unchanged");
  const { run, model } = await resumeRun(stopped.dir, { model: build() });
  const resumed = await run.fit(model, data, fit);
  assert.deepEqual(resumed.rows.map((r) => r.epoch), [1, 2, 3]);
  run.mark({ status: "interrupted", reason: "test: done" });
  disposeModel(model);
  tf.dispose([data.x, data.y]);
});
