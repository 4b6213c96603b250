import type { Figure } from "./figure";
import { GATE_NAMES, gateLabel, SIGMOID_GATES, type GateName } from "../traces/gateName";
import { onlyFirst } from "./layerColour";
import { plotlyText } from "./plotlyText";

/** The mean of one gate of one layer at each time step (over the traced samples and units). */
export interface GateMeanSeries {
  gate: GateName;
  /** The layer's name or index: one panel per layer. */
  layer: string | number;
  /** mean[t]. */
  mean: ArrayLike<number>;
}

// One colour per gate, the same in every panel (a GRU's z and an LSTM's f share the "keep" colour).
const GATE_COLOURS: Partial<Record<GateName, string>> = { z: "#1f77b4", r: "#ff7f0e", i: "#2ca02c", f: "#1f77b4", o: "#9467bd" };

/**
 * Gate means over time: one panel per layer (in order of appearance), one line per sigmoid gate
 * (GRU z, r; LSTM i, f, o) giving its mean over samples and units at each time step, y on [0, 1].
 * A GRU's z and an LSTM's f (the share of the old state kept) have the same colour. Throws on a
 * gate that is not a sigmoid gate or a mean outside [0, 1], naming layer, gate and step.
 *
 * @example
 * const fig = gateMeans([{ gate: "f", layer: "lstm", mean: [0.7, 0.8, 0.9] }, { gate: "i", layer: "lstm", mean: [0.5, 0.4, 0.4] }]);
 */
export function gateMeans(series: GateMeanSeries[], options: { title?: string } = {}): Figure {
  for (const s of series) {
    if (!SIGMOID_GATES.includes(s.gate)) throw new Error(`gateMeans: layer ${s.layer} has gate "${s.gate}", expected a sigmoid gate: z, r (GRU), i, f or o (LSTM)`);
    for (let t = 0; t < s.mean.length; t++) {
      if (!(s.mean[t] >= 0 && s.mean[t] <= 1)) throw new Error(`gateMeans: layer ${s.layer}, gate ${s.gate}, step ${t}: mean ${s.mean[t]}, expected a number in [0, 1]`);
    }
  }
  const layers = [...new Set(series.map((s) => s.layer))];
  const layout: Record<string, unknown> = {
    title: { text: plotlyText(options.title ?? "Gate means over time (over samples and units)") },
    grid: { rows: 1, columns: Math.max(1, layers.length), pattern: "independent" },
    annotations: [],
  };
  const data: Array<Record<string, unknown>> = [];
  const firstInLegend = onlyFirst<GateName>(); // each gate once in the legend
  layers.forEach((layer, p) => {
    const suffix = p === 0 ? "" : String(p + 1);
    const mine = series.filter((s) => s.layer === layer).sort((a, b) => GATE_NAMES.indexOf(a.gate) - GATE_NAMES.indexOf(b.gate));
    for (const s of mine) {
      data.push({
        type: "scatter", mode: "lines", name: plotlyText(gateLabel(s.gate)), legendgroup: s.gate, showlegend: firstInLegend(s.gate),
        x: Array.from({ length: s.mean.length }, (_, t) => t), y: Array.from(s.mean),
        xaxis: `x${suffix}`, yaxis: `y${suffix}`, line: { color: GATE_COLOURS[s.gate] },
        hovertemplate: `${s.gate}, t %{x}: %{y:.3f}<extra>${plotlyText(String(layer))}</extra>`,
      });
    }
    layout[`xaxis${suffix}`] = { title: { text: "time step t" } };
    layout[`yaxis${suffix}`] = { range: [0, 1], ...(p === 0 ? { title: { text: "mean" } } : {}) };
    (layout.annotations as unknown[]).push({
      text: plotlyText(`layer ${layer}`), showarrow: false, xref: `x${suffix} domain`, yref: `y${suffix} domain`, x: 0.5, y: 1, yanchor: "bottom",
    });
  });
  return { data, layout };
}
