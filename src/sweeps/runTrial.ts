import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type * as tf from "@tensorflow/tfjs";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { readHistoryCsv } from "../runs/historyCsv";
import { reopenRun } from "../runs/reopenRun";
import type { Run } from "../runs/Run";
import { RunInterrupted } from "../runs/RunInterrupted";
import { readRunJson, writeRunJson } from "../runs/runJson";
import { RUN_FILES, type MetricsJson } from "../runs/runFormat";
import { startRun, type StartRunOptions } from "../runs/startRun";
import { readCheckpointState } from "../runs/checkpoint";
import type { HistoryRow } from "../training/historyRow";
import { TrainingDiverged } from "../training/TrainingDiverged";
import { resolveTrial } from "./resolveTrial";
import type { TrialContext } from "./trialFunction";
import { withTrialLock } from "./trialLock";
import type { TrialResult, TrialSpec } from "./trialSpec";

/**
 * The file in a trial's run folder holding its last TrialResult (written atomically at the end of every part).
 *
 * @example
 * path.join(trialDir(sweep.dir, id), TRIAL_RESULT_FILE) // …/trials/<id>/trial.json
 */
export const TRIAL_RESULT_FILE = "trial.json";

/**
 * The run folder of a trial: `<sweepDir>/trials/<trialId>/`.
 *
 * @example
 * trialDir("/runs/sweeps/cells", "3fa2c1d0e9b8") // "/runs/sweeps/cells/trials/3fa2c1d0e9b8"
 */
export function trialDir(sweepDir: string, id: string): string {
  return path.join(path.resolve(sweepDir), "trials", id);
}

/**
 * Runs one trial of a sweep in its run folder `<sweepDir>/trials/<trialId>/` (run folder format
 * 2), holding the folder's one-writer lock: the first time from epoch 1; when the folder holds
 * an interrupted or killed part, from its last checkpoint; when it finished fewer epochs than
 * `spec.epochs` (an ASHA promotion), resumed from its checkpoint so that its history continues.
 * A trial that already reached `spec.epochs` (or stopped early, or diverged) is not run again:
 * its recorded result comes back (a job delivered twice runs once). Local worker processes and
 * queue workers both call exactly this. A failing trial resolves with status "failed" and the
 * error's message (its run folder says the same); SIGINT/SIGTERM during it resolves with status
 * "interrupted" after the folder keeps the last completed epoch.
 *
 * @example
 * const result = await runTrial({ sweepDir: "/tmp/sw", trialId: trialId(config), config, epochs: 2,
 *   trial: { job: "tutorial" }, metric: "val_loss", mode: "min" }, { worker: "local-1" });
 */
export async function runTrial(spec: TrialSpec, options: { worker: string; signal?: AbortSignal }): Promise<TrialResult> {
  const dir = trialDir(spec.sweepDir, spec.trialId);
  return withTrialLock(path.resolve(spec.sweepDir), spec.trialId, async () => {
    const before = readTrialResult(dir);
    if (before !== null && isComplete(dir, before, spec.epochs)) return { ...before, runDir: dir };
    if (options.signal?.aborted) return resultOf(dir, spec, { status: "interrupted", worker: options.worker, seconds: before?.seconds ?? 0 }, await readRows(dir));
    const t0 = performance.now();
    if (fs.existsSync(path.join(dir, RUN_FILES.run))) {
      const info = readRunJson(dir);
      // A finished trial promoted to more epochs becomes resumable again: its history continues.
      if (info.status === "finished") writeRunJson(dir, { ...info, status: "interrupted", reason: `promoted: continues to ${spec.epochs} epochs` });
    }
    let run: Run | null = null;
    const context: TrialContext = {
      dir, epochs: spec.epochs, trialId: spec.trialId,
      startRun: async (model: tf.LayersModel, o: Omit<StartRunOptions, "dir" | "runDir" | "cliResume"> = {}) => {
        if (run !== null) throw new Error(`trial ${spec.trialId}: startRun called twice (one run per trial)`);
        run = fs.existsSync(path.join(dir, RUN_FILES.run))
          ? await reopenRun(dir, model)
          : await startRun(`trial-${spec.trialId}`, { ...o, runDir: dir, config: { ...spec.config, ...(o.config ?? {}), trialId: spec.trialId } });
        run.mark({ resumeCommand: `run the sweep again (grulab sweep <sweep.json>, or startSweep with the same name): trial ${spec.trialId} continues from its checkpoint` });
        return run;
      },
    };
    let status = "finished";
    let error: string | undefined;
    let returned: Record<string, number> | void = undefined;
    try {
      const trial = resolveTrial(spec.trial);
      returned = await trial.run(spec.config, context);
      const r = run as Run | null;
      if (r === null) throw new Error(`trial ${trial.name} returned without calling trial.startRun(model, …): a trial is one run`);
      if (r.status === "running") r.mark({ status: "finished", reason: null });
      status = r.status;
    } catch (err) {
      const r = run as Run | null;
      status = err instanceof RunInterrupted ? "interrupted" : err instanceof TrainingDiverged ? "diverged" : "failed";
      error = (err as Error).message;
      if (status === "failed" && r !== null) r.fail(err as Error);
    }
    const rows = await readRows(dir);
    const seconds = (before?.seconds ?? 0) + (performance.now() - t0) / 1000;
    const result = resultOf(dir, spec, { status, worker: options.worker, seconds, error }, rows, returned ?? undefined);
    if (result.status === "finished" && rows.length > 0 && !(spec.metric in rows[0])) {
      result.status = "failed";
      result.error = `metric "${spec.metric}" is not a column of ${path.join(dir, RUN_FILES.history)}: its columns are ${Object.keys(rows[0]).join(", ")}`;
    }
    if (fs.existsSync(path.join(dir, RUN_FILES.run))) writeFileAtomic(path.join(dir, TRIAL_RESULT_FILE), JSON.stringify(result, null, 2) + "\n");
    return result;
  });
}

/**
 * The TrialResult a trial's folder recorded last (its trial.json), or null; bad JSON is an error naming the file.
 *
 * @example
 * readTrialResult(trialDir(sweep.dir, "3fa2c1d0e9b8"))?.epochs
 */
export function readTrialResult(dir: string): TrialResult | null {
  const file = path.join(dir, TRIAL_RESULT_FILE);
  if (!fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as TrialResult;
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message}): delete it and the trial runs again`);
  }
}

/** Reached its epochs, stopped early, or diverged (resuming would diverge again): nothing to run. */
function isComplete(dir: string, result: TrialResult, epochs: number): boolean {
  if (result.status === "diverged") return true;
  if (result.status !== "finished") return false;
  if (result.epochs >= epochs) return true;
  try {
    return readCheckpointState(dir, result.epochs).stoppedEarly;
  } catch {
    return false;
  }
}

async function readRows(dir: string): Promise<HistoryRow[]> {
  const file = path.join(dir, RUN_FILES.history);
  return fs.existsSync(file) ? readHistoryCsv(file) : [];
}

function resultOf(dir: string, spec: TrialSpec, part: { status: string; worker: string; seconds: number; error?: string }, rows: HistoryRow[], returned?: Record<string, number>): TrialResult {
  let best: number | null = null;
  let bestEpoch: number | null = null;
  for (const row of rows) {
    const v = row[spec.metric];
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    if (best === null || (spec.mode === "min" ? v < best : v > best)) [best, bestEpoch] = [v, row.epoch];
  }
  const metricsFile = path.join(dir, RUN_FILES.metrics);
  const test = fs.existsSync(metricsFile) ? (JSON.parse(fs.readFileSync(metricsFile, "utf8")) as MetricsJson).test : undefined;
  const numbers = Object.fromEntries(Object.entries({ ...(test ?? {}), ...(returned ?? {}) }).filter(([, v]) => typeof v === "number"));
  return {
    trialId: spec.trialId, status: part.status, best, bestEpoch, epochs: rows.length,
    history: rows.map((row) => (typeof row[spec.metric] === "number" && Number.isFinite(row[spec.metric]) ? row[spec.metric] as number : null)), seconds: part.seconds, worker: part.worker || os.hostname(), runDir: dir,
    ...(Object.keys(numbers).length ? { metrics: numbers } : {}), ...(part.error !== undefined ? { error: part.error } : {}),
  };
}
