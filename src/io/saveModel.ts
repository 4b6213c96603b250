import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { writeFileAtomic } from "./writeFileAtomic";
import { MODEL_FILES } from "./modelFiles";

/**
 * Saves a tfjs layers model to a folder as `model.json` + `weights.bin` (the tfjs layers
 * format, readable by `tf.loadLayersModel` and by `loadModel`) through plain `fs`: no
 * tfjs-node, no `file://` handler. The weights are written first and `model.json` last, each
 * atomically, so a reader never finds a model.json whose weights are missing.
 *
 * @example
 * await saveModel(model, "runs/x/model");
 */
export async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  const handler: tf.io.IOHandler = {
    save: async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error(`saveModel ${dir}: binary model topology is not supported`);
      const weightData = artifacts.weightData == null ? new ArrayBuffer(0) : tf.io.concatenateArrayBuffers(
        Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData]);
      fs.mkdirSync(dir, { recursive: true });
      writeFileAtomic(path.join(dir, MODEL_FILES.weights), new Uint8Array(weightData));
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as tf.io.ModelJSON["modelTopology"],
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [MODEL_FILES.weights], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
      };
      writeFileAtomic(path.join(dir, MODEL_FILES.json), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
  await model.save(handler);
}
