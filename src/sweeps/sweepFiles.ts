import * as fs from "fs";
import * as path from "path";
import { csvCell } from "../util/csvCell";
import { writeFileAtomic } from "../io/writeFileAtomic";
import type { SearchSpace } from "./searchSpace";
import type { TrialRef, TrialResult } from "./trialSpec";
import { RUN_FILES } from "../runs/runFormat";

/**
 * The version of the sweep folder this code writes and reads (sweep.json `format`).
 *
 * @example
 * JSON.parse(fs.readFileSync("runs/sweeps/cells/sweep.json", "utf8")).format === SWEEP_FORMAT
 */
export const SWEEP_FORMAT = 1;

/**
 * File names in a sweep folder: sweep.json, results.csv, results.journal (the rows that changed
 * since the run began, one JSON line each, appended: see ResultsTable), report.html and trials/
 * (one run folder per trial).
 *
 * @example
 * path.join(dir, SWEEP_FILES.results)
 */
export const SWEEP_FILES = { sweep: "sweep.json", results: "results.csv", journal: "results.journal", report: RUN_FILES.reportHtml, trials: "trials" } as const;

/**
 * How a sweep picks configs and epochs: `grid` or `random` search with every trial trained to
 * `budget.epochs`, or ASHA (over the grid's configs, or `budget.trials` random ones).
 *
 * @example
 * const s: SweepScheduler = { kind: "asha", minEpochs: 1, eta: 3, search: "random" };
 */
export type SweepScheduler = { kind: "grid" } | { kind: "random" } | { kind: "asha"; minEpochs?: number; eta?: number; search?: "grid" | "random" };

/**
 * What a sweep may spend: `epochs` per trial (ASHA: the top rung's), `trials` configs for random
 * search, `samples` draws of the continuous options per grid point (default 1).
 *
 * @example
 * const budget: SweepBudget = { epochs: 9, trials: 27 };
 */
export interface SweepBudget {
  epochs: number;
  trials?: number;
  samples?: number;
}

/**
 * sweep.json: what the sweep is (trial, space, scheduler, budget, metric, seed) and where it
 * stands (status, counts, best trial), rewritten atomically at every change.
 *
 * @example
 * const s: SweepJson = JSON.parse(fs.readFileSync("runs/sweeps/cells/sweep.json", "utf8"));
 */
export interface SweepJson {
  format: number;
  name: string;
  /** running, finished, interrupted or failed. */
  status: string;
  reason: string | null;
  trial: TrialRef;
  space: SearchSpace;
  scheduler: SweepScheduler;
  budget: SweepBudget;
  metric: string;
  mode: "min" | "max";
  seed: number;
  /** Configs planned (one trial each) and how many have a final result. */
  trials: number;
  completed: number;
  /** Epochs trained over all trials so far. */
  epochsSpent: number;
  /** ASHA's rungs (epochs), when the scheduler is ASHA. */
  rungs?: number[];
  best: { trialId: string; value: number; epoch: number } | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * One row of results.csv: the trial's config and, once it ran, its result (status "pending" before).
 *
 * @example
 * const row: SweepRow = { trialId: "3fa2c1d0e9b8", config: { units: 64 }, result: null };
 */
export interface SweepRow {
  trialId: string;
  config: Record<string, unknown>;
  result: TrialResult | null;
}

/**
 * Writes sweep.json atomically.
 *
 * @example
 * writeSweepJson(dir, { ...readSweepJson(dir), status: "interrupted" });
 */
export function writeSweepJson(dir: string, json: SweepJson): void {
  writeFileAtomic(path.join(dir, SWEEP_FILES.sweep), JSON.stringify(json, null, 2) + "\n");
}

/**
 * Reads sweep.json; errors name the file (missing, not JSON, another format).
 *
 * @example
 * readSweepJson("runs/sweeps/cells").status // "finished"
 */
export function readSweepJson(dir: string): SweepJson {
  const file = path.join(dir, SWEEP_FILES.sweep);
  if (!fs.existsSync(file)) throw new Error(`${file} not found: ${fs.existsSync(dir) ? "the folder is not a sweep folder" : "no such folder"}`);
  let json: SweepJson;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8")) as SweepJson;
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (json.format !== SWEEP_FORMAT) throw new Error(`${file}: format ${JSON.stringify(json.format)}, this grulab reads sweep format ${SWEEP_FORMAT}`);
  return json;
}

/** A value as the text of its CSV cell (unquoted): numbers as JavaScript prints them (they read back bitwise), the rest as text or JSON. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** An error message on one line (its line breaks as " | "), so that results.csv keeps one row per line; "" for none. */
function oneLine(message: string | undefined): string {
  return message === undefined || message === null ? "" : message.trim().replace(/\s*\r?\n\s*/g, " | ");
}

/**
 * The cells of one results row by column (unquoted texts): what results.csv holds for it and
 * what a results.journal line carries.
 *
 * @example
 * resultRowCells(["cell", "units"], "val_loss", row) // { trialId: "3fa2c1d0e9b8", cell: "gru", units: "64", status: "finished", val_loss: "0.41", … }
 */
export function resultRowCells(options: string[], metric: string, row: SweepRow): Record<string, string> {
  const x = row.result;
  const cells: Record<string, string> = { trialId: row.trialId };
  for (const o of options) cells[o] = cellText(row.config[o]);
  Object.assign(cells, {
    status: x?.status ?? "pending", [metric]: cellText(x?.best), bestEpoch: cellText(x?.bestEpoch), epochs: cellText(x?.epochs ?? 0),
    seconds: cellText(x ? Number(x.seconds.toFixed(3)) : null), worker: cellText(x?.worker), error: oneLine(x?.error),
  });
  for (const [t, v] of Object.entries(x?.metrics ?? {})) cells[`test_${t}`] = cellText(v);
  return cells;
}

/**
 * results.csv's header: `trialId`, the space's options (in its order), `status`, the metric's
 * best value (its own name), `bestEpoch`, `epochs`, `seconds`, `worker`, `error` (why a trial
 * failed or stopped, on one line; empty for a finished one), then `test_<name>` for every test
 * number (sorted).
 *
 * @example
 * resultsColumns(["cell"], "val_loss", ["accuracy"]) // ["trialId", "cell", "status", "val_loss", "bestEpoch", "epochs", "seconds", "worker", "error", "test_accuracy"]
 */
export function resultsColumns(options: string[], metric: string, tests: Iterable<string>): string[] {
  return ["trialId", ...options, "status", metric, "bestEpoch", "epochs", "seconds", "worker", "error", ...[...new Set(tests)].sort().map((t) => `test_${t}`)];
}

/**
 * results.csv: `trialId`, the space's options (in its order), `status`, the metric's best value
 * (its own name), `bestEpoch`, `epochs`, `seconds`, `worker`, `error`, then `test_<name>` for every test
 * number a trial reported; one row per planned trial in plan order, written atomically.
 *
 * @example
 * writeResultsCsv(dir, ["cell", "units"], "val_loss", rows);
 */
export function writeResultsCsv(dir: string, options: string[], metric: string, rows: SweepRow[]): void {
  const header = resultsColumns(options, metric, rows.flatMap((r) => Object.keys(r.result?.metrics ?? {})));
  const lines = rows.map((r) => {
    const cells = resultRowCells(options, metric, r);
    return header.map((c) => csvCell(cells[c] ?? "")).join(",");
  });
  writeFileAtomic(path.join(dir, SWEEP_FILES.results), [header.map(csvCell).join(","), ...lines].join("\n") + "\n");
}
