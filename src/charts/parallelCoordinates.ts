import type { Figure } from "./figure";
import { plotlyText } from "./plotlyText";

/**
 * Options of {@link parallelCoordinates}.
 *
 * @example
 * parallelCoordinates(rows, { options: ["cell", "units"], metric: "val_loss", mode: "min" });
 */
export interface ParallelCoordinatesOptions {
  /** The columns to draw as axes, in order (the sweep's options); the metric's axis comes last. */
  options: string[];
  /** The column every line is coloured by (its own axis, last). */
  metric: string;
  /** "min": low values are the good colour (default); "max": high ones. */
  mode?: "min" | "max";
  /** Options drawn on a log₁₀ axis (e.g. a learning rate): their tick labels show the values. */
  logOptions?: string[];
  title?: string;
}

/**
 * A parallel-coordinates figure of a sweep's results: one axis per option and one for the
 * metric, one line per trial coloured by its metric (rows without a finite metric are left out).
 * Text options get one tick per value (in order of appearance); a `logOptions` axis is drawn in
 * log₁₀ with the values as tick labels. Plain data: a plotly `parcoords` trace.
 *
 * @example
 * show(parallelCoordinates(sweep.rows, { options: sweep.options, metric: "val_loss" }));
 */
export function parallelCoordinates(rows: Array<Record<string, unknown>>, options: ParallelCoordinatesOptions): Figure {
  const kept = rows.filter((r) => typeof r[options.metric] === "number" && Number.isFinite(r[options.metric]));
  const dimension = (name: string, log: boolean) => {
    const raw = kept.map((r) => r[name]);
    if (raw.every((v) => typeof v === "number")) {
      const values = raw as number[];
      if (!log) return { label: plotlyText(name), values };
      const logs = values.map(Math.log10);
      const lo = Math.floor(Math.min(...logs)), hi = Math.ceil(Math.max(...logs));
      const tickvals = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
      return { label: plotlyText(`${name} (log)`), values: logs, tickvals, ticktext: tickvals.map((t) => `1e${t}`) };
    }
    const labels = [...new Set(raw.map(String))];
    return { label: plotlyText(name), values: raw.map((v) => labels.indexOf(String(v))), tickvals: labels.map((_, i) => i), ticktext: labels.map(plotlyText) };
  };
  const metric = kept.map((r) => r[options.metric] as number);
  return {
    data: [{
      type: "parcoords",
      dimensions: [...options.options.map((o) => dimension(o, options.logOptions?.includes(o) ?? false)), { label: plotlyText(options.metric), values: metric }],
      line: { color: metric, colorscale: "Viridis", reversescale: (options.mode ?? "min") === "min", showscale: true, colorbar: { title: { text: plotlyText(options.metric) } } },
    }],
    layout: { title: { text: plotlyText(options.title ?? `${kept.length} trials: ${options.metric} by option`) }, height: 420, margin: { l: 60, r: 60, t: 70, b: 30 } },
  };
}
