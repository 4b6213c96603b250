import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { execFileSync } from "child_process";
import { buildTutorialClassifier, gru, initBackend, loadModel, lstm, saveModel, simpleRnn } from "../../src/index";
import { OneHotLayer } from "../../src/studies/index";
import { orthogonalInitializer } from "../../src/advanced/index";
import { FusedDenseLayer } from "../../src/models/fusedDenseLayer";

test("loadModel names the missing model.json, the missing weights file and malformed JSON", async () => {
  await initBackend();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-load-"));
  await assert.rejects(loadModel(dir), new RegExp(`loadModel: ${path.join(dir, "model.json")} not found`));
  const model = buildTutorialClassifier({ timesteps: 2, inputDim: 1, outputDim: 2, units: 2 });
  await saveModel(model, dir);
  fs.rmSync(path.join(dir, "weights.bin"));
  await assert.rejects(loadModel(dir), /weights file .*weights\.bin \(listed in .*model\.json\) not found/);
  fs.writeFileSync(path.join(dir, "model.json"), "{not json");
  await assert.rejects(loadModel(dir), /model\.json is not valid JSON/);
  fs.writeFileSync(path.join(dir, "model.json"), "{}");
  await assert.rejects(loadModel(dir), /has no modelTopology or weightsManifest/);
  model.dispose();
});

test("loadModel refuses weights paths outside the model folder (.., absolute, symbolic link) before reading them", async () => {
  await initBackend();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-load-out-"));
  const dir = path.join(root, "model");
  const model = buildTutorialClassifier({ timesteps: 2, inputDim: 1, outputDim: 2, units: 2 });
  await saveModel(model, dir);
  model.dispose();
  const json = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8"));
  fs.copyFileSync(path.join(dir, "weights.bin"), path.join(root, "outside.bin"));
  fs.symlinkSync(path.join(root, "outside.bin"), path.join(dir, "link.bin"));
  for (const p of ["../outside.bin", "../../../../../../../../etc/hostname", path.join(root, "outside.bin"), "link.bin"]) {
    fs.writeFileSync(path.join(dir, "model.json"), JSON.stringify({ ...json, weightsManifest: [{ ...json.weightsManifest[0], paths: [p] }] }));
    await assert.rejects(loadModel(dir), (err: Error) => {
      assert.match(err.message, /^loadModel: .*model\.json lists weights path ".*", which is outside the model folder/, p);
      assert.ok(err.message.includes(JSON.stringify(p)), p);
      return true;
    });
  }
});

test("loadModel on truncated or oversized weights names the sizes and leaks no tensor", async () => {
  await initBackend();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-load-trunc-"));
  const model = buildTutorialClassifier({ timesteps: 2, inputDim: 1, outputDim: 2, units: 2 });
  await saveModel(model, dir);
  model.dispose();
  const weights = fs.readFileSync(path.join(dir, "weights.bin"));
  const before = tf.memory().numTensors;
  for (const bytes of [weights.subarray(0, weights.length - 4), weights.subarray(0, 7), Buffer.concat([weights, Buffer.alloc(8)])]) {
    fs.writeFileSync(path.join(dir, "weights.bin"), bytes);
    await assert.rejects(loadModel(dir), new RegExp(`weights\\.bin holds ${bytes.length} bytes but .*model\\.json lists 5 weights of ${weights.length} bytes \\(truncated or from another model\\)`));
    assert.equal(tf.memory().numTensors, before);
  }
  // A failure inside tfjs after the layers are built (a weight name it does not know) frees them too.
  fs.writeFileSync(path.join(dir, "weights.bin"), weights);
  const json = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8"));
  json.weightsManifest[0].weights[0].name = "no_such_layer/kernel";
  fs.writeFileSync(path.join(dir, "model.json"), JSON.stringify(json));
  await assert.rejects(loadModel(dir), /loadModel: .*model\.json: /);
  assert.equal(tf.memory().numTensors, before);
});

test("loadModel leaves tensors that other code makes while it loads alone, and a loaded model works", async () => {
  await initBackend();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-load-side-"));
  const model = buildTutorialClassifier({ timesteps: 2, inputDim: 1, outputDim: 2, units: 2 });
  await saveModel(model, dir);
  const x = tf.ones([1, 2, 1]);
  const want = (model.predict(x) as tf.Tensor).dataSync();
  model.dispose();
  // Made during the load's awaits, as concurrent code in a notebook or a server would.
  const side = async () => { const made: tf.Tensor[] = []; for (let i = 0; i < 5; i++) { await null; made.push(tf.scalar(i)); } return made; };
  const [loaded, made] = await Promise.all([loadModel(dir), side()]);
  assert.ok(made.every((t) => !t.isDisposed), "tensors made meanwhile survive");
  assert.deepEqual(Array.from((loaded.predict(x) as tf.Tensor).dataSync()), Array.from(want));
  tf.dispose([x, ...made]);
  loaded.dispose();
});

test("loadModel alone loads every grulab layer and initializer: GRU, LSTM, SimpleRNN, one-hot, fused dense, orthogonal (a fresh process that imports only loadModel)", async () => {
  await initBackend();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-load-layers-"));
  const model = tf.sequential({
    layers: [
      new OneHotLayer({ depth: 4, inputShape: [3] }),
      gru({ units: 3, returnSequences: true, recurrentInitializer: orthogonalInitializer({ seed: 1 }) }),
      lstm({ units: 3, returnSequences: true }),
      simpleRnn({ units: 2 }),
      new FusedDenseLayer({ units: 2, activation: "softmax" }),
    ],
  });
  await saveModel(model, dir);
  const x = tf.tensor2d([[0, 1, 3]]);
  const want = Array.from((model.predict(x) as tf.Tensor).dataSync());
  tf.dispose(x);
  model.dispose();
  const script = `
    const tf = require("@tensorflow/tfjs");
    const { loadModel } = require(${JSON.stringify(path.join(__dirname, "../../src/io/loadModel.js"))});
    const { initBackend } = require(${JSON.stringify(path.join(__dirname, "../../src/backend.js"))});
    initBackend().then(() => loadModel(process.argv[1])).then((m) => {
      const y = m.predict(tf.tensor2d([[0, 1, 3]]));
      console.log(JSON.stringify({ classes: m.layers.map((l) => l.getClassName()), y: Array.from(y.dataSync()) }));
    });`;
  const out = execFileSync(process.execPath, ["-e", script, dir], { encoding: "utf8" });
  const got = JSON.parse(out.trim().split("\n").pop() as string) as { classes: string[]; y: number[] };
  assert.deepEqual(got.classes, ["GrulabOneHot", "GrulabGRU", "GrulabLSTM", "GrulabSimpleRNN", "GrulabFusedDense"]);
  assert.deepEqual(got.y, want);
});
