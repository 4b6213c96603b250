import { checkJobMemory } from "../bounds/checkJobMemory";
import type { RecurrentCell } from "../models/matchedUnits";
import type { MeanStd } from "../training/meanStd";

/**
 * Defaults of `grulab gru-vs-lstm` and `gruVsLstmSweep` (grulab/sweeps), and of the `gru-vs-lstm` trial.
 *
 * @example
 * await gruVsLstmSweep({ ...GRU_VS_LSTM_DEFAULTS, length: 200 });
 */
export const GRU_VS_LSTM_DEFAULTS = {
  task: "adding" as "adding" | "recall",
  length: 100,
  seeds: 2,
  gruUnits: 32,
  trainSamples: 1024,
  epochs: 12,
  patience: 4,
  learningRate: 0.005,
  batchSize: 32,
  symbols: 8,
};

/**
 * Options of the GRU-vs-LSTM comparison (`gruVsLstmSweep`): those of `GRU_VS_LSTM_DEFAULTS` (each optional), and where the
 * runs go.
 *
 * @example
 * const options: GruVsLstmOptions = { task: "recall", length: 50, seeds: 3, out: "runs" };
 */
export interface GruVsLstmOptions extends Partial<typeof GRU_VS_LSTM_DEFAULTS> {
  /** Parent folder of the run folders, relative to the current directory; default the project's runs/. */
  out?: string;
  /** Backend name; default initBackend's choice. */
  backend?: string;
  /** Training progress: "auto" (default), "lines" or "none". */
  progress?: "auto" | "lines" | "none";
}

/** One cell's result over the seeds: its test score (adding: MSE; recall: accuracy) and seconds per epoch. */
export interface GruVsLstmRow {
  cell: RecurrentCell;
  params: number;
  score: MeanStd;
  secondsPerEpoch: MeanStd;
  runDirs: string[];
}

type GruVsLstmSettings = typeof GRU_VS_LSTM_DEFAULTS & GruVsLstmOptions;

/**
 * The memory bound of a gru-vs-lstm sweep (checkJobMemory) from its options: the sweep
 * (`grulab gru-vs-lstm`) and its resume call it before anything is allocated; it throws naming the options.
 * `workers`: the sweep's worker processes (its `--workers`; the sweep passes its default, one per
 * core); 0 or absent: every trial in this process (`--workers 0`, `grulab resume`), one process's
 * bound. With N ≥ 1 workers the bound is the sweep's: N worker processes (at most 3 × seeds of them
 * running a trial) and the sweep's own process.
 *
 * @example
 * checkGruVsLstmMemory({ ...GRU_VS_LSTM_DEFAULTS, length: 1e8 }); // throws "memory bound: gru-vs-lstm with … --length 100000000 …"
 * checkGruVsLstmMemory({ ...GRU_VS_LSTM_DEFAULTS, workers: 2 }); // the default sweep on 2 worker processes: fits
 */
export function checkGruVsLstmMemory(o: Pick<GruVsLstmSettings, "task" | "gruUnits" | "length" | "trainSamples" | "symbols" | "batchSize"> & { seeds?: number; workers?: number }): void {
  const adding = o.task === "adding";
  const workers = o.workers ?? 0;
  checkJobMemory({
    job: "gru-vs-lstm", cell: "gru", units: o.gruUnits, timesteps: o.length, features: adding ? 2 : o.symbols + 1, outputs: adding ? 1 : o.symbols, targets: 1,
    batchSize: o.batchSize, windows: o.trainSamples + 256 + 512, kernelCells: ["gru", "lstm", "simpleRnn"],
    workers, trials: o.seeds === undefined ? undefined : 3 * o.seeds,
    flags: { units: "--gru-units", timesteps: "--length", batchSize: "--batch-size", ...(workers > 0 ? { workers: "--workers" } : {}) },
    given: `--gru-units ${o.gruUnits} --length ${o.length} --train-samples ${o.trainSamples}${adding ? "" : ` --symbols ${o.symbols}`}${workers > 0 ? ` --workers ${workers}` : ""}`,
  });
}
