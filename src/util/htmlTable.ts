import { escapeHtml } from "./escapeHtml";
import { formatCell } from "./formatCell";

/**
 * An HTML table of `rows` (cells formatted by `formatCell`, every text escaped); numbers are
 * right-aligned. A row given as null is drawn as one "…" row (the gap between head and tail).
 *
 * @example
 * htmlTable(["run", "accuracy"], [["gru", 0.71], null, ["lstm", 0.69]])
 */
export function htmlTable(columns: string[], rows: Array<unknown[] | null>, options: { index?: Array<string | number | null> } = {}): string {
  const index = options.index;
  const th = (index ? ["<th></th>"] : []).concat(columns.map((c) => `<th>${escapeHtml(c)}</th>`)).join("");
  const body = rows.map((row, i) => {
    if (row === null) return `<tr>${(index ? ["<th>…</th>"] : []).concat(columns.map(() => "<td>…</td>")).join("")}</tr>`;
    const head = index ? `<th>${escapeHtml(formatCell(index[i]))}</th>` : "";
    return `<tr>${head}${row.map((v) => `<td${typeof v === "number" ? ' style="text-align:right"' : ""}>${escapeHtml(formatCell(v))}</td>`).join("")}</tr>`;
  }).join("\n");
  return `<table class="grulab-table">\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
