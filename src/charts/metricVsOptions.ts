import type { Figure } from "./figure";
import { plotlyText } from "./plotlyText";

/**
 * Options of {@link metricVsOptions}.
 *
 * @example
 * metricVsOptions(rows, { options: ["units", "learningRate"], metric: "val_loss", logOptions: ["learningRate"] });
 */
export interface MetricVsOptionsOptions {
  /** The columns to plot the metric against, one panel each. */
  options: string[];
  metric: string;
  /** Options drawn on a log x axis (e.g. a learning rate). */
  logOptions?: string[];
  title?: string;
}

/**
 * The metric against each option of a sweep, one panel per option side by side, one marker per
 * trial (a text option on a category axis), sharing the metric's y axis; rows without a finite
 * metric are left out. Hovering a marker names its trial (`trialId`, when the rows have it).
 *
 * @example
 * show(metricVsOptions(sweep.rows, { options: sweep.options, metric: "val_loss" }));
 */
export function metricVsOptions(rows: Array<Record<string, unknown>>, options: MetricVsOptionsOptions): Figure {
  const kept = rows.filter((r) => typeof r[options.metric] === "number" && Number.isFinite(r[options.metric]));
  const n = Math.max(1, options.options.length);
  const gap = 0.04;
  const width = (1 - gap * (n - 1)) / n;
  const layout: Record<string, unknown> = {
    title: { text: plotlyText(options.title ?? `${options.metric} against each option (${kept.length} trials)`) }, height: 360, showlegend: false,
    yaxis: { title: { text: plotlyText(options.metric) } }, margin: { l: 60, r: 20, t: 60, b: 50 },
  };
  const data = options.options.map((o, i) => {
    const axis = i === 0 ? "" : String(i + 1);
    const x = kept.map((r) => r[o]);
    const numeric = x.every((v) => typeof v === "number");
    layout[`xaxis${axis}`] = {
      domain: [i * (width + gap), i * (width + gap) + width], title: { text: plotlyText(o) },
      type: !numeric ? "category" : options.logOptions?.includes(o) ? "log" : "linear",
    };
    return {
      type: "scatter", mode: "markers", name: plotlyText(o), x: numeric ? x : x.map((v) => plotlyText(v)), y: kept.map((r) => r[options.metric]),
      xaxis: `x${axis}`, yaxis: "y", text: kept.map((r) => plotlyText(r.trialId ?? "")), hovertemplate: `%{text}<br>${plotlyText(o)} %{x}<br>${plotlyText(options.metric)} %{y}<extra></extra>`,
      marker: { size: 8, opacity: 0.75 },
    };
  });
  return { data, layout };
}
