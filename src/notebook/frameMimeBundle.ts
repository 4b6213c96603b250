import { escapeHtml } from "../util/escapeHtml";
import { formatCell } from "../util/formatCell";
import { htmlTable } from "../util/htmlTable";
import type { MimeBundle } from "./displaySink";

/** The parts of a danfo DataFrame or Series a table needs (read by duck typing: danfo is not loaded for this). */
export interface TableLike {
  shape: number[];
  columns: string[];
  index: Array<string | number>;
  values: unknown[] | unknown[][];
}

/**
 * True for a danfo DataFrame or Series (by shape, not by class: showing one does not load danfo).
 *
 * @example
 * if (isFrame(x)) sink.send(frameMimeBundle(x));
 */
export function isFrame(x: unknown): x is TableLike {
  const t = x as Partial<TableLike> | null;
  return typeof x === "object" && t !== null && Array.isArray(t.shape) && Array.isArray(t.columns) && Array.isArray(t.index) && Array.isArray(t.values)
    && ["DataFrame", "Series"].includes((x as object).constructor?.name);
}

/**
 * A danfo DataFrame or Series as a notebook output: an HTML table (numbers formatted by
 * `formatCell` and right-aligned, the index as the first column) and a fixed-width text table
 * (text/plain, for terminals and nbconvert's text export). A frame longer than `maxRows`
 * (default 20) shows its first and last `maxRows / 2` rows with a "…" row between; both say
 * the row and column count.
 *
 * @example
 * sink.send(frameMimeBundle(run.history, { maxRows: 10 }));
 */
export function frameMimeBundle(frame: TableLike, options: { maxRows?: number } = {}): MimeBundle {
  const maxRows = options.maxRows ?? 20;
  if (!Number.isInteger(maxRows) || maxRows < 2) throw new Error(`show: option maxRows expects an integer ≥ 2, got ${maxRows}`);
  const isSeries = (frame as object).constructor?.name === "Series";
  const rows: unknown[][] = isSeries ? (frame.values as unknown[]).map((v) => [v]) : (frame.values as unknown[][]);
  const n = rows.length;
  const columns = frame.columns.map(String);
  const cut = n > maxRows;
  const head = cut ? Math.ceil(maxRows / 2) : n;
  const tail = cut ? Math.floor(maxRows / 2) : 0;
  const shown: Array<number | null> = cut
    ? [...Array.from({ length: head }, (_, i) => i), null, ...Array.from({ length: tail }, (_, i) => n - tail + i)]
    : Array.from({ length: n }, (_, i) => i);
  const size = isSeries ? `${n} rows` : `${n} rows × ${columns.length} columns`;
  const html = htmlTable(columns, shown.map((i) => (i === null ? null : rows[i])), { index: shown.map((i) => (i === null ? null : frame.index[i])) })
    + `\n<p style="color:#666;font-size:smaller">${escapeHtml(size)}${cut ? ` (first ${head} and last ${tail} shown)` : ""}</p>`;
  // Text: right-aligned numbers, left-aligned text, a … row for the gap.
  const textRows = shown.map((i) => (i === null ? ["…", ...columns.map(() => "…")] : [formatCell(frame.index[i]), ...rows[i].map(formatCell)]));
  const header = ["", ...columns];
  const numeric = header.map((_, j) => j > 0 && rows.some((r) => typeof r[j - 1] === "number"));
  const widths = header.map((h, j) => Math.max(h.length, ...textRows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (numeric[j] ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join("  ").trimEnd();
  const text = [line(header), ...textRows.map(line), `[${size}]`].join("\n");
  return { "text/html": html, "text/plain": text };
}
