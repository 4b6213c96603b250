import * as fs from "fs";
import * as path from "path";
import type * as tf from "@tensorflow/tfjs";
import { saveModel } from "../io/saveModel";
import { MODEL_FILES } from "../io/modelFiles";

/**
 * Writes `model` into `dir` (model.json + weights.bin) so that a reader always finds a loadable
 * model: a new folder is written under a temp name and renamed; an existing one gets its
 * weights.bin replaced atomically, then model.json (the same architecture, rewritten atomically).
 */
export async function writeModelFolder(model: tf.LayersModel, dir: string): Promise<void> {
  if (fs.existsSync(path.join(dir, MODEL_FILES.json))) {
    await saveModel(model, dir);
    return;
  }
  const tmp = path.join(path.dirname(dir), `.${path.basename(dir)}.tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  await saveModel(model, tmp);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
}
