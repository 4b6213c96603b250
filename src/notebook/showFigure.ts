import { randomBytes } from "crypto";
import type { Figure } from "../charts/figure";
import { kernelSink, type DisplaySink } from "./displaySink";
import { figureMimeBundle } from "./figureMimeBundle";
import { loadPlotly } from "./loadPlotly";

/**
 * Shows a plotly figure as a notebook output, offline: plotly.js is loaded once per notebook
 * (on the first call), each figure output stays a few kB. See `figureMimeBundle` for which
 * representation JupyterLab, the classic notebook and exported HTML use.
 *
 * @example
 * import * as grulab from "grulab";
 * grulab.showFigure(grulab.lossCurves(rows));
 */
export function showFigure(figure: Figure, options: { height?: number; sink?: DisplaySink } = {}): void {
  const sink = options.sink ?? kernelSink();
  loadPlotly({ sink });
  sink.send(figureMimeBundle(figure, `grulab-figure-${randomBytes(6).toString("hex")}`, options));
}
