import * as path from "path";
import type * as dfd from "danfojs-node";
import { compareRuns, type Comparison } from "../reports/compareRuns";
import { openRun, type OpenedRun } from "../runs/openRun";
import { danfo } from "../util/danfo";
import { readResultsTable } from "./resultsTable";
import { seedAggregates, type SeedAggregate } from "./seedAggregates";
import { readSweepJson, SWEEP_FILES, type SweepJson } from "./sweepFiles";

/**
 * A cell of a sweep's results: a number, a text, or null (empty).
 *
 * @example
 * const v: SweepCell = sweep.rows[0].val_loss;
 */
export type SweepCell = number | string | null;

/**
 * A sweep folder read back (`openSweep`, also what `startSweep` returns): sweep.json, the results
 * table (plain rows and a DataFrame), aggregates over seeds, and the trials as runs.
 *
 * @example
 * const sweep = await openSweep("runs/sweeps/cells");
 * show(sweep); show(sweep.aggregates); show(await sweep.compare(3));
 */
export interface OpenedSweep {
  readonly kind: "sweep";
  dir: string;
  name: string;
  /** sweep.json's status: running, finished, interrupted, failed. */
  status: string;
  info: SweepJson;
  metric: string;
  mode: "min" | "max";
  /** The space's option names, in its order (columns of the results after trialId). */
  options: string[];
  /** results.csv as plain rows (numbers parsed; empty cells null), one per trial. */
  rows: Array<Record<string, SweepCell>>;
  /** results.csv as a danfo DataFrame (danfo is loaded when this is first read). */
  readonly results: dfd.DataFrame;
  /** The metric over seeds per group of trials differing only in `seed`: mean, sd, n, 95 % interval (plain). */
  aggregateRows: SeedAggregate[];
  /** The same as a DataFrame: the options but seed, then n, mean, sd, ci95_low, ci95_high. */
  readonly aggregates: dfd.DataFrame;
  /** The k best trials with a result, best first (the mode decides). */
  best(k?: number): Array<Record<string, SweepCell>>;
  /** The run folders of the k best trials (openRun, compareRuns, grulab compare take them). */
  bestDirs(k?: number): string[];
  /** The k best trials opened as runs. */
  runs(k?: number): Promise<OpenedRun[]>;
  /** compareRuns of the k best trials (default 3): their table and loss curves. */
  compare(k?: number): Promise<Comparison>;
}

function parseCell(text: string): SweepCell {
  if (text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) && /^-?[\d.]/.test(text) ? n : text;
}

/** The results table (results.csv with its journal applied) as rows of parsed cells. */
function readResults(dir: string): { columns: string[]; rows: Array<Record<string, SweepCell>> } {
  const { columns, rows } = readResultsTable(dir);
  return { columns, rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c, c === "trialId" || c === "worker" || c === "status" || c === "error" ? r[c] : parseCell(r[c])]))) };
}

/**
 * Opens a sweep folder: sweep.json and the results table (results.csv and its journal; errors name the file: no folder, not a
 * sweep, another format), with the results as a DataFrame, aggregates over seeds (mean, sd, 95 %
 * interval of the metric) and the best trials as runs (`runs(k)`, `compare(k)`).
 *
 * @example
 * const sweep = await openSweep("runs/sweeps/cells");
 * sweep.best(1)[0].val_loss; await sweep.compare(3);
 */
export async function openSweep(dir: string): Promise<OpenedSweep> {
  const abs = path.resolve(dir);
  const info = readSweepJson(abs);
  const { columns, rows } = readResults(abs);
  const options = Object.keys(info.space);
  const metric = info.metric;
  const value = (r: Record<string, SweepCell>) => (typeof r[metric] === "number" ? (r[metric] as number) : null);
  const ranked = rows.filter((r) => value(r) !== null).sort((a, b) => (info.mode === "min" ? value(a)! - value(b)! : value(b)! - value(a)!));
  const aggregateRows = seedAggregates(rows.map((r) => ({ config: Object.fromEntries(options.map((o) => [o, r[o]])), value: value(r) })));
  let results: dfd.DataFrame | undefined;
  let aggregates: dfd.DataFrame | undefined;
  const best = (k = 5) => ranked.slice(0, k);
  const bestDirs = (k = 5) => best(k).map((r) => path.join(abs, SWEEP_FILES.trials, String(r.trialId)));
  return {
    kind: "sweep", dir: abs, name: info.name, status: info.status, info, metric, mode: info.mode, options, rows, aggregateRows,
    get results() {
      results ??= new (danfo().DataFrame)(rows.map((r) => columns.map((c) => r[c])), { columns });
      return results;
    },
    get aggregates() {
      const keys = options.filter((o) => o !== "seed");
      const cols = [...keys, "n", "mean", "sd", "ci95_low", "ci95_high"];
      aggregates ??= new (danfo().DataFrame)(aggregateRows.map((g) => [...keys.map((k) => g.config[k] as SweepCell), g.n, g.mean, g.sd, g.low, g.high]), { columns: cols });
      return aggregates;
    },
    best, bestDirs,
    runs: async (k = 5) => Promise.all(bestDirs(k).map((d) => openRun(d))),
    compare: async (k = 3) => compareRuns(bestDirs(k)),
  };
}
