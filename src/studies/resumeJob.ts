import { resumeTutorial } from "./runTutorial";
import { readResumableRunJson } from "../runs/resumeRun";
import { acquireRunLock } from "../runs/runLock";
import { JOB_KINDS, readJobConfig } from "./readJobConfig";
import { resumeCharLm } from "./runCharLm";
import { resumeForecast } from "./runForecast";
import { resumeGruVsLstm } from "./resumeGruVsLstm";

/**
 * Options of {@link resumeJob}.
 *
 * @example
 * await resumeJob("runs/20261129-231500-forecast", { progress: "lines" });
 */
export interface ResumeJobOptions {
  /** Training progress: "auto" (default: a bar on a terminal, else lines), "lines" or "none". */
  progress?: "auto" | "lines" | "none";
  /** Take the run over even though its writer lock looks held (another host's writer, or one known to be gone); the broken lock is reported. Default false. */
  force?: boolean;
}

/**
 * Continues the job that wrote a run folder, whatever its kind (config.json `job`: tutorial,
 * forecast, charlm, gru-vs-lstm): rebuilds the same data and model from config.json, continues
 * training after the last completed epoch with the recorded options (or from epoch 1 in the same
 * folder when the run stopped before training), then runs the job's remaining steps (metrics,
 * baselines, traces, report) as an uninterrupted run would. A gru-vs-lstm run (a trial of its
 * sweep) resumes alone: the sweep's other trials continue when its command runs again.
 * Refuses, naming the folder or file and the reason: a finished, diverged or still-running run,
 * a folder that is not a run, a run of an unknown job. `grulab resume <run>` calls it.
 *
 * @example
 * const result = await resumeJob("runs/20261129-231500-forecast");
 */
export async function resumeJob(dir: string, options: ResumeJobOptions = {}): Promise<{ kind: string; result: unknown }> {
  const config = readJobConfig(dir); // no folder, not a run folder, another format: named here
  // --force: break the lock now, saying whose it was; the job then takes it as any resume does.
  if (options.force) acquireRunLock(dir, { force: true }).release();
  readResumableRunJson(dir); // finished, diverged, writer alive
  switch (config.kind) {
    case "tutorial": return { kind: config.kind, result: await resumeTutorial(dir, options) };
    case "forecast": return { kind: config.kind, result: await resumeForecast(dir, options) };
    case "charlm": return { kind: config.kind, result: await resumeCharLm(dir, options) };
    case "gru-vs-lstm": return { kind: config.kind, result: await resumeGruVsLstm(dir, options) };
    default:
      throw new Error(`${config.file}: "job" is ${JSON.stringify(config.kind)}: grulab resume continues runs of ${JOB_KINDS.join(", ")}; continue other runs with resumeRun(dir) and run.fit(model, the same data)`);
  }
}
