import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
// Every grulab layer and initializer a saved model may name registers itself with tfjs when its
// module loads: loadModel imports them all, so any grulab model loads whatever else was imported.
import "../models/gru";
import "../models/lstm";
import "../models/simpleRnn";
import "../models/oneHotLayer";
import "../models/fusedDenseLayer";
import "../models/orthogonalInitializer";
import { MODEL_FILES } from "./modelFiles";

/**
 * Loads a model saved by `saveModel` (or any tfjs layers-format folder whose weights sit beside
 * model.json) through plain `fs`. Errors name the file that is missing or malformed; a weights
 * path outside the folder and a weights file of the wrong size are refused before any tensor is
 * made, and a failed load frees what it allocated. The model
 * comes back uncompiled, as with `tf.loadLayersModel`; compile it to train further.
 *
 * @example
 * const model = await loadModel("runs/x/model");
 * const p = model.predict(x) as tf.Tensor;
 */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  const jsonFile = path.join(dir, MODEL_FILES.json);
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
  const files: string[] = [];
  const home = fs.realpathSync(dir);
  json.weightsManifest.forEach((group, g) => {
    if (typeof group !== "object" || group === null || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new Error(`loadModel: ${jsonFile}: weightsManifest[${g}] is ${JSON.stringify(group)?.slice(0, 80)}, expected { "paths": [file, …], "weights": [spec, …] }; the file is damaged: save the model again`);
    }
    weightSpecs.push(...group.weights);
    for (const p of group.paths) {
      const file = path.join(dir, String(p));
      // A weights path may not leave the model folder (by "..", an absolute path or a symbolic link).
      const outside = (from: string, to: string) => { const r = path.relative(from, to); return r.startsWith("..") || path.isAbsolute(r); };
      if (typeof p !== "string" || path.isAbsolute(p) || outside(path.resolve(dir), path.resolve(dir, p)) ||
          (fs.existsSync(file) && outside(home, fs.realpathSync(file)))) {
        throw new Error(`loadModel: ${jsonFile} lists weights path ${JSON.stringify(p)}, which is outside the model folder ${dir}; weights must sit in the folder`);
      }
      if (!fs.existsSync(file)) throw new Error(`loadModel: weights file ${file} (listed in ${jsonFile}) not found`);
      // A FIFO, a device or a folder would block or fail inside the read: only regular files are read.
      const stat = fs.statSync(file);
      if (!stat.isFile()) throw new Error(`loadModel: weights path ${file} (listed in ${jsonFile}) is ${stat.isDirectory() ? "a folder" : "not a regular file (a FIFO, socket or device)"}; it must be the weights file saved with the model`);
      files.push(file);
    }
  });
  // Sizes first, from the file system: nothing is read when they do not add up (a file listed 400 times, a truncated file).
  const total = files.reduce((s, f) => s + fs.statSync(f).size, 0);
  const expected = weightSpecs.reduce((s, w) => s + specBytes(w, jsonFile), 0);
  if (total !== expected) {
    const listed = files.length > 3 ? `${files.length} weights files (${new Set(files).size} distinct)` : files.join(", ") || "no weights file";
    throw new Error(`loadModel: ${listed} hold${files.length === 1 ? "s" : ""} ${total} bytes but ${jsonFile} lists ${weightSpecs.length} weights of ${expected} bytes (truncated or from another model)`);
  }
  const buffers = files.map((f) => fs.readFileSync(f));
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    weightData.set(b, offset);
    offset += b.byteLength;
  }
  // tfjs builds the layers (allocating variables) and decodes the weights (plain tensors) before it
  // sets them, and leaks both when that fails. The decoding runs right after load() resolves, in
  // a tensor scope opened there; on failure the scope's tensors and the variables registered
  // during the call are freed.
  let scoped = false;
  const handler: tf.io.IOHandler = {
    load: async () => {
      tf.engine().startScope();
      scoped = true;
      return {
        modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy,
        trainingConfig: json.trainingConfig, weightSpecs, weightData: weightData.buffer,
      };
    },
  };
  const registered = () => Object.keys(tf.engine().state.registeredVariables);
  const before = new Set(registered());
  let loaded = false;
  try {
    const model = await tf.loadLayersModel(handler);
    loaded = true;
    return model;
  } catch (err) {
    for (const name of registered()) if (!before.has(name)) tf.engine().state.registeredVariables[name].dispose();
    throw new Error(`loadModel: ${jsonFile}: ${(err as Error).message}`);
  } finally {
    // Success: every tensor made in the scope (also by other code running meanwhile) passes to the
    // enclosing scope untouched, as without the scope. Failure: they are freed (tfjs's decoded weights).
    if (scoped) tf.engine().endScope(loaded ? [...(tf.engine().state.activeScope?.track ?? [])] : undefined);
  }
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

/** Bytes of one weight in the weights file (quantized weights by their stored dtype); strings are refused. */
function specBytes(w: tf.io.WeightsManifestEntry, jsonFile: string): number {
  if (typeof w !== "object" || w === null) throw new Error(`loadModel: ${jsonFile}: a weight spec is ${JSON.stringify(w)}, expected { "name", "shape", "dtype" }; the file is damaged: save the model again`);
  const dtype = w.quantization?.dtype ?? w.dtype;
  const size = DTYPE_BYTES[dtype];
  if (size === undefined || !Array.isArray(w.shape)) {
    throw new Error(`loadModel: ${jsonFile}: weight "${w.name}" has dtype ${dtype} and shape ${JSON.stringify(w.shape)}; expected a numeric dtype and a shape`);
  }
  return size * w.shape.reduce((a, b) => a * b, 1);
}
