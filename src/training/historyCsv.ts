import type { HistoryRow } from "./historyRow";
import { readCsvFrame } from "../data/readCsvFrame";

const COLUMNS: Array<keyof HistoryRow> = ["epoch", "loss", "val_loss", "acc", "val_acc", "seconds"];

/**
 * The history as CSV text with the columns `epoch,loss,val_loss,acc,val_acc,seconds`, numbers
 * at full precision; a NaN (no validation data) is an empty cell.
 *
 * @example
 * writeFileAtomic("runs/x/history.csv", historyToCsv(rows));
 */
export function historyToCsv(rows: HistoryRow[]): string {
  const cell = (v: number) => (Number.isFinite(v) ? String(v) : "");
  return [COLUMNS.join(","), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(","))].join("\n") + "\n";
}

/**
 * Reads a history.csv written by `historyToCsv` back into rows (empty validation cells → NaN).
 *
 * @example
 * const rows = await readHistoryCsv("runs/x/history.csv");
 */
export async function readHistoryCsv(file: string): Promise<HistoryRow[]> {
  const df = await readCsvFrame(file, { numeric: ["epoch", "loss", "acc", "seconds"], text: [] });
  const missing = COLUMNS.filter((c) => !(df.columns as string[]).includes(c));
  if (missing.length > 0) throw new Error(`${file}: missing column "${missing[0]}"`);
  const col = (c: string) => (df.column(c).values as unknown[]).map((v) => (typeof v === "number" ? v : NaN));
  const values = Object.fromEntries(COLUMNS.map((c) => [c, col(c)]));
  return values.epoch.map((_, i) => Object.fromEntries(COLUMNS.map((c) => [c, values[c][i]])) as unknown as HistoryRow);
}
