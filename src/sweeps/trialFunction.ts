import type * as tf from "@tensorflow/tfjs";
import type { Run } from "../runs/Run";
import type { StartRunOptions } from "../runs/startRun";

/**
 * What a trial function gets besides its config: its run folder, the epochs to reach, and
 * `startRun`, which opens that folder — a new run the first time, the same run resumed from its
 * checkpoint when the trial was interrupted or promoted (ASHA).
 *
 * @example
 * const run = await trial.startRun(model, { task: "classification", classes: data.classes });
 * await run.fit(model, data.train, { validation: data.validation, epochs: trial.epochs, seed: Number(config.seed) });
 */
export interface TrialContext {
  /** The trial's run folder, `<sweep>/trials/<trialId>/` (absolute). */
  readonly dir: string;
  /** The epochs the trial must reach in total: pass it to `run.fit` as `epochs`. */
  readonly epochs: number;
  /** The trial's id (`trialId(config)`). */
  readonly trialId: string;
  /**
   * Opens the trial's run for `model` (built and compiled from the config, the same way every
   * time): a new run in `dir` (startRun's options but `dir`/`runDir`; the trial's config is added
   * to config.json), or the existing one reopened from its last checkpoint (`resumeRun` with this
   * model), so that `run.fit(model, data, { epochs: trial.epochs })` continues its history.
   */
  startRun(model: tf.LayersModel, options?: Omit<StartRunOptions, "dir" | "runDir" | "cliResume">): Promise<Run>;
}

/**
 * A trial: a function from one config of the search space to one run. It builds its data and
 * model from `config`, opens its run with `trial.startRun(model, …)`, fits it for
 * `trial.epochs` epochs (seeded: the same config gives the same numbers) and may evaluate it on
 * test data. The sweep reads its metric from the run's history.csv; what the function returns
 * (test numbers) goes into the results table too. Built-in trials: see `BUILT_IN_TRIALS`; your
 * own: a module exporting one (`trial: { module: "./myTrial.js", export: "trainOne" }`).
 *
 * @example
 * const trainOne: TrialFunction = async (config, trial) => {
 *   const data = await loadSeattleWeather({ timesteps: 14 });
 *   const model = buildTutorialClassifier({ timesteps: 14, inputDim: data.featureNames.length, outputDim: data.classes.length, units: Number(config.units), seed: Number(config.seed) });
 *   const run = await trial.startRun(model, { task: "classification", classes: data.classes });
 *   await run.fit(model, data.train, { validation: data.validation, epochs: trial.epochs, seed: Number(config.seed), progress: "none" });
 *   return run.evaluate(model, data.test);
 * };
 */
export type TrialFunction = (config: Record<string, unknown>, trial: TrialContext) => Promise<Record<string, number> | void>;
