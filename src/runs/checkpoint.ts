// checkpoint/: the state after the last completed epoch, enough to continue exactly.
//
//   checkpoint/epoch-<N>/  model.json + weights.bin  the model after epoch N (loadModel reads it;
//                                                    model.json carries tfjs's trainingConfig when
//                                                    the loss and metrics are named, so it loads compiled)
//                          optimizer.bin             the optimizer's weights (tf.io.encodeWeights)
//                          best.bin                  the weights of the best epoch so far
//                          state.json                epoch, shuffling state, early stopping, fit
//                                                    options, data fingerprint, weight specs (last)
//
// Each epoch's folder is written as `.epoch-<N>.tmp-<pid>` and renamed (atomic). history.csv is
// appended after the rename and old folders are removed after that: whatever the moment of a
// kill, `epoch-<rows of history.csv>` exists and is complete.
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { saveModel } from "../io/saveModel";
import type { TrainState } from "../training/train";
import { RUN_FILES, RUN_FORMAT } from "./runFormat";
import { MODEL_FILES } from "../io/modelFiles";
import { FusedAdam } from "../models/fusedAdam";
import { sparseCrossentropyOp } from "../models/sparseCrossentropyOp";
import { categoricalCrossentropyOp } from "../models/categoricalCrossentropyOp";
import { loadModel } from "../io/loadModel";

/** The fit options a checkpoint records (a resumed fit must use the same ones). */
export interface FitSettings {
  epochs: number;
  batchSize: number;
  seed: number;
  patience: number;
}

/** state.json of a checkpoint. */
export interface CheckpointState {
  format: number;
  epoch: number;
  rngState: number;
  monitor: "val_loss" | "loss";
  bestEpoch: number;
  /** null when no epoch completed (JSON has no Infinity). */
  bestValue: number | null;
  stoppedEarly: boolean;
  fit: FitSettings;
  /** Fingerprints of the training and validation data the run was fitted on, and of the test split given to fit (absent in older checkpoints). */
  data: { train: string; validation: string | null; test?: string | null };
  /** Seconds spent in fit up to this epoch. */
  trainSeconds: number;
  optimizer: {
    className: string; specs: tf.io.WeightsManifestEntry[]; scalars: Record<string, number>;
    /**
     * How the optimizer was made, so that a resume without a model rebuilds the same one (absent in
     * checkpoints written before 2026-12-07): "FusedAdam" (class name "Adam" too) with its
     * getConfig() and clipNorm, or a tfjs optimizer's class name and getConfig().
     */
    made?: OptimizerMade;
  };
  best: { specs: tf.io.WeightsManifestEntry[] } | null;
  /** Per compiled loss, the grulab op that computed it in place of tfjs's (e.g. "sparseCrossentropyOp"), or null (absent in checkpoints written before 2026-12-07). */
  lossOps?: Array<string | null>;
}

/** How a checkpoint's optimizer was made: grulab's FusedAdam (with its clipNorm) or a tfjs optimizer by class name. */
export interface OptimizerMade {
  class: string;
  config: { learningRate?: number; beta1?: number; beta2?: number; epsilon?: number; clipNorm?: number; [key: string]: unknown };
}

/** The record of how `optimizer` was made (state.json's optimizer.made). */
function optimizerMade(optimizer: tf.Optimizer): OptimizerMade {
  const config = optimizer.getConfig() as OptimizerMade["config"];
  return optimizer instanceof FusedAdam ? { class: "FusedAdam", config: { ...config, clipNorm: optimizer.clipNorm } } : { class: optimizer.getClassName(), config };
}

type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;
/** grulab's ops a builder puts in place of tfjs's computation of a named loss (buildCharLm, buildTutorialClassifier's fused head), by name. */
const LOSS_OPS: Record<string, LossFn> = { sparseCrossentropyOp, categoricalCrossentropyOp };

/** The compiled model that holds the loss functions (a tf.Sequential trains through its inner LayersModel). */
function lossHolder(model: tf.LayersModel): { lossFunctions?: LossFn[] } {
  const inner = (model as unknown as { model?: unknown }).model;
  return (inner instanceof tf.LayersModel ? inner : model) as unknown as { lossFunctions?: LossFn[] };
}

/** Per compiled loss, the name of the grulab op computing it, or null for tfjs's own (state.json's lossOps). */
function lossOps(model: tf.LayersModel): Array<string | null> {
  return (lossHolder(model).lossFunctions ?? []).map((f) => Object.keys(LOSS_OPS).find((k) => LOSS_OPS[k] === f) ?? null);
}

/**
 * Epoch `epoch`'s checkpoint model loaded as the run trained it (for resumeRun without a model):
 * tfjs compiles it from model.json's training config with its own optimizer and loss
 * computation, which know nothing of grulab's FusedAdam (its clipNorm) and loss ops; those come
 * back as state.json recorded them (optimizer.made, lossOps). A checkpoint of an "Adam" written
 * before that record cannot say whether its Adam clipped: an Error naming state.json says to
 * resume with the model built as before. The model comes back without a training config (a loss
 * or a metric was a function) as tfjs loads it: the caller refuses it.
 */
export async function loadCheckpointModel(runDir: string, epoch: number): Promise<tf.LayersModel> {
  const state = readCheckpointState(runDir, epoch);
  const made = state.optimizer.made;
  if (made === undefined && state.optimizer.className === "Adam") {
    throw new Error(`${path.join(checkpointDir(runDir, epoch), "state.json")}: the checkpoint (written before grulab recorded how its optimizer was made) ` +
      `does not say whether the run's Adam clipped its gradients (grulab's builders compile a FusedAdam, buildCharLm's with clipNorm 5): ` +
      `loading it as tfjs's Adam would continue with another optimizer; call resumeRun(dir, { model }) with the model built and compiled as before; nothing was changed`);
  }
  const model = await loadModel(checkpointDir(runDir, epoch));
  if (model.optimizer == null) return model;
  // "FusedAdam" with an Adam's class name: checkpoints written before FusedAdam's instanceof was
  // fixed also record tfjs's Adam (no clipNorm: it did not clip) and other optimizers so.
  if (made?.class === "FusedAdam" && state.optimizer.className === "Adam") {
    const c = made.config;
    const loaded = model.optimizer;
    model.optimizer = new FusedAdam(Number(c.learningRate), Number(c.clipNorm ?? 0), Number(c.beta1), Number(c.beta2), Number(c.epsilon));
    loaded.dispose();
  }
  const holder = lossHolder(model);
  if (state.lossOps !== undefined && holder.lossFunctions !== undefined) {
    holder.lossFunctions = holder.lossFunctions.map((f, i) => {
      const name = state.lossOps?.[i] ?? null;
      return name !== null && LOSS_OPS[name] !== undefined ? LOSS_OPS[name] : f;
    });
  }
  return model;
}

/** The folder of epoch `epoch`'s checkpoint. */
export function checkpointDir(runDir: string, epoch: number): string {
  return path.join(runDir, RUN_FILES.checkpoint, `epoch-${String(epoch).padStart(4, "0")}`);
}

/** Scalar variables an optimizer keeps outside getWeights (Adam's accBeta1/accBeta2), by property name. */
function optimizerScalars(optimizer: tf.Optimizer): Array<[string, tf.Variable]> {
  return Object.entries(optimizer).filter((e): e is [string, tf.Variable] => e[1] instanceof tf.Variable && e[1].rank === 0);
}

/**
 * The optimizer settings a record states, as they act on training: getConfig() (learning rate,
 * betas, epsilon, …) and, for an Adam (class name "Adam"), clipNorm: a FusedAdam's, or 0 for
 * tfjs's own Adam, which does not clip (the same steps as a FusedAdam with clipNorm 0; checkpoints
 * written before FusedAdam's instanceof was fixed record it as "FusedAdam" without a clipNorm).
 */
function optimizerSettings(made: OptimizerMade, className: string): Record<string, unknown> {
  return className === "Adam" && made.config.clipNorm === undefined ? { ...made.config, clipNorm: 0 } : { ...made.config };
}

/**
 * Where `model` is compiled otherwise than the checkpoint records, as "setting: checkpoint a,
 * model b": every optimizer setting state.json's optimizer.made records (learning rate, betas,
 * epsilon, clipNorm, …) and, when recorded, each loss's op (lossOps). Empty when they agree or the
 * checkpoint records neither (written before 2026-12-07: only the class name is compared).
 */
function trainingDifferences(state: CheckpointState, model: tf.LayersModel): string[] {
  const out: string[] = [];
  const show = (v: unknown) => (v === undefined ? "not set" : typeof v === "string" ? v : JSON.stringify(v));
  if (state.optimizer.made !== undefined) {
    const recorded = optimizerSettings(state.optimizer.made, state.optimizer.className);
    const given = optimizerSettings(optimizerMade(model.optimizer), model.optimizer.getClassName());
    for (const key of Object.keys(recorded)) {
      if (JSON.stringify(recorded[key]) !== JSON.stringify(given[key])) out.push(`${key}: checkpoint ${show(recorded[key])}, model ${show(given[key])}`);
    }
  }
  if (state.lossOps !== undefined) {
    const given = lossOps(model);
    const opName = (v: string | null | undefined) => (v === undefined ? "no loss" : v === null ? "tfjs's own" : v);
    for (let i = 0; i < Math.max(state.lossOps.length, given.length); i++) {
      if (state.lossOps[i] !== given[i]) out.push(`lossOps[${i}]: checkpoint ${opName(state.lossOps[i])}, model ${opName(given[i])}`);
    }
  }
  return out;
}

/** Writes epoch `state.epoch`'s checkpoint (temp folder, then rename). */
export async function writeCheckpoint(
  runDir: string, model: tf.LayersModel, state: TrainState, extra: Pick<CheckpointState, "fit" | "data" | "trainSeconds">,
): Promise<string> {
  const dir = checkpointDir(runDir, state.epoch);
  const tmp = path.join(path.dirname(dir), `.${path.basename(dir)}.tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  await saveModel(model, tmp);
  // tfjs's own record of how the model was compiled, kept only when everything in it is a name:
  // tfjs would write {} for a loss function and a metric function's name, which then fail to load.
  const compiled = model as unknown as { loss: unknown; metrics: unknown; getTrainingConfig(): unknown };
  const isName = (v: unknown) => typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"));
  if (isName(compiled.loss) && (compiled.metrics == null || isName(compiled.metrics))) {
    const jsonFile = path.join(tmp, MODEL_FILES.json);
    fs.writeFileSync(jsonFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(jsonFile, "utf8")), trainingConfig: compiled.getTrainingConfig() }));
  }
  const optimizer = model.optimizer;
  const named = await optimizer.getWeights();
  const encoded = await tf.io.encodeWeights(named, "optimizer");
  named.forEach((w) => { if (!(w.tensor instanceof tf.Variable)) w.tensor.dispose(); });
  fs.writeFileSync(path.join(tmp, "optimizer.bin"), new Uint8Array(encoded.data));
  let best: CheckpointState["best"] = null;
  if (state.bestWeights) {
    const b = await tf.io.encodeWeights(state.bestWeights.map((tensor, i) => ({ name: `w${i}`, tensor })));
    fs.writeFileSync(path.join(tmp, "best.bin"), new Uint8Array(b.data));
    best = { specs: b.specs };
  }
  const json: CheckpointState = {
    format: RUN_FORMAT, epoch: state.epoch, rngState: state.rngState, monitor: state.monitor, bestEpoch: state.bestEpoch,
    bestValue: Number.isFinite(state.bestValue) ? state.bestValue : null, stoppedEarly: state.stoppedEarly, ...extra,
    optimizer: {
      className: optimizer.getClassName(), specs: encoded.specs, scalars: Object.fromEntries(optimizerScalars(optimizer).map(([k, v]) => [k, v.dataSync()[0]])),
      made: optimizerMade(optimizer),
    },
    best, lossOps: lossOps(model),
  };
  const fd = fs.openSync(path.join(tmp, "state.json"), "w");
  fs.writeSync(fd, JSON.stringify(json, null, 2) + "\n");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.rmSync(dir, { recursive: true, force: true }); // a stale folder of an epoch redone after resume
  fs.renameSync(tmp, dir);
  return dir;
}

/** Removes every checkpoint folder (and temp folder) but epoch `keep`'s. */
export function pruneCheckpoints(runDir: string, keep: number): void {
  const parent = path.join(runDir, RUN_FILES.checkpoint);
  if (!fs.existsSync(parent)) return;
  const kept = path.basename(checkpointDir(runDir, keep));
  for (const f of fs.readdirSync(parent)) if (f !== kept) fs.rmSync(path.join(parent, f), { recursive: true, force: true });
}

/** Reads state.json of epoch `epoch`'s checkpoint; errors name the file. */
export function readCheckpointState(runDir: string, epoch: number): CheckpointState {
  const file = path.join(checkpointDir(runDir, epoch), "state.json");
  if (!fs.existsSync(file)) throw new Error(`${file} not found: the run has ${epoch} completed epochs in ${RUN_FILES.history} but no checkpoint of epoch ${epoch}`);
  const state = JSON.parse(fs.readFileSync(file, "utf8")) as CheckpointState;
  if (state.format !== RUN_FORMAT || state.epoch !== epoch) throw new Error(`${file}: expected format ${RUN_FORMAT} and epoch ${epoch}, found format ${state.format} and epoch ${state.epoch}`);
  return state;
}

/** Puts a checkpoint's weights and optimizer state into `model` (compiled, same architecture); returns the best weights. */
export async function restoreCheckpoint(runDir: string, epoch: number, model: tf.LayersModel): Promise<{ state: CheckpointState; bestWeights: tf.Tensor[] | null }> {
  const state = readCheckpointState(runDir, epoch);
  const dir = checkpointDir(runDir, epoch);
  const modelJson = JSON.parse(fs.readFileSync(path.join(dir, MODEL_FILES.json), "utf8")) as tf.io.ModelJSON;
  const specs = modelJson.weightsManifest.flatMap((g) => g.weights);
  const decode = (file: string, s: tf.io.WeightsManifestEntry[]) => {
    const where = path.join(dir, file);
    const expected = s.reduce((n, w) => n + (w.dtype === "bool" ? 1 : 4) * w.shape.reduce((a, b) => a * b, 1), 0);
    const size = fs.existsSync(where) ? fs.statSync(where).size : -1;
    if (size !== expected) {
      throw new Error(`${where}: ${size < 0 ? "missing" : `${size} bytes`}, expected ${expected} (${s.length} weights listed in ${file === MODEL_FILES.weights ? MODEL_FILES.json : "state.json"}): ` +
        `the checkpoint is truncated or damaged; restore it from a backup, or start a new run (best/ may still load with loadModel)`);
    }
    const bytes = fs.readFileSync(where);
    return tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), s);
  };
  if (specs.length !== model.weights.length) {
    throw new Error(`${path.join(dir, MODEL_FILES.json)}: the checkpoint has ${specs.length} weights, the model given has ${model.weights.length}: it is not the same architecture`);
  }
  // Every check reads the manifests only, before any tensor is decoded: a refusal leaves nothing to dispose.
  // By position, not name: a model rebuilt in another process may number its layers differently.
  specs.forEach((w, i) => {
    if (w.shape.join() !== model.weights[i].shape.join()) throw new Error(`${path.join(dir, MODEL_FILES.json)}: weight ${w.name} has shape [${w.shape}], the model's ${model.weights[i].name} has [${model.weights[i].shape}]`);
  });
  if (model.optimizer == null) throw new Error(`resumeRun: the model given is not compiled`);
  if (model.optimizer.getClassName() !== state.optimizer.className) {
    throw new Error(`${path.join(dir, "state.json")}: the run was trained with ${state.optimizer.className}, the model given is compiled with ${model.optimizer.getClassName()}`);
  }
  const differences = trainingDifferences(state, model);
  if (differences.length > 0) {
    throw new Error(`${path.join(dir, "state.json")}: the model given is compiled with other settings than the run was trained with (${differences.join("; ")}): ` +
      `continuing would train differently from the run; build and compile the model with the run's settings, or call resumeRun(dir) without a model to load the checkpoint's; nothing was changed`);
  }
  const weights = decode(MODEL_FILES.weights, specs);
  const list = specs.map((s) => weights[s.name]);
  model.setWeights(list);
  tf.dispose(list);
  const opt = decode("optimizer.bin", state.optimizer.specs);
  await model.optimizer.setWeights(state.optimizer.specs.map((s) => ({ name: s.name, tensor: opt[s.name] })));
  tf.dispose(Object.values(opt));
  // tfjs's Adam.setWeights recomputes accBeta as beta^(t+1), which differs in the last float32
  // bit from the product it accumulates while training: put back the values it had.
  for (const [k, v] of optimizerScalars(model.optimizer)) {
    if (!(k in state.optimizer.scalars)) continue;
    const value = tf.scalar(state.optimizer.scalars[k]);
    v.assign(value);
    value.dispose();
  }
  let bestWeights: tf.Tensor[] | null = null;
  if (state.best) {
    const b = decode("best.bin", state.best.specs);
    bestWeights = state.best.specs.map((s) => b[s.name]);
  }
  return { state, bestWeights };
}
