import { initBackend } from "../backend";
import { inProcessExecutor } from "./inProcessExecutor";
import { localExecutor } from "./localExecutor";
import { openSweep, type OpenedSweep } from "./openSweep";
import { planSweep, type SweepDefinition, type SweepPlan } from "./planSweep";
import { runSweep } from "./runSweep";
import type { TrialExecutor } from "./trialExecutor";

/**
 * Options of {@link startSweep}: the sweep (space, trial, metric, mode, scheduler, budget, seed)
 * and where and how it runs.
 *
 * @example
 * const options: SweepOptions = { trial: "gru-vs-lstm", space: { cell: ["gru", "lstm"], seed: [1, 2] }, metric: "val_loss", budget: { epochs: 5 }, workers: 2 };
 */
export interface SweepOptions extends SweepDefinition {
  /** Worker processes on this machine; default the number of cores; 0 runs the trials in this process, one after another. */
  workers?: number;
  /**
   * Runs the trials elsewhere instead, e.g. `await queueExecutor({ redis })` (a promise of one is
   * awaited first); `workers` is then ignored. Whoever makes an executor closes it: startSweep
   * closes the executor it makes from `workers`, not one it is given (so that one executor serves
   * several sweeps, as a study's); the caller closes that one when done (a signal during the sweep
   * closes it too, to interrupt its trials).
   */
  executor?: TrialExecutor | Promise<TrialExecutor>;
  /** Parent folder of the sweep folder, relative to the working directory; default `<runs>/sweeps` (see defaultRunsDir). */
  dir?: string;
  /** Folder a trial module's path is relative to; default the working directory (`grulab sweep`: the sweep file's folder). */
  base?: string;
  /** Backend of the trials (default initBackend's choice). */
  backend?: string;
  /** "lines" (default): a line per trial result; "none". */
  progress?: "lines" | "none";
}

/**
 * Runs a sweep: checks it (an unknown option, an empty space, a trial module without the
 * function: an error before anything runs), makes `<dir>/<name>/` with sweep.json, runs every
 * trial as a run folder under trials/ on N worker processes (default: every core), schedules by
 * grid, random search or ASHA, records every trial result (results.csv and its journal) and returns the sweep opened
 * (`openSweep`): its results as a DataFrame, aggregates over seeds, the best trials as runs.
 * Running the same sweep again continues it (finished trials are read back). Ctrl-C: running
 * trials keep their last epoch, sweep.json says interrupted, RunInterrupted is thrown.
 *
 * @example
 * const sweep = await startSweep("cells", {
 *   trial: { job: "gru-vs-lstm" }, space: { cell: ["gru", "lstm"], gruUnits: [8, 16], learningRate: logUniform(1e-3, 1e-2), seed: [1, 2] },
 *   metric: "val_loss", mode: "min", scheduler: "grid", budget: { epochs: 5 } });
 * show(sweep);
 */
export async function startSweep(name: string, options: SweepOptions): Promise<OpenedSweep> {
  // A given executor first (a queue's Redis refused: an error before any folder is made), then the sweep's checks.
  let executor = options.executor === undefined ? undefined : await options.executor;
  // Refused by its checks: a given executor stays open (its owner closes it); none was made here yet.
  const plan: SweepPlan = planSweep(name, options, { dir: options.dir, base: options.base });
  const given = executor !== undefined;
  if (executor === undefined) {
    if (options.workers === 0) {
      await initBackend(options.backend);
      executor = inProcessExecutor();
    } else {
      executor = localExecutor({ workers: options.workers, backend: options.backend });
    }
  }
  // The executor made here ends with the sweep; a given one stays open for its owner.
  await runSweep(plan, executor, { progress: options.progress, closeExecutor: !given });
  return openSweep(plan.dir);
}
