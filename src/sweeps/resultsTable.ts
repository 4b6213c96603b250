import * as fs from "fs";
import * as path from "path";
import { csvCells } from "../util/csvCells";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { resultRowCells, resultsColumns, SWEEP_FILES, writeResultsCsv, type SweepRow } from "./sweepFiles";

/** A full rewrite of results.csv at least every this many changed rows (of the table's rows / REWRITE_SHARE). */
const REWRITE_SHARE = 64;
/** …and, when rows changed since, at least this often (ms), unless the last rewrite took over 2 % of that. */
const REWRITE_EVERY_MS = 30_000;

/**
 * The writer of a sweep's results table, linear in the number of trial results: a changed row
 * is appended to results.journal as one JSON line (one write call; its cells by column), and
 * results.csv — every row — is rewritten atomically (temp file + rename) only now and then: when
 * the rows changed since its last rewrite reach 1/64 of the table (at most 64 rewrites per pass
 * over the trials; every result for a table of 64 rows or fewer), when 30 s passed with a change,
 * and at `flush()`. The journal holds every change since `begin()`, in order, so the table is
 * results.csv with the journal applied (`readResultsTable`); applying a line twice changes
 * nothing, and a torn last line (the process killed during its write) is left out.
 *
 * @example
 * const table = new ResultsTable(dir, ["cell", "seed"], "val_loss", rows);
 * table.begin();                   // results.csv with every row, an empty journal
 * rows[3].result = result; table.changed(3);
 * table.flush();                   // results.csv whole
 */
export class ResultsTable {
  private pending = 0;
  private lastRewrite = 0;
  private lastRewriteMs = 0;
  private fd: number | null = null;

  constructor(readonly dir: string, readonly options: string[], readonly metric: string, readonly rows: SweepRow[]) {}

  /** Starts the table: an empty journal, then results.csv with every row (both atomic). */
  begin(): void {
    this.close();
    writeFileAtomic(path.join(this.dir, SWEEP_FILES.journal), "");
    this.rewrite();
    this.fd = fs.openSync(path.join(this.dir, SWEEP_FILES.journal), "a");
  }

  /** Row `index` changed: appends it to the journal; rewrites results.csv when it is due. */
  changed(index: number): void {
    if (this.fd === null) throw new Error(`ResultsTable ${this.dir}: changed() before begin()`);
    const line = Buffer.from(JSON.stringify(resultRowCells(this.options, this.metric, this.rows[index])) + "\n");
    for (let at = 0; at < line.length;) at += fs.writeSync(this.fd, line, at);
    this.pending++;
    const now = Date.now();
    if (this.pending >= Math.max(1, Math.ceil(this.rows.length / REWRITE_SHARE)) || (now - this.lastRewrite >= REWRITE_EVERY_MS && this.lastRewriteMs * 50 <= now - this.lastRewrite)) this.rewrite();
  }

  /** Rewrites results.csv now when a row changed since its last rewrite (the end of a sweep, an interruption). */
  flush(): void {
    if (this.pending > 0) this.rewrite();
  }

  /** Flushes and closes the journal. */
  close(): void {
    if (this.fd === null) return;
    this.flush();
    fs.closeSync(this.fd);
    this.fd = null;
  }

  private rewrite(): void {
    const t0 = Date.now();
    writeResultsCsv(this.dir, this.options, this.metric, this.rows);
    this.lastRewrite = Date.now();
    this.lastRewriteMs = this.lastRewrite - t0;
    this.pending = 0;
  }
}

/**
 * A sweep's results table as it stands: results.csv with results.journal applied (each line
 * replaces its trial's row; a test column the csv lacks is added, empty in the other rows), as
 * columns and rows of cell texts. A torn last journal line (a writer killed mid-line) is left
 * out; any other bad line is an error naming the file and line.
 *
 * @example
 * const { columns, rows } = readResultsTable("runs/sweeps/cells"); rows[0].status // "finished"
 */
export function readResultsTable(dir: string): { columns: string[]; rows: Array<Record<string, string>> } {
  const file = path.join(dir, SWEEP_FILES.results);
  if (!fs.existsSync(file)) throw new Error(`${file} not found: the sweep has not written its results table yet`);
  const lines = fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "");
  let columns = csvCells(lines[0] ?? "", () => `${file}: line 1`);
  const rows = lines.slice(1).map((line, i) => {
    const cells = csvCells(line, () => `${file}: line ${i + 2}`);
    if (cells.length !== columns.length) throw new Error(`${file}: line ${i + 2} has ${cells.length} cells, the header ${columns.length}`);
    return Object.fromEntries(columns.map((c, k) => [c, cells[k]]));
  });
  const journal = path.join(dir, SWEEP_FILES.journal);
  if (!fs.existsSync(journal)) return { columns, rows };
  const text = fs.readFileSync(journal, "utf8");
  const entries = text.split("\n");
  entries.pop(); // after the last "\n": empty, or a line whose write did not finish
  const byId = new Map(rows.map((r, i) => [r.trialId, i]));
  const extra = new Set<string>();
  entries.forEach((line, i) => {
    let cells: Record<string, string>;
    try {
      cells = JSON.parse(line) as Record<string, string>;
    } catch (err) {
      throw new Error(`${journal}: line ${i + 1} is not JSON (${(err as Error).message}): delete ${journal} and run the sweep again (it reads every trial back from its folder)`);
    }
    const at = byId.get(cells.trialId);
    if (at === undefined) throw new Error(`${journal}: line ${i + 1}: trial ${JSON.stringify(cells.trialId)} has no row in ${file}`);
    rows[at] = cells;
    for (const c of Object.keys(cells)) if (!columns.includes(c)) extra.add(c);
  });
  if (extra.size > 0) {
    // The columns a journal line adds: test numbers, or the error column a table written before it had.
    const tests = [...columns.slice(columns.indexOf("status") + 1), ...extra].filter((c) => c.startsWith("test_")).map((c) => c.replace(/^test_/, ""));
    const options = columns.slice(1, columns.indexOf("status"));
    columns = resultsColumns(options, columns[columns.indexOf("status") + 1], tests);
  }
  return { columns, rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? ""]))) };
}
