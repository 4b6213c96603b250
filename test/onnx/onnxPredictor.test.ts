import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { buildTutorialClassifier, initBackend } from "../../src/index";
import { exportOnnx, onnxPredictor } from "../../src/onnx/index";
import { loadOnnxRuntime } from "../../src/onnx/onnxPredictor";
import { maxAbsDiff, seededArray } from "../support/float64Gru";
import { randomizeWeights } from "./onnxCases";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-onnx-predictor-"));
before(() => initBackend("cpu"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

let skip: string | false = false;
try { loadOnnxRuntime(); } catch (e) { skip = `onnxruntime-node is not installed here: ${(e as Error).message.split(" (")[0]}`; }

test("onnxPredictor gives model.predict's output (shape and values within 1e-5) with 1 and 2 threads, for batches of any size", { skip }, async () => {
  const model = buildTutorialClassifier({ timesteps: 14, inputDim: 6, outputDim: 5, units: 32 });
  randomizeWeights(model, 11, 0.3);
  const file = path.join(dir, "tutorial.onnx");
  const exported = exportOnnx(model, file);
  assert.deepEqual(exported.input.dims, ["batch", 14, 6]);
  assert.deepEqual(exported.output.dims, ["batch", 5]);
  for (const threads of [1, 2]) {
    const ort = await onnxPredictor(file, { threads });
    assert.match(ort.version, /^\d+\.\d+/);
    for (const batch of [1, 7]) {
      const x = tf.tensor3d(seededArray([batch, 14, 6], batch + threads, 2));
      const y = await ort.predict(x);
      const expected = model.predict(x) as tf.Tensor;
      assert.deepEqual(y.shape, expected.shape);
      const diff = maxAbsDiff(y.dataSync(), expected.dataSync());
      assert.ok(diff <= 1e-5, `threads ${threads}, batch ${batch}: max abs diff ${diff}`);
      tf.dispose([x, y, expected]);
    }
    await ort.close();
  }
  model.dispose();
});

test("onnxPredictor on a file that is not an ONNX model rejects with onnxruntime's reason", { skip }, async () => {
  const file = path.join(dir, "not-a-model.onnx");
  fs.writeFileSync(file, "hello");
  await assert.rejects(onnxPredictor(file), (e: Error) => e.message.startsWith(`onnxPredictor: onnxruntime-node`) && e.message.includes(`could not load ${file}`) && /protobuf|pars/i.test(e.message));
  await assert.rejects(onnxPredictor(path.join(dir, "missing.onnx")), /could not load .*missing\.onnx/);
});
