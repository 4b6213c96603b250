// The run folder, format 2: its version, file names, status values and the types of its JSON
// files. docs/run-folder.md describes the same in prose; the writer (Run) and the reader
// (openRun) take every name from here.
import * as fs from "fs";
import * as path from "path";

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
 * File names inside a run's `traces/` folder.
 *
 * @example
 * path.join(run.dir, RUN_FILES.traces, TRACE_FILES.saturation) // runs/…/traces/saturation.csv
 */
export const TRACE_FILES = {
  gates: "gates.csv",
  gatesJson: "gates.json",
  saturation: "saturation.csv",
  inputs: "inputs.csv",
  samples: "samples.csv",
  unitFeatures: "unit-features.csv",
  /** A char LM's log₂ probability of every test character after the first, read with the state carried: little-endian float32, one per character. */
  testLog2Probability: "test-log2p.f32",
} as const;

/**
 * The headers of the trace CSVs whose columns are fixed (gates.csv's depend on the traced cells:
 * `gatesHeader`; samples.csv's on the dates: `samplesHeader`).
 *
 * @example
 * lines[0] === TRACE_HEADERS.saturation
 */
export const TRACE_HEADERS = {
  saturation: ["layer", "gate", "unit", "leftFraction", "rightFraction"].join(","),
  inputs: ["sample", "t", "feature", "value"].join(","),
  unitFeatures: ["layer", "unit", "feature", "r"].join(","),
} as const;

/**
 * The header of traces/gates.csv: the row keys, then one column per traced quantity.
 *
 * @example
 * gatesHeader(["z", "r", "hTilde", "h"]) // "layer,sample,t,unit,z,r,hTilde,h"
 */
export function gatesHeader(quantities: readonly string[]): string {
  return ["layer", "sample", "t", "unit", ...quantities].join(",");
}

/**
 * The header of traces/samples.csv, with a `targetDate` column when the samples have dates.
 *
 * @example
 * samplesHeader(false) // "sample,index,class"
 */
export function samplesHeader(withTargetDate: boolean): string {
  return ["sample", "index", "class", ...(withTargetDate ? ["targetDate"] : [])].join(",");
}

/**
 * The header of predictions.csv: `index,actual,predicted` (class names) for a classifier; for a
 * regressor `index,actual,predicted` with one output, else an `actual_<k>,predicted_<k>` pair per output.
 *
 * @example
 * predictionsHeader("regression", 2) // "index,actual_0,predicted_0,actual_1,predicted_1"
 */
export function predictionsHeader(task: Task, outputs = 1): string {
  const pairs = task === "classification" || outputs === 1 ? [["actual", "predicted"]] : Array.from({ length: outputs }, (_, k) => [`actual_${k}`, `predicted_${k}`]);
  return ["index", ...pairs.flat()].join(",");
}

/** What each entry of a run folder besides run.json holds, in the order a run writes them. */
const RUN_CONTENTS: ReadonlyArray<[name: string, what: string]> = [
  [RUN_FILES.config, "the job's options"], [RUN_FILES.history, "one row per epoch"],
  [RUN_FILES.checkpoint, "state to resume from"], [RUN_FILES.best, "weights of the best epoch"],
  [RUN_FILES.metrics, "test metrics and baselines"], [RUN_FILES.predictions, "test predictions"],
  [RUN_FILES.traces, "gate traces"], [RUN_FILES.model, "the final model"],
  [RUN_FILES.charts, "charts"], [RUN_FILES.reportHtml, "the report"], [RUN_FILES.reportPdf, "the report as PDF"],
];

/**
 * The entries a run folder holds now besides run.json, each as "name (what it holds)", folders
 * with a trailing slash: the "files written" list of jobs and of interruption messages. `what`
 * replaces a description (e.g. the history's epoch count).
 *
 * @example
 * runContents(run.dir, { [RUN_FILES.history]: "3 epochs" }) // ["config.json (the job's options)", "history.csv (3 epochs)", …]
 */
export function runContents(dir: string, what: Partial<Record<string, string>> = {}): string[] {
  return RUN_CONTENTS.filter(([f]) => fs.existsSync(path.join(dir, f)))
    .map(([f, holds]) => `${f}${fs.statSync(path.join(dir, f)).isDirectory() ? "/" : ""} (${what[f] ?? holds})`);
}

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
