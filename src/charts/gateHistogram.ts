import type { Figure } from "./figure";
import { chartRange, GATE_NAMES, gateLabel, type GateName } from "../traces/gateName";
import { layerColour, onlyFirst } from "./layerColour";
import { plotlyText } from "./plotlyText";

/** All traced values of one gate of one layer (any shape, flattened). */
export interface GateValues {
  gate: GateName;
  /** The layer's name or index. */
  layer: string | number;
  values: ArrayLike<number>;
}

/**
 * Histograms of gate values, one panel per gate (those given, in `GATE_NAMES` order: z, r, hTilde,
 * i, f, cTilde, o, c, h; up to 2 panels in a row, up to 6 in 2 rows, more in 3), one overlaid bar
 * trace per layer. Values are binned here (equal bins over the gate's range, [0, 1] or [-1, 1];
 * for the LSTM's unbounded c, or a state beyond [-1, 1] under another activation, [−m, m] with m
 * the largest |value| of every layer given — `chartRange`; a value on the upper edge goes to the
 * last bin), so the figure stays small
 * however many values were traced; y is the fraction of that layer's values in the bin.
 * Throws on a value that is not finite or lies outside the gate's range, naming gate, layer, index.
 *
 * @example
 * const fig = gateHistogram([{ gate: "z", layer: 0, values: zFlat }, { gate: "r", layer: 0, values: rFlat }]);
 */
export function gateHistogram(traces: GateValues[], options: { bins?: number; title?: string } = {}): Figure {
  const bins = options.bins ?? 40;
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`gateHistogram: option bins is ${bins}, expected an integer >= 1`);
  const gates = GATE_NAMES.filter((g) => traces.some((t) => t.gate === g));
  const layers = [...new Set(traces.map((t) => t.layer))]; // in order of appearance
  const rows = gates.length > 6 ? 3 : gates.length > 2 ? 2 : 1;
  const columns = Math.max(1, Math.ceil(gates.length / rows));
  const layout: Record<string, unknown> = {
    title: { text: plotlyText(options.title ?? "Gate value histograms") },
    grid: { rows, columns, pattern: "independent", ygap: rows > 2 ? 0.5 : 0.35 },
    barmode: "overlay", bargap: 0, annotations: [],
  };
  const data: Array<Record<string, unknown>> = [];
  const firstInLegend = onlyFirst<string | number>(); // each layer once, in the first panel that has it
  gates.forEach((gate, p) => {
    const suffix = p === 0 ? "" : String(p + 1);
    const [lo, hi] = chartRange(gate, traces.filter((t) => t.gate === gate).map((t) => t.values));
    const width = (hi - lo) / bins;
    const centres = Array.from({ length: bins }, (_, k) => lo + (k + 0.5) * width);
    for (const trace of traces.filter((t) => t.gate === gate)) {
      const counts = binValues(trace, lo, hi, bins);
      const n = trace.values.length;
      const name = plotlyText(`layer ${trace.layer}`);
      data.push({
        type: "bar", name, legendgroup: name, showlegend: firstInLegend(trace.layer),
        x: centres, y: counts.map((c) => (n > 0 ? c / n : 0)), width, customdata: counts,
        xaxis: `x${suffix}`, yaxis: `y${suffix}`, opacity: layers.length > 1 ? 0.6 : 0.9,
        marker: { color: layerColour(layers.indexOf(trace.layer)) },
        hovertemplate: `${gate}, ${name}<br>%{x:.3f}: %{customdata} values (%{y:.1%})<extra></extra>`,
      });
    }
    // In 3 rows the panel's label names it (an axis title would run into the panel below).
    layout[`xaxis${suffix}`] = { ...(rows > 2 ? {} : { title: { text: gate } }), range: [lo, hi] };
    layout[`yaxis${suffix}`] = rows > 2 && p % columns !== 0 ? {} : { title: { text: "fraction of values" } };
    (layout.annotations as unknown[]).push({
      text: gateLabel(gate), showarrow: false, xref: `x${suffix} domain`, yref: `y${suffix} domain`, x: 0.5, y: 1, yanchor: "bottom",
    });
  });
  return { data, layout };
}

function binValues(trace: GateValues, lo: number, hi: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  const tolerance = 1e-6;
  for (let i = 0; i < trace.values.length; i++) {
    const v = trace.values[i];
    if (!Number.isFinite(v) || v < lo - tolerance || v > hi + tolerance) {
      throw new Error(`gateHistogram: gate ${trace.gate}, layer ${trace.layer}, value ${i} is ${v}, expected a number in [${lo}, ${hi}]`);
    }
    const k = Math.floor(((v - lo) / (hi - lo)) * bins);
    counts[Math.min(bins - 1, Math.max(0, k))]++;
  }
  return counts;
}
