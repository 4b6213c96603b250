import * as path from "path";
import type * as dfd from "danfojs-node";
import type { Figure } from "../charts/figure";
import { lossCurves } from "../charts/lossCurves";
import { openRun, type OpenedRun } from "../runs/openRun";
import { danfo } from "../util/danfo";

/** One run as the comparison read it (through `openRun`). */
export type ComparedRun = OpenedRun;

/** A cell of the comparison table: a number, a text, or null (absent). */
export type ComparisonCell = number | string | null;

/** What {@link compareRuns} returns. */
export interface Comparison {
  /** The runs, in the order given. */
  runs: ComparedRun[];
  /** The table's columns: run, status, the config keys that differ, test_<metric>, baseline_<metric>, epochs_run. */
  columns: string[];
  /** One row per run (plain objects: what the HTML page and the CSV use). */
  rows: Array<Record<string, ComparisonCell>>;
  /** The same rows as a danfo DataFrame (danfo is loaded when this is first read). */
  readonly table: dfd.DataFrame;
  /** Every run's loss curves in one figure (`lossCurves` of the named histories). */
  figure: Figure;
}

// Differ in every run and say nothing about the experiment; `name` is the run column already.
const IGNORED_CONFIG = /(^|\.)(createdAt|updatedAt)$|^name$/;
// Metrics where higher is better; every other metric (loss, mae, rmse, bpc) is lower-is-better.
const HIGHER_IS_BETTER = new Set(["accuracy", "acc"]);

/** Nested config objects become dotted keys (`split.train`); arrays stay values. */
function flatten(obj: Record<string, unknown>, prefix = ""): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).flatMap(([k, v]) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.entries(flatten(v as Record<string, unknown>, `${prefix}${k}.`)) : [[`${prefix}${k}`, v]]));
}

function cell(v: unknown): ComparisonCell {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" || typeof v === "string") return v;
  return JSON.stringify(v);
}

/**
 * Compares runs: one table row per run (its name, status, the config keys whose values differ
 * between the runs, the test metrics as `test_<metric>`, the strongest baseline of each as
 * `baseline_<metric>`, epochs run as `epochs_run`) and one figure with every run's loss curves. Takes run
 * folders (paths relative to the current directory) or run objects (anything with a `dir`:
 * a `Run` from startRun, an opened run), each read through `openRun`. Runs of different tasks
 * cannot be compared: an Error names each run and its task. A missing folder or one of another
 * format version is openRun's Error naming the folder.
 *
 * @example
 * const { table, figure } = await compareRuns(["runs/20261129-210000-gru", "runs/20261129-211500-lstm"]);
 * show(table); show(figure);
 */
export async function compareRuns(runsOrDirs: Array<string | { dir: string }>): Promise<Comparison> {
  if (!Array.isArray(runsOrDirs) || runsOrDirs.length === 0) throw new Error("compareRuns: expected a list of run folders or runs, got none");
  const runs: OpenedRun[] = [];
  for (const r of runsOrDirs) {
    const dir = typeof r === "string" ? r : r?.dir;
    if (typeof dir !== "string") throw new Error(`compareRuns: expected run folders (strings) or runs (with a dir), got ${JSON.stringify(r)}`);
    try {
      runs.push(await openRun(dir));
    } catch (err) {
      throw new Error(`compareRuns: ${(err as Error).message}`);
    }
  }
  const tasks = new Set(runs.map((r) => r.task));
  if (tasks.size > 1) {
    throw new Error(`compareRuns: runs of different tasks cannot be compared: ${runs.map((r) => `${r.dir} (${r.task})`).join(", ")}`);
  }
  // Keyed by folder: a run's label is its name, else its folder's base name, else its path, whichever is unique.
  const labels = uniqueLabels(runs);
  const label = (r: ComparedRun) => labels.get(r)!;
  const configs = runs.map((r) => flatten(r.config));
  const configKeys = [...new Set(configs.flatMap((c) => Object.keys(c)))].filter((k) => !IGNORED_CONFIG.test(k)
    && new Set(configs.map((c) => JSON.stringify(c[k] ?? null))).size > 1);
  const metricKeys = [...new Set(runs.flatMap((r) => Object.keys(r.metrics?.test ?? {})))];
  const baselineKeys = metricKeys.filter((k) => runs.some((r) => (r.metrics?.baselines ?? []).some((b) => Number.isFinite(b.test?.[k]))));
  const strongest = (r: ComparedRun, k: string): number | null => {
    const values = (r.metrics?.baselines ?? []).map((b) => b.test?.[k]).filter((v): v is number => Number.isFinite(v));
    if (values.length === 0) return null;
    return HIGHER_IS_BETTER.has(k) ? Math.max(...values) : Math.min(...values);
  };
  const columns = ["run", "status", ...configKeys, ...metricKeys.map((k) => `test_${k}`), ...baselineKeys.map((k) => `baseline_${k}`), "epochs_run"];
  const rows = runs.map((r, i) => ({
    run: label(r), status: r.status,
    ...Object.fromEntries(configKeys.map((k) => [k, cell(configs[i][k])])),
    ...Object.fromEntries(metricKeys.map((k) => [`test_${k}`, cell(r.metrics?.test?.[k])])),
    ...Object.fromEntries(baselineKeys.map((k) => [`baseline_${k}`, strongest(r, k)])),
    epochs_run: r.rows.length,
  }));
  const figure = lossCurves(Object.fromEntries(runs.map((r) => [label(r), r.rows])), { title: `Loss curves: ${runs.map(label).join(", ")}` });
  let frame: dfd.DataFrame | null = null;
  return {
    runs, columns, rows, figure,
    get table() {
      return (frame ??= toFrame(columns, rows));
    },
  };
}

/** Each run's label: its name when no other run has it, else its folder's base name when unique, else its folder's path (relative to the working directory); a folder given twice gets "#2". */
function uniqueLabels(runs: ComparedRun[]): Map<ComparedRun, string> {
  const count = (keys: string[], k: string) => keys.filter((x) => x === k).length;
  const names = runs.map((r) => r.name);
  const ids = runs.map((r) => r.id);
  const paths = runs.map((r) => path.relative(process.cwd(), path.resolve(r.dir)) || ".");
  const labels = new Map<ComparedRun, string>();
  const used = new Map<string, number>();
  runs.forEach((r, i) => {
    const base = count(names, r.name) === 1 ? r.name : count(ids, r.id) === 1 ? r.id : paths[i];
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    labels.set(r, n === 1 ? base : `${base} #${n}`);
  });
  return labels;
}

/** A DataFrame with one dtype per column: numbers (NaN for absent) when every present value is one, else text ("" for absent). */
function toFrame(columns: string[], rows: Array<Record<string, ComparisonCell>>): dfd.DataFrame {
  const numeric = columns.map((c) => rows.every((r) => r[c] === null || typeof r[c] === "number"));
  const data = rows.map((r) => columns.map((c, j) => (numeric[j] ? (r[c] ?? NaN) : String(r[c] ?? ""))));
  return new (danfo().DataFrame)(data, { columns });
}
