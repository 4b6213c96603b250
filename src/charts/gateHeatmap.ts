import type { Figure } from "./figure";
import { chartRange, gateLabel, SIGMOID_GATES, type GateName } from "../traces/gateName";
import { plotlyText } from "./plotlyText";

/** One gate (or state) of one layer over one sequence: `values[t][unit]`. */
export interface GateSequence {
  gate: GateName;
  values: ArrayLike<number>[];
  /** The layer's name or index, shown in the default title. */
  layer?: string | number;
  sample?: number;
}

/** The input sequence drawn above the heatmap: `values[t][feature]`, optional feature names. */
export interface InputSequence {
  values: ArrayLike<number>[];
  features?: string[];
}

/** Above this many input features the input is drawn as a heatmap instead of lines. */
const MAX_INPUT_LINES = 3;

/**
 * A time × unit heatmap of one gate over one sequence (x = time step, y = unit), with the
 * input sequence drawn above it on the same time axis (two rows, shared x axis). The colour
 * range is the gate's range ([0, 1] for the sigmoid gates z, r, i, f, o with Viridis; [-1, 1] for
 * hTilde, cTilde and h with RdBu; for the LSTM's unbounded c, [−m, m] with m its largest |value|). Up to 3 input
 * features are drawn as lines; more as a feature × time heatmap whose colour is each feature
 * scaled to its own min..max over the sequence (features of different units stay readable;
 * hover shows the raw value).
 * Throws when the input and the gate have different numbers of time steps, or rows are ragged.
 *
 * @example
 * const fig = gateHeatmap({ gate: "z", values: zOfSample0, layer: 0, sample: 0 }, { values: x0, features: ["temp", "wind"] });
 */
export function gateHeatmap(trace: GateSequence, input?: InputSequence | null, options: { title?: string } = {}): Figure {
  const T = trace.values.length;
  const units = checkRows("gate values", trace.values);
  const [zmin, zmax] = chartRange(trace.gate, trace.values);
  const steps = Array.from({ length: T }, (_, t) => t);
  const unitIdx = Array.from({ length: units }, (_, u) => u);
  const heat: Record<string, unknown> = {
    type: "heatmap", name: trace.gate, x: steps, y: unitIdx,
    z: unitIdx.map((u) => steps.map((t) => trace.values[t][u])),
    zmin, zmax, colorscale: SIGMOID_GATES.includes(trace.gate) ? "Viridis" : "RdBu",
    colorbar: { title: { text: trace.gate }, len: input ? 0.7 : 1, y: input ? 0.35 : 0.5, yanchor: "middle" },
    hovertemplate: `t %{x}, unit %{y}<br>${trace.gate} %{z:.3f}<extra></extra>`,
  };
  const where = [trace.layer !== undefined ? `layer ${trace.layer}` : "", trace.sample !== undefined ? `sample ${trace.sample}` : ""]
    .filter(Boolean).join(", ");
  const title = plotlyText(options.title ?? `${gateLabel(trace.gate)}${where ? ` (${where})` : ""}`);
  const layout: Record<string, unknown> = {
    title: { text: title },
    xaxis: { title: { text: "time step t" }, range: [-0.5, T - 0.5] },
    yaxis: { title: { text: "unit" }, domain: input ? [0, 0.7] : [0, 1] },
  };
  if (!input) return { data: [heat], layout };
  if (input.values.length !== T) {
    throw new Error(`gateHeatmap: input has ${input.values.length} time steps, gate ${trace.gate} has ${T}`);
  }
  const D = checkRows("input values", input.values);
  if (input.features && input.features.length !== D) {
    throw new Error(`gateHeatmap: input.features names ${input.features.length} features, the values have ${D}`);
  }
  const names = Array.from({ length: D }, (_, d) => plotlyText(input.features?.[d] ?? `x${d}`));
  const inputTraces: Array<Record<string, unknown>> = D <= MAX_INPUT_LINES
    ? names.map((name, d) => ({
      type: "scatter", mode: "lines", name, x: steps, y: steps.map((t) => input.values[t][d]), xaxis: "x", yaxis: "y2",
    }))
    : [{
      type: "heatmap", name: "input", x: steps, y: names.map((_, d) => d), z: names.map((_, d) => scaled(steps.map((t) => input.values[t][d]))),
      customdata: names.map((name, d) => steps.map((t) => [name, input.values[t][d]])), zmin: 0, zmax: 1,
      xaxis: "x", yaxis: "y2", colorscale: "Greys", reversescale: true, showscale: false,
      hovertemplate: "t %{x}, %{customdata[0]} = %{customdata[1]:.4g}<extra></extra>",
    }];
  layout.yaxis2 = D <= MAX_INPUT_LINES
    ? { title: { text: "input" }, domain: [0.75, 1] }
    : { title: { text: "input" }, domain: [0.75, 1], tickvals: names.map((_, d) => d), ticktext: names, autorange: "reversed", automargin: true };
  layout.legend = { y: 1, yanchor: "top" };
  return { data: [...inputTraces, heat], layout };
}

/** Min-max scaling of one feature's sequence to [0, 1] (a constant sequence → 0.5). */
function scaled(values: number[]): number[] {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return values.map((v) => (hi > lo ? (v - lo) / (hi - lo) : 0.5));
}

function checkRows(what: string, rows: ArrayLike<number>[]): number {
  const width = rows.length > 0 ? rows[0].length : 0;
  rows.forEach((row, t) => {
    if (row.length !== width) throw new Error(`gateHeatmap: ${what} row t=${t} has ${row.length} entries, expected ${width}`);
  });
  return width;
}
