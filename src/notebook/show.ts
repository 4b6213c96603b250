import { randomBytes } from "crypto";
import { comparisonMimeBundle, isComparison } from "./comparisonMimeBundle";
import { kernelSink, type DisplaySink } from "./displaySink";
import { isFigure } from "./figureMimeBundle";
import { frameMimeBundle, isFrame } from "./frameMimeBundle";
import { loadPlotly } from "./loadPlotly";
import { isRun, runMimeBundle } from "./runMimeBundle";
import { showFigure } from "./showFigure";
import { isSweep, sweepMimeBundle } from "./sweepMimeBundle";
import { sweepFigures } from "../charts/sweepFigures";

/**
 * Shows a thing as a notebook output, one call for all of them:
 * - a danfo DataFrame or Series: an HTML table with formatted numbers (a long one: its first
 *   and last rows and the row count; `maxRows`, default 20) and a text/plain fallback;
 * - a figure (`{ data, layout }`, what every chart builder returns): drawn by plotly, offline
 *   (see `showFigure`; `height` in pixels);
 * - a run (from startRun or openRun): its summary — status, epochs, best epoch, test metrics
 *   beside the baselines;
 * - a sweep (from startSweep or openSweep): where it stands, its results table, the metric over
 *   seeds (mean, sd, 95 % interval), parallel coordinates and the metric against each option;
 * - a comparison (from compareRuns): its table, then its figure, as one output (HTML, drawn
 *   where scripts run; text/plain: the text table and a line for the figure). In a notebook
 *   reopened untrusted the figure stays a placeholder: `show(comparison.figure)` draws it there.
 * Anything else is an Error saying what show takes.
 *
 * @example
 * show(run.history);                       // the history as a table
 * show(lossCurves({ gru: a.history, lstm: b.history }));
 * show(run);                               // status and test metrics
 * show(await compareRuns([a.dir, b.dir])); // table and loss curves of both runs
 */
export function show(x: unknown, options: { maxRows?: number; height?: number; sink?: DisplaySink } = {}): void {
  if (isFrame(x)) return (options.sink ?? kernelSink()).send(frameMimeBundle(x, options));
  if (isFigure(x)) return showFigure(x, options);
  if (isSweep(x)) { // before isRun: a sweep has a dir, a name and a status too
    const sink = options.sink ?? kernelSink();
    loadPlotly({ sink });
    const { parallel, perOption } = sweepFigures(x);
    return sink.send(sweepMimeBundle(x, [parallel, perOption], `grulab-sweep-${randomBytes(6).toString("hex")}`, options));
  }
  if (isRun(x)) return (options.sink ?? kernelSink()).send(runMimeBundle(x));
  if (isComparison(x)) {
    const sink = options.sink ?? kernelSink();
    loadPlotly({ sink });
    return sink.send(comparisonMimeBundle(x, `grulab-comparison-${randomBytes(6).toString("hex")}`, options));
  }
  const what = x === null ? "null" : Array.isArray(x) ? "an array" : typeof x === "object" ? `an object with keys ${Object.keys(x as object).slice(0, 6).join(", ")}` : typeof x;
  throw new Error(`show: expected a danfo DataFrame or Series, a figure ({ data, layout }), a run (from startRun or openRun), a sweep (from startSweep or openSweep) or a comparison (from compareRuns), got ${what}`);
}
