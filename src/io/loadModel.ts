import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import "../models/gru"; // registers GrulabGRU, so saved models with it load

/**
 * Loads a model saved by `saveModel` (or any tfjs layers-format folder whose weights sit beside
 * model.json) through plain `fs`. Errors name the file that is missing or malformed. The model
 * comes back uncompiled, as with `tf.loadLayersModel`; compile it to train further.
 *
 * @example
 * const model = await loadModel("runs/x/model");
 * const p = model.predict(x) as tf.Tensor;
 */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  const jsonFile = path.join(dir, "model.json");
  if (!fs.existsSync(jsonFile)) throw new Error(`loadModel: ${jsonFile} not found`);
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(fs.readFileSync(jsonFile, "utf8")) as tf.io.ModelJSON;
  } catch (err) {
    throw new Error(`loadModel: ${jsonFile} is not valid JSON: ${(err as Error).message}`);
  }
  if (json.modelTopology == null || !Array.isArray(json.weightsManifest)) {
    throw new Error(`loadModel: ${jsonFile} has no modelTopology or weightsManifest (not a tfjs layers model)`);
  }
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const buffers: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) {
      const file = path.join(dir, p);
      if (!fs.existsSync(file)) throw new Error(`loadModel: weights file ${file} (listed in ${jsonFile}) not found`);
      buffers.push(fs.readFileSync(file));
    }
  }
  const total = buffers.reduce((s, b) => s + b.byteLength, 0);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    weightData.set(b, offset);
    offset += b.byteLength;
  }
  const handler: tf.io.IOHandler = {
    load: async () => ({
      modelTopology: json.modelTopology,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      trainingConfig: json.trainingConfig,
      weightSpecs,
      weightData: weightData.buffer,
    }),
  };
  return tf.loadLayersModel(handler);
}
