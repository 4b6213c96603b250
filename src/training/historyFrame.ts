import type * as dfd from "danfojs-node";
import { danfo as loadDanfo } from "../util/danfo";
import type { HistoryRow } from "./historyRow";

/**
 * The history as a danfo DataFrame with the given columns (one row per epoch). danfo is loaded
 * here, on first use, not when grulab is imported.
 *
 * @example
 * historyFrame(rows, ["epoch", "loss", "val_loss", "seconds"]).print();
 */
export function historyFrame(rows: HistoryRow[], columns: string[]): dfd.DataFrame {
  const danfo = loadDanfo();
  if (rows.length === 0) return new danfo.DataFrame([], { columns });
  return new danfo.DataFrame(rows.map((r) => columns.map((c) => r[c] ?? NaN)), { columns });
}
