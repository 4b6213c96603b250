import type { Figure } from "../charts/figure";
import type { MimeBundle } from "./displaySink";
import { figureMimeBundle, isFigure } from "./figureMimeBundle";
import { frameMimeBundle, isFrame, type TableLike } from "./frameMimeBundle";

/** What a comparison output reads: `compareRuns`'s result has these (its `table` is a danfo DataFrame). */
export interface ComparisonLike {
  rows: unknown[];
  table: TableLike;
  figure: Figure;
}

/**
 * True for a comparison from `compareRuns`: an object with `rows` (an array), a `figure` and a
 * `table` that is a danfo DataFrame. The table is read last (compareRuns builds it on first read).
 *
 * @example
 * if (isComparison(x)) sink.send(comparisonMimeBundle(x, "cmp-1"));
 */
export function isComparison(x: unknown): x is ComparisonLike {
  const c = x as Partial<ComparisonLike> | null;
  return typeof x === "object" && c !== null && Array.isArray(c.rows) && isFigure(c.figure) && "table" in c && isFrame(c.table);
}

/**
 * A comparison as ONE notebook output: its table (as `frameMimeBundle`), then its figure (as
 * `figureMimeBundle`'s HTML view, drawn once plotly.js is loaded: `loadPlotly`), and a text/plain
 * fallback: the text table, then the figure's one-line description. There is deliberately no
 * `application/vnd.plotly.v1+json` representation: a frontend that prefers it (JupyterLab with
 * plotly's renderer) would show the figure alone and drop the table. So where scripts do not run
 * (an untrusted notebook reopened) the table shows and the figure shows its placeholder;
 * `show(comparison.figure)` draws it from plotly JSON there. `elementId` must be unique in the page.
 *
 * @example
 * sink.send(comparisonMimeBundle(await compareRuns([dirA, dirB]), "grulab-comparison-1", { maxRows: 10 }));
 */
export function comparisonMimeBundle(comparison: ComparisonLike, elementId: string, options: { maxRows?: number; height?: number } = {}): MimeBundle {
  const table = frameMimeBundle(comparison.table, options);
  const figure = figureMimeBundle(comparison.figure, elementId, options);
  return {
    "text/html": `<div class="grulab-comparison">\n${table["text/html"]}\n${figure["text/html"]}\n</div>`,
    "text/plain": `${table["text/plain"]}\n${figure["text/plain"]}`,
  };
}
