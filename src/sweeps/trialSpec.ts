// What travels between a sweep's driver and whatever runs its trials (local worker processes or
// queue workers): the trial to run (TrialSpec) and what came of it (TrialResult). Plain JSON both.

/**
 * Which function a trial runs: a built-in job by name, or a user's module and export (the module
 * path resolved from the sweep file's folder, or from the working directory for a notebook's sweep).
 *
 * @example
 * const builtIn: TrialRef = { job: "gru-vs-lstm" };
 * const mine: TrialRef = { module: "./myTrial.js", export: "trainOne" };
 */
export type TrialRef = { job: string /* built-in: "tutorial" | "forecast" | "charlm" | "gru-vs-lstm" | "gru-vs-lstm-updates" | "charlm-study" */ } | { module: string; export: string };

/**
 * One trial to run: its configuration, where its run folder goes, and how many epochs it must
 * reach in total (an ASHA promotion raises `epochs`, and the trial resumes from its checkpoint).
 *
 * @example
 * const spec: TrialSpec = { sweepDir: "runs/sweeps/cells", trialId: trialId(config), config, epochs: 3,
 *   trial: { job: "gru-vs-lstm" }, metric: "val_loss", mode: "min" };
 */
export interface TrialSpec {
  /** The sweep's folder (absolute); the trial's run folder is `<sweepDir>/trials/<trialId>/`. */
  sweepDir: string;
  /** `trialId(config)`: the same config is the same trial (a job delivered twice runs once). */
  trialId: string;
  /** One point of the search space: option name → value. */
  config: Record<string, unknown>;
  /** Total epochs to reach: an ASHA promotion raises it and the trial resumes from its checkpoint. */
  epochs: number;
  trial: TrialRef;
  /** The history column the sweep optimizes (e.g. "val_loss"). */
  metric: string;
  mode: "min" | "max";
}

/**
 * What one trial came to: one row of the sweep's results table.
 *
 * @example
 * const r: TrialResult = await runTrial(spec, { worker: "local-1" });
 * console.log(`${r.trialId}: ${r.status}, best ${r.best} at epoch ${r.bestEpoch}`);
 */
export interface TrialResult {
  trialId: string;
  /** The run's status (run.json): "finished", "diverged", "failed", "interrupted". */
  status: string;
  /** The best value of the sweep's metric over the trial's history (null when no epoch completed). */
  best: number | null;
  /** The epoch of `best` (1-based; null when none). */
  bestEpoch: number | null;
  /** Epochs completed (history.csv rows). */
  epochs: number;
  /** Training seconds summed over the trial's parts (a resumed or promoted trial adds up). */
  seconds: number;
  /** Who ran it last (a local worker "local-1", a queue worker's name). */
  worker: string;
  /** The trial's run folder (absolute on the machine that wrote the result). */
  runDir: string;
  /** The run's test metrics (metrics.json `test`), when the trial evaluated. */
  metrics?: Record<string, number>;
  /** Why the trial failed (the error's message), when it did. */
  error?: string;
  /** The sweep's metric per completed epoch (history.csv's column), so that a scheduler can rank a trial at any rung without reading its folder. */
  history?: Array<number | null>;
}
