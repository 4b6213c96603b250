import * as fs from "fs";
import * as path from "path";
import type * as tf from "@tensorflow/tfjs";
import { checkpointDir, loadCheckpointModel, pruneCheckpoints, restoreCheckpoint } from "./checkpoint";
import { disposeModel } from "../models/disposeModel";
import { readHistoryCsv } from "./historyCsv";
import { Run } from "./Run";
import { readRunJson } from "./runJson";
import { RUN_FILES, type RunJson } from "./runFormat";
import { acquireRunLock, inspectRunLock, type RunLock } from "./runLock";
import { MODEL_FILES } from "../io/modelFiles";

/**
 * Reopens a run that stopped before finishing (interrupted, killed, failed) at its last
 * completed epoch: the model's weights, the optimizer's state, the shuffling state and early
 * stopping come back from checkpoint/. Then `run.fit(model, sameData)` continues with the
 * recorded options and gives the same history as an uninterrupted run. Without `model`, the
 * checkpoint's model is loaded and compiled as tfjs recorded it (named loss and metrics) with the
 * optimizer and loss computation the run had (a builder's FusedAdam with its clipNorm, its loss
 * op, as state.json records them: loadCheckpointModel); pass
 * a freshly built and compiled one when the loss or a metric was a function, or when an older
 * checkpoint does not record whether its Adam clipped (an Error says so). A model given must be
 * compiled as the run was: an optimizer of another class, or with any setting state.json records
 * that differs (learning rate, betas, epsilon, clipNorm; the loss ops), is refused before anything
 * changes, naming state.json, each setting and both values ("clipNorm: checkpoint 1, model 5").
 *
 * It takes the run's writer lock first (see acquireRunLock): a run with a live writer, here or in
 * another process, is refused; `force: true` takes the lock over from a writer that looks alive
 * (say, on another host that is gone) and says so.
 *
 * @example
 * const { run, model } = await resumeRun("runs/20261127-101500-my-gru");
 * await run.fit(model, data.train, { validation: data.validation });
 * await run.evaluate(model, data.test);
 * await finishRun(run);
 */
export async function resumeRun(dir: string, options: { model?: tf.LayersModel; force?: boolean } = {}): Promise<{ run: Run; model: tf.LayersModel }> {
  readResumableRunJson(dir); // finished, diverged, a live writer: said at once (the lock below decides a race)
  const lock = acquireRunLock(dir, { force: options.force }); // of two resumes, one gets it; the other is refused here
  try {
    const info = readResumableRunJson(dir, lock);
    const configFile = path.join(dir, RUN_FILES.config);
    const config = JSON.parse(fs.readFileSync(configFile, "utf8")) as Record<string, unknown>;
    const historyFile = path.join(dir, RUN_FILES.history);
    if (config.fit === undefined || !fs.existsSync(historyFile)) {
      const kept = fs.existsSync(path.join(dir, RUN_FILES.checkpoint)) ? fs.readdirSync(path.join(dir, RUN_FILES.checkpoint)).filter((f) => /^epoch-\d+$/.test(f)) : [];
      if (kept.some((f) => f !== "epoch-0000")) {
        throw new Error(`${historyFile} not found, but ${path.join(dir, RUN_FILES.checkpoint)} holds ${kept.join(", ")}: ${RUN_FILES.history} was deleted or lost; restore it (from a backup) to resume, or start a new run; nothing was changed`);
      }
      throw new Error(`${historyFile} not found: the run stopped before fit started; nothing to resume (start it again)`);
    }
    const rows = await readHistoryCsv(historyFile);
    const epoch = rows.length;
    pruneCheckpoints(dir, epoch); // a newer folder left by a kill before its history row, temp folders
    const model = options.model ?? await loadCheckpointModel(dir, epoch);
    if (model.optimizer == null) {
      if (options.model === undefined) disposeModel(model);
      throw new Error(`${path.join(checkpointDir(dir, epoch), MODEL_FILES.json)} has no training config (the loss or a metric was a function): call resumeRun(dir, { model }) with the model built and compiled as before`);
    }
    const { state, bestWeights } = await restoreCheckpoint(dir, epoch, model);
    const run = new Run(path.resolve(dir), info, config, Array.isArray(config.classes) ? (config.classes as string[]) : undefined, lock);
    run.history = rows;
    run.bestEpoch = state.bestEpoch;
    run.trainSeconds = state.trainSeconds;
    run.testFingerprint = state.data.test ?? null;
    run.resumePoint = {
      state: { epoch, rngState: state.rngState, monitor: state.monitor, bestEpoch: state.bestEpoch, bestValue: state.bestValue ?? Infinity, bestWeights, stoppedEarly: state.stoppedEarly },
      rows, fit: state.fit, data: state.data, trainSeconds: state.trainSeconds,
    };
    run.mark({ status: "running", reason: null, step: null, epoch, bestEpoch: state.bestEpoch, pid: process.pid });
    console.log(`grulab: resuming ${dir} after epoch ${epoch} of ${state.fit.epochs}`);
    return { run, model };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/**
 * run.json of a run that may be continued: errors name run.json and the reason when the run is
 * finished, diverged, or has a live writer (its writer lock is held; readRunJson's errors too: no
 * folder, no run.json, another format). With `lock` (the caller holds the run's writer lock), a
 * `running` left on disk is a dead writer's and may be continued. Shared by resumeRun and the job
 * resume (reopenRun).
 */
export function readResumableRunJson(dir: string, lock?: RunLock): RunJson {
  const info = readRunJson(dir, { callerHoldsLock: lock !== undefined });
  refuseEnded(info, dir);
  if (info.status === "running") {
    const { why, owner } = inspectRunLock(dir);
    throw new Error(`${path.join(dir, RUN_FILES.run)}: the run is running: ${why}. Let it finish, or stop it first (kill -INT ${owner?.pid ?? info.pid}) and resume then; ` +
      `if that writer is gone, take the run over with grulab resume --force (or { force: true })`);
  }
  return info;
}

function refuseEnded(info: RunJson, dir: string): void {
  if (info.status === "finished") throw new Error(`${path.join(dir, RUN_FILES.run)}: the run is finished; nothing to resume`);
  if (info.status === "diverged") throw new Error(`${path.join(dir, RUN_FILES.run)}: the run diverged (${info.reason}); resuming would diverge again: start a new run (e.g. with a lower learning rate)`);
}
