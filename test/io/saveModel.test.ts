import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { buildTutorialClassifier, initBackend, loadModel, saveModel } from "../../src/index";

for (const gru of ["grulab", "tfjs"] as const) test(`saveModel writes model.json + weights.bin that loadModel reads back to identical predictions (${gru} GRU)`, async () => {
  await initBackend();
  const model = buildTutorialClassifier({ timesteps: 6, inputDim: 3, outputDim: 4, units: 5, seed: 11, gru });
  // Move the weights away from their initial values so the round trip is not trivially "re-init".
  await model.trainOnBatch(tf.randomNormal([8, 6, 3], 0, 1, "float32", 2), tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], "int32"), 4));
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grulab-model-")), "model");
  await saveModel(model, dir);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["model.json", "weights.bin"]);
  const json = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8"));
  assert.equal(json.format, "layers-model");
  assert.deepEqual(json.weightsManifest[0].paths, ["weights.bin"]);
  // float32: 4 bytes per parameter.
  assert.equal(fs.statSync(path.join(dir, "weights.bin")).size, model.countParams() * 4);

  const loaded = await loadModel(dir);
  const x = tf.randomNormal([5, 6, 3], 0, 1, "float32", 3);
  const a = (model.predict(x) as tf.Tensor).arraySync();
  const b = (loaded.predict(x) as tf.Tensor).arraySync();
  assert.deepEqual(b, a);
  assert.deepEqual(loaded.getWeights().map((w) => Array.from(w.dataSync())), model.getWeights().map((w) => Array.from(w.dataSync())));
  // The layer comes back as the same class (grulab's registered GRU or tf.layers.gru), read without tfjs-node.
  assert.equal(loaded.layers[0].getClassName(), gru === "tfjs" ? "GRU" : "GrulabGRU");
  model.dispose();
  loaded.dispose();
});
