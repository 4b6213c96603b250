import * as fs from "fs";
import * as path from "path";
import type { RunMetrics } from "../runs/runTutorial";
import { readHistoryCsv } from "../training/historyCsv";
import type { HistoryRow } from "../training/historyRow";
import { readRunTraces, type RunTraces } from "./readRunTraces";

/** The part of `metrics.json` (`RunMetrics`) a report needs; the other fields are shown when present. */
export type RunFolderMetrics = Pick<RunMetrics, "testAccuracy" | "baselineAccuracy" | "classes" | "perClass" | "confusion"> & Partial<RunMetrics>;

/** Everything a report shows of one run folder. */
export interface RunFolder {
  dir: string;
  /** The folder's base name, e.g. `20261127-101500-tutorial`. */
  name: string;
  config: Record<string, unknown>;
  metrics: RunFolderMetrics;
  history: HistoryRow[];
  /** `traces/` CSVs, null when the folder has no `traces/`. */
  traces: RunTraces | null;
  /** Files present that a report links to, relative to `dir` (POSIX separators). */
  files: string[];
}

const LINKABLE = ["config.json", "metrics.json", "history.csv", "loss.html", "model/model.json",
  "traces/gates.csv", "traces/gates.json", "traces/saturation.csv", "traces/inputs.csv", "traces/samples.csv"];

/**
 * Reads a run folder: `config.json`, `metrics.json`, `history.csv` (required) and `traces/`
 * (optional). Throws an Error naming the file (and field, line or column) that is missing or
 * malformed.
 *
 * @example
 * const run = await readRunFolder("runs/20261127-101500-tutorial");
 */
export async function readRunFolder(dir: string): Promise<RunFolder> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`run folder ${dir} does not exist`);
  const config = readJson(path.join(dir, "config.json"));
  if (typeof config !== "object" || config === null || Array.isArray(config)) throw new Error(`${path.join(dir, "config.json")}: expected a JSON object`);
  const metrics = checkMetrics(readJson(path.join(dir, "metrics.json")), path.join(dir, "metrics.json"));
  const historyFile = path.join(dir, "history.csv");
  readText(historyFile); // the missing-file message a run folder gives
  const history = await readHistoryCsv(historyFile);
  const tracesDir = path.join(dir, "traces");
  const traces = fs.existsSync(tracesDir) ? await readRunTraces(tracesDir) : null;
  const files = LINKABLE.filter((f) => fs.existsSync(path.join(dir, f)));
  return { dir, name: path.basename(path.resolve(dir)), config: config as Record<string, unknown>, metrics, history, traces, files };
}

function readText(file: string): string {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: a run folder needs config.json, metrics.json and history.csv`);
  return fs.readFileSync(file, "utf8");
}

function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

function checkMetrics(m: unknown, file: string): RunFolderMetrics {
  const fail = (field: string, expected: string): never => { throw new Error(`${file}: field "${field}" ${expected}`); };
  if (typeof m !== "object" || m === null) return fail("(root)", "expected a JSON object");
  const o = m as Record<string, unknown>;
  for (const k of ["testAccuracy", "baselineAccuracy"]) if (typeof o[k] !== "number") fail(k, "is missing or not a number");
  if (!Array.isArray(o.classes) || !o.classes.every((c) => typeof c === "string")) fail("classes", "expected an array of strings");
  const n = (o.classes as string[]).length;
  if (!Array.isArray(o.confusion) || o.confusion.length !== n || !o.confusion.every((r) => Array.isArray(r) && r.length === n && r.every((v) => typeof v === "number"))) {
    fail("confusion", `expected a ${n}×${n} array of counts (rows = actual, columns = predicted, in "classes" order)`);
  }
  if (!Array.isArray(o.perClass)) fail("perClass", "expected an array of {class, precision, recall, support}");
  (o.perClass as unknown[]).forEach((p, i) => {
    const q = p as Record<string, unknown>;
    if (typeof q !== "object" || q === null || typeof q.class !== "string" || !["precision", "recall", "support"].every((k) => typeof q[k] === "number" || q[k] === null)) {
      fail(`perClass[${i}]`, "expected {class: string, precision: number, recall: number, support: number}");
    }
  });
  return o as unknown as RunFolderMetrics;
}
