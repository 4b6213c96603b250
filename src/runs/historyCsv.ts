import * as fs from "fs";
import { RUN_FILES } from "./runFormat";
import { csvCell } from "../util/csvCell";
import { csvCells } from "../util/csvCells";
import { HISTORY_FIXED_COLUMNS, historyColumns, type HistoryRow } from "../training/historyRow";

/** The columns of `rows` in history.csv order (epoch, loss, val_loss, metrics, val_ metrics, seconds). */
function columnsOf(rows: HistoryRow[]): string[] {
  if (rows.length === 0) return historyColumns([]);
  return historyColumns(Object.keys(rows[0]).filter((k) => !HISTORY_FIXED_COLUMNS.includes(k) && !k.startsWith("val_")));
}

/** One CSV line of a history row, numbers at full precision; NaN (no validation data) is an empty cell. */
export function historyLine(row: HistoryRow, columns: string[]): string {
  return columns.map((c) => (Number.isFinite(row[c]) ? String(row[c]) : "")).join(",");
}

/**
 * The history as CSV text (header first), columns `epoch,loss,val_loss,<metrics>,val_<metrics>,seconds`
 * unless `columns` are given, numbers at full precision; a NaN (no validation data) is an empty cell.
 *
 * @example
 * historyToCsv([{ epoch: 1, loss: 0.9, val_loss: NaN, acc: 0.5, val_acc: NaN, seconds: 2 }]);
 * // "epoch,loss,val_loss,acc,val_acc,seconds\n1,0.9,,0.5,,2\n"
 */
export function historyToCsv(rows: HistoryRow[], columns: string[] = columnsOf(rows)): string {
  return [columns.map(csvCell).join(","), ...rows.map((r) => historyLine(r, columns))].join("\n") + "\n";
}

/**
 * Appends one line to `file` and flushes it to disk (fsync) before returning: history.csv grows
 * by one whole row per completed epoch, and a kill never leaves half a row.
 */
export function appendLineSynced(file: string, line: string): void {
  const fd = fs.openSync(file, "a");
  try {
    fs.writeSync(fd, line.endsWith("\n") ? line : line + "\n");
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a history.csv back into rows (empty cells → NaN). Every column is read as a number;
 * `epoch`, `loss` and `seconds` must be present. A header without rows gives no rows. Header
 * cells may be quoted (a metric name with a comma); CRLF line ends are read as LF. Errors name
 * the file, line and column (a duplicate column too).
 *
 * @example
 * const rows = await readHistoryCsv("runs/x/history.csv");
 */
export async function readHistoryCsv(file: string): Promise<HistoryRow[]> {
  if (!fs.existsSync(file)) throw new Error(`${file}: file not found`);
  const text = fs.readFileSync(file, "utf8");
  if (/\r(?!\n)/.test(text)) throw new Error(`${file}: line ends are a bare CR (old Mac style); ${RUN_FILES.history} uses LF (or CRLF): convert it, e.g. tr '\\r' '\\n' < ${RUN_FILES.history} > fixed.csv`);
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) throw new Error(`${file}: empty (expected the header epoch,loss,val_loss,…,seconds)`);
  const columns = csvCells(lines[0], () => `${file}: line 1`);
  const twice = columns.find((c, i) => columns.indexOf(c) !== i);
  if (twice !== undefined) throw new Error(`${file}: line 1 names column "${twice}" twice; each column once (rename one)`);
  for (const c of HISTORY_FIXED_COLUMNS.filter((c) => c !== "val_loss")) {
    if (!columns.includes(c)) throw new Error(`${file}: missing column "${c}" (found: ${columns.join(", ")})`);
  }
  return lines.slice(1).map((line, i) => {
    const cells = line.split(",");
    if (cells.length !== columns.length) throw new Error(`${file}: line ${i + 2} has ${cells.length} cells, expected ${columns.length}`);
    const row: Record<string, number> = {};
    columns.forEach((c, k) => {
      const v = cells[k] === "" ? NaN : Number(cells[k]);
      if (cells[k] !== "" && !Number.isFinite(v)) throw new Error(`${file}: line ${i + 2}, column "${c}": expected a number, got ${JSON.stringify(cells[k])}`);
      row[c] = v;
    });
    if (!Number.isInteger(row.epoch)) throw new Error(`${file}: line ${i + 2}, column "epoch": expected an integer`);
    return row as HistoryRow;
  });
}
