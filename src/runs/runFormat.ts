// The run folder, format 2: its version, file names, status values and the types of its JSON
// files. docs/run-folder.md describes the same in prose; the writer (Run) and the reader
// (openRun) take every name from here.

/**
 * The version of the run-folder format this code writes and reads.
 *
 * @example
 * if (JSON.parse(fs.readFileSync("runs/x/run.json", "utf8")).format !== RUN_FORMAT) console.log("another grulab wrote it");
 */
export const RUN_FORMAT = 2;

/**
 * File and folder names inside a run folder.
 *
 * @example
 * path.join(run.dir, RUN_FILES.history) // runs/…/history.csv
 */
export const RUN_FILES = {
  run: "run.json",
  config: "config.json",
  history: "history.csv",
  checkpoint: "checkpoint",
  best: "best",
  model: "model",
  metrics: "metrics.json",
  predictions: "predictions.csv",
  traces: "traces",
  charts: "charts",
  reportHtml: "report.html",
  reportPdf: "report.pdf",
  /** The writer lock (runLock.ts): present while a process writes the run. */
  lock: "writer.lock",
} as const;

/**
 * What kind of model a run trains: the metrics and the report follow from it.
 *
 * @example
 * await startRun("co2", { task: "regression" });
 */
export type Task = "classification" | "regression";

/**
 * Where a run stands: `running` until it ends one of the other four ways. `crashed` is never
 * written by a writer: readers (openRun, compareRuns, the report, grulab resume) show it for a run
 * whose run.json says `running` while no live process holds its writer lock (killed, crashed,
 * the machine restarted).
 *
 * @example
 * if ((await openRun("runs/x")).status === "interrupted") await resumeRun("runs/x");
 */
export type RunStatus = "running" | "finished" | "interrupted" | "diverged" | "failed" | "crashed";

/**
 * The statuses in the order docs/run-folder.md lists them.
 *
 * @example
 * RUN_STATUSES.includes(info.status)
 */
export const RUN_STATUSES: readonly RunStatus[] = ["running", "finished", "interrupted", "diverged", "failed", "crashed"];

/**
 * The contents of run.json: rewritten atomically at every change of status and after every epoch.
 *
 * @example
 * const info: RunJson = (await openRun("runs/x")).info; info.epoch;
 */
export interface RunJson {
  format: number;
  name: string;
  task: Task;
  status: RunStatus;
  /** Why the run ended other than finished (a sentence), else null. */
  reason: string | null;
  /** The job's step during which an interruption came ("training", "baselines", "report", …); null or absent otherwise. */
  step?: string | null;
  /** The last completed epoch (0 before the first). After kill -9 it may lag history.csv by one. */
  epoch: number;
  /** The best epoch so far by the early-stopping monitor (0 before the first). */
  bestEpoch: number;
  createdAt: string;
  updatedAt: string;
  /** The command that continues this run (shown to the user when it stops early). */
  resumeCommand: string;
  /** The process writing the run (resumeRun refuses a run whose writer is still alive). */
  pid: number;
}

/**
 * One baseline beside the model: a name saying what it does, and its test metrics (same keys as the model's).
 *
 * @example
 * run.addBaseline("persistence", { accuracy: 0.616 }); // stored as a Baseline
 */
export interface Baseline {
  name: string;
  test: Record<string, number>;
}

/**
 * Per-class scores of a classifier on the test split.
 *
 * @example
 * (await openRun("runs/x")).metrics?.perClass?.[0].recall
 */
export interface PerClassRow {
  class: string;
  precision: number;
  recall: number;
  support: number;
}

/**
 * The contents of metrics.json.
 *
 * @example
 * const m: MetricsJson | null = (await openRun("runs/x")).metrics; m?.test.accuracy;
 */
export interface MetricsJson {
  format: number;
  task: Task;
  /** Test metrics: classification accuracy and loss; regression mae, rmse and loss; plus whatever a study adds. */
  test: Record<string, number>;
  baselines: Baseline[];
  /** Classification only. */
  classes?: string[];
  perClass?: PerClassRow[];
  /** confusion[actual][predicted], in `classes` order (classification only). */
  confusion?: number[][];
  samples?: { train?: number; validation?: number; test?: number };
  backend?: string;
  /** The fused kernels' build in use (fusedKernelInUse: "native-avx2", "wasm-relaxed-simd", …). */
  kernel?: string;
  /** Wall time from startRun to finish, seconds. */
  seconds?: number;
  /** Time spent in fit, seconds (summed over resumed parts). */
  trainSeconds?: number;
  epochsRun?: number;
  bestEpoch?: number;
  [extra: string]: unknown;
}

// history.csv columns: historyColumns (training/historyRow.ts) names them from the model's metrics.
export { historyColumns } from "../training/historyRow";
