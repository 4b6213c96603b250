import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildTutorialClassifier, initBackend, loadModel, saveModel } from "../../src/index";

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
