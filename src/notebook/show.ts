import type { Figure } from "../charts/figure";
import { tslabSink, type DisplaySink } from "./displaySink";
import { frameMimeBundle, isFrame } from "./frameMimeBundle";
import { isRun, runMimeBundle } from "./runMimeBundle";
import { showFigure } from "./showFigure";

function isFigure(x: unknown): x is Figure {
  const f = x as Partial<Figure> | null;
  return typeof x === "object" && f !== null && Array.isArray(f.data) && typeof f.layout === "object" && f.layout !== null;
}

/**
 * Shows a thing as a notebook output, one call for all of them:
 * - a danfo DataFrame or Series: an HTML table with formatted numbers (a long one: its first
 *   and last rows and the row count; `maxRows`, default 20) and a text/plain fallback;
 * - a figure (`{ data, layout }`, what every chart builder returns): drawn by plotly, offline
 *   (see `showFigure`; `height` in pixels);
 * - a run (from startRun or openRun): its summary — status, epochs, best epoch, test metrics
 *   beside the baselines.
 * Anything else is an Error saying what show takes.
 *
 * @example
 * show(run.history);                       // the history as a table
 * show(lossCurves({ gru: a.history, lstm: b.history }));
 * show(run);                               // status and test metrics
 */
export function show(x: unknown, options: { maxRows?: number; height?: number; sink?: DisplaySink } = {}): void {
  if (isFrame(x)) return (options.sink ?? tslabSink()).send(frameMimeBundle(x, options));
  if (isFigure(x)) return showFigure(x, options);
  if (isRun(x)) return (options.sink ?? tslabSink()).send(runMimeBundle(x));
  const what = x === null ? "null" : Array.isArray(x) ? "an array" : typeof x === "object" ? `an object with keys ${Object.keys(x as object).slice(0, 6).join(", ")}` : typeof x;
  throw new Error(`show: expected a danfo DataFrame or Series, a figure ({ data, layout }) or a run (from startRun or openRun), got ${what}`);
}
