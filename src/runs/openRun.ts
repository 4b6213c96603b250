import * as fs from "fs";
import * as path from "path";
import type * as tf from "@tensorflow/tfjs";
import type * as dfd from "danfojs-node";
import { loadModel } from "../io/loadModel";
import { historyFrame } from "../training/historyFrame";
import type { HistoryRow } from "../training/historyRow";
import { checkpointDir } from "./checkpoint";
import { readHistoryCsv } from "./historyCsv";
import { readRunTraces, type RunTraces } from "./readRunTraces";
import { readRunJson } from "./runJson";
import { RUN_FILES, TRACE_FILES, type MetricsJson, type RunJson, type RunStatus, type Task } from "./runFormat";
import { csvCells } from "../util/csvCells";
import { MODEL_FILES } from "../io/modelFiles";

/**
 * A run folder as read by {@link openRun}.
 *
 * @example
 * const run: OpenedRun = await openRun("runs/x"); run.rows.length; run.metrics?.test;
 */
export interface OpenedRun {
  /** The folder, as given. */
  dir: string;
  /** Its base name, e.g. `20261127-101500-tutorial`. */
  id: string;
  /** The run's name given to startRun, e.g. `tutorial`. */
  name: string;
  format: number;
  task: Task;
  status: RunStatus;
  /** Why it stopped (interrupted, diverged, failed), else null. */
  reason: string | null;
  /** run.json as read. */
  info: RunJson;
  config: Record<string, unknown>;
  /** history.csv's rows (none before the first epoch). */
  rows: HistoryRow[];
  /** history.csv's column names. */
  columns: string[];
  /** The history as a danfo DataFrame (danfo is loaded when this is first read). */
  readonly history: dfd.DataFrame;
  /** metrics.json, null before evaluate. */
  metrics: MetricsJson | null;
  /** predictions.csv as rows of numbers and strings, null when absent. */
  predictions: Array<Record<string, string | number>> | null;
  /** traces/ CSVs, null when the folder has no traces/. */
  traces: RunTraces | null;
  /** Files present, relative to dir (POSIX separators): the ones a report links to. */
  files: string[];
  /** The epoch of the checkpoint that matches history.csv, null when there is none. */
  checkpointEpoch: number | null;
  /** Loads model/ (default), best/ or the checkpoint's model; errors name the missing folder. */
  loadModel(which?: "model" | "best" | "checkpoint"): Promise<tf.LayersModel>;
}

const LINKABLE = [RUN_FILES.run, RUN_FILES.config, RUN_FILES.metrics, RUN_FILES.history, RUN_FILES.predictions,
  ...[RUN_FILES.model, RUN_FILES.best].map((d) => `${d}/${MODEL_FILES.json}`),
  ...[TRACE_FILES.gates, TRACE_FILES.gatesJson, TRACE_FILES.saturation, TRACE_FILES.inputs, TRACE_FILES.samples].map((f) => `${RUN_FILES.traces}/${f}`)];

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

/** predictions.csv: numbers where a cell parses as one, else text (class names). */
function readPredictions(file: string): Array<Record<string, string | number>> {
  const [head, ...lines] = fs.readFileSync(file, "utf8").trim().split(/\r?\n/);
  const columns = csvCells(head, () => `${file}: line 1`);
  return lines.map((line, i) => {
    const cells = csvCells(line, () => `${file}: line ${i + 2}`);
    if (cells.length !== columns.length) throw new Error(`${file}: line ${i + 2} has ${cells.length} cells, expected ${columns.length}`);
    return Object.fromEntries(columns.map((c, k) => [c, cells[k] !== "" && Number.isFinite(Number(cells[k])) ? Number(cells[k]) : cells[k]]));
  });
}

/** metrics.json `baselines`: a list of { name, test: { metric: number } }; errors name the file, the entry and what to write. */
function checkBaselines(baselines: unknown, file: string): void {
  if (!Array.isArray(baselines)) {
    throw new Error(`${file}: field "baselines" is ${baselines === undefined ? "missing" : JSON.stringify(baselines)}, expected a list of { "name": …, "test": { metric: number } } (write [] for none)`);
  }
  baselines.forEach((b: { name?: unknown; test?: unknown } | null, i) => {
    if (typeof b !== "object" || b === null || typeof b.name !== "string") throw new Error(`${file}: baselines[${i}] is ${JSON.stringify(b)}, expected { "name": "…", "test": { … } }`);
    if (typeof b.test !== "object" || b.test === null || Array.isArray(b.test)) {
      throw new Error(`${file}: baselines[${i}] ("${b.name}") has "test": ${JSON.stringify(b.test)}, expected an object of test metrics (e.g. { "accuracy": 0.48 }); fix or remove that baseline`);
    }
  });
}

/**
 * Reads a run folder of format 2: run.json (status), config.json, history.csv, metrics.json,
 * predictions.csv and traces/ where present; the model loads on request. Errors name the folder
 * or the file: a missing folder, a folder of format 1 or another version, malformed files.
 *
 * @example
 * const run = await openRun("runs/20261127-101500-tutorial");
 * run.status; run.metrics?.test.accuracy; run.history.print();
 * const model = await run.loadModel();
 */
export async function openRun(dir: string): Promise<OpenedRun> {
  const info = readRunJson(dir);
  const configFile = path.join(dir, RUN_FILES.config);
  if (!fs.existsSync(configFile)) throw new Error(`${configFile} not found: every run folder has one from startRun`);
  const config = readJson(configFile);
  if (typeof config !== "object" || config === null || Array.isArray(config)) throw new Error(`${configFile}: expected a JSON object`);
  const historyFile = path.join(dir, RUN_FILES.history);
  const rows = fs.existsSync(historyFile) ? await readHistoryCsv(historyFile) : [];
  const columns = fs.existsSync(historyFile) ? csvCells(fs.readFileSync(historyFile, "utf8").split(/\r?\n/)[0], () => `${historyFile}: line 1`) : [];
  const metricsFile = path.join(dir, RUN_FILES.metrics);
  let metrics: MetricsJson | null = null;
  if (fs.existsSync(metricsFile)) {
    metrics = readJson(metricsFile) as MetricsJson;
    if (typeof metrics !== "object" || metrics === null || typeof metrics.test !== "object" || metrics.test === null) {
      throw new Error(`${metricsFile}: field "test" is missing (expected an object of test metrics)`);
    }
    if (metrics.format !== info.format) throw new Error(`${metricsFile}: format ${metrics.format}, ${RUN_FILES.run} says ${info.format}`);
    checkBaselines(metrics.baselines, metricsFile);
  }
  const predictionsFile = path.join(dir, RUN_FILES.predictions);
  const tracesDir = path.join(dir, RUN_FILES.traces);
  const checkpointEpoch = fs.existsSync(path.join(checkpointDir(dir, rows.length), "state.json")) ? rows.length : null;
  const files = [...LINKABLE.filter((f) => fs.existsSync(path.join(dir, f))),
    ...(fs.existsSync(path.join(dir, RUN_FILES.charts)) ? fs.readdirSync(path.join(dir, RUN_FILES.charts)).sort().map((f) => `${RUN_FILES.charts}/${f}`) : [])];
  let frame: dfd.DataFrame | null = null;
  return {
    dir, id: path.basename(path.resolve(dir)), name: info.name, format: info.format, task: info.task, status: info.status, reason: info.reason, info,
    config: config as Record<string, unknown>, rows, columns,
    get history() { return (frame ??= historyFrame(rows, columns)); },
    metrics,
    predictions: fs.existsSync(predictionsFile) ? readPredictions(predictionsFile) : null,
    traces: fs.existsSync(tracesDir) ? await readRunTraces(tracesDir) : null,
    files, checkpointEpoch,
    loadModel: async (which = "model") => {
      const folder = which === "checkpoint" ? checkpointDir(dir, rows.length) : path.join(dir, which === "best" ? RUN_FILES.best : RUN_FILES.model);
      if (!fs.existsSync(folder)) throw new Error(`${folder} not found: ${which === "model" ? "the run saved no model (run.saveModel)" : which === "best" ? "no epoch completed" : `no checkpoint matches ${RUN_FILES.history}`}`);
      return loadModel(folder);
    },
  };
}
