import * as fs from "fs";
import * as path from "path";
import type * as tf from "@tensorflow/tfjs";
import { loadModel } from "../io/loadModel";
import { checkpointDir, pruneCheckpoints, restoreCheckpoint } from "./checkpoint";
import { readHistoryCsv } from "./historyCsv";
import { Run } from "./Run";
import { readRunJson } from "./runJson";
import { RUN_FILES, type RunJson } from "./runFormat";
import { MODEL_FILES } from "../io/modelFiles";

/**
 * Reopens a run that stopped before finishing (interrupted, killed, failed) at its last
 * completed epoch: the model's weights, the optimizer's state, the shuffling state and early
 * stopping come back from checkpoint/. Then `run.fit(model, sameData)` continues with the
 * recorded options and gives the same history as an uninterrupted run. Without `model`, the
 * checkpoint's model is loaded and compiled as tfjs recorded it (named loss and metrics); pass
 * a freshly built and compiled one when the loss or a metric was a function.
 *
 * @example
 * const { run, model } = await resumeRun("runs/20261127-101500-my-gru");
 * await run.fit(model, data.train, { validation: data.validation });
 * await run.evaluate(model, data.test);
 * await finishRun(run);
 */
export async function resumeRun(dir: string, options: { model?: tf.LayersModel } = {}): Promise<{ run: Run; model: tf.LayersModel }> {
  const info = readResumableRunJson(dir);
  const configFile = path.join(dir, RUN_FILES.config);
  const config = JSON.parse(fs.readFileSync(configFile, "utf8")) as Record<string, unknown>;
  const historyFile = path.join(dir, RUN_FILES.history);
  if (config.fit === undefined || !fs.existsSync(historyFile)) throw new Error(`${historyFile} not found: the run stopped before fit started; nothing to resume (start it again)`);
  const rows = await readHistoryCsv(historyFile);
  const epoch = rows.length;
  pruneCheckpoints(dir, epoch); // a newer folder left by a kill before its history row, temp folders
  const model = options.model ?? await loadModel(checkpointDir(dir, epoch));
  if (model.optimizer == null) {
    throw new Error(`${path.join(checkpointDir(dir, epoch), MODEL_FILES.json)} has no training config (the loss or a metric was a function): call resumeRun(dir, { model }) with the model built and compiled as before`);
  }
  const { state, bestWeights } = await restoreCheckpoint(dir, epoch, model);
  const run = new Run(path.resolve(dir), info, config, Array.isArray(config.classes) ? (config.classes as string[]) : undefined);
  run.history = rows;
  run.bestEpoch = state.bestEpoch;
  run.trainSeconds = state.trainSeconds;
  run.resumePoint = {
    state: { epoch, rngState: state.rngState, monitor: state.monitor, bestEpoch: state.bestEpoch, bestValue: state.bestValue ?? Infinity, bestWeights, stoppedEarly: state.stoppedEarly },
    rows, fit: state.fit, data: state.data, trainSeconds: state.trainSeconds,
  };
  run.mark({ status: "running", reason: null, step: null, epoch, bestEpoch: state.bestEpoch, pid: process.pid });
  console.log(`grulab: resuming ${dir} after epoch ${epoch} of ${state.fit.epochs}`);
  return { run, model };
}

/**
 * run.json of a run that may be continued: errors name run.json and the reason when the run is
 * finished, diverged, or running in a live process (and readRunJson's: no folder, no run.json,
 * another format). Shared by resumeRun and the job resume (reopenRun).
 */
export function readResumableRunJson(dir: string): RunJson {
  const info = readRunJson(dir);
  if (info.status === "finished") throw new Error(`${path.join(dir, RUN_FILES.run)}: the run is finished; nothing to resume`);
  if (info.status === "diverged") throw new Error(`${path.join(dir, RUN_FILES.run)}: the run diverged (${info.reason}); resuming would diverge again: start a new run (e.g. with a lower learning rate)`);
  if (info.status === "running" && info.pid !== process.pid && processAlive(info.pid)) {
    throw new Error(`${path.join(dir, RUN_FILES.run)}: the run is running in process ${info.pid}, which is alive: let it finish, or stop it first (kill -INT ${info.pid}) and resume then`);
  }
  return info;
}

/** True when a process with this id exists (signal 0 only checks). */
function processAlive(pid: unknown): boolean {
  if (typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by another user
  }
}
