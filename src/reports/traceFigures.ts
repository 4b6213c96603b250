import type { Figure } from "../charts/figure";
import { gateHeatmap, type InputSequence } from "../charts/gateHeatmap";
import { gateHistogram, type GateValues } from "../charts/gateHistogram";
import { gateMeans, type GateMeanSeries } from "../charts/gateMeans";
import { GATE_NAMES, gateLabel, SIGMOID_GATES, type GateName } from "../traces/gateName";
import { saturationPlot } from "../charts/saturationPlot";
import type { GateRow, InputRow, RunTraces, TracedLayer } from "../runs/readRunTraces";
import { cellOfColumns, TRACE_COLUMNS } from "../traces/traceColumns";
import { RUN_FILES, TRACE_FILES } from "../runs/runFormat";

/**
 * The figures a report draws from a run's traces; each part is empty/null when its CSV is absent.
 *
 * @example
 * const { heatmaps } = traceFigures(run.traces!); // TraceFigures
 */
export interface TraceFigures {
  /** Heatmaps: for each layer and each of the first `samples` samples, each of the layer's quantities (GRU z, r, hTilde, h; LSTM i, f, cTilde, o, c, h; SimpleRNN h). */
  heatmaps: Figure[];
  /** Each layer's sigmoid gates (GRU z, r; LSTM i, f, o): mean over every traced sample and unit at each step; null without gates. */
  means: Figure | null;
  saturation: Figure | null;
  histogram: Figure | null;
}

/**
 * Turns the rows of `traces/*.csv` into figures: heatmaps of each layer's quantities (its cell's
 * columns, from `traces.layers` or else the columns its rows fill; with the sample's input from
 * inputs.csv above, when present; titled with the sample's class and date from samples.csv)
 * for the first `samples` traced samples (default 5), gate means over time (over every traced
 * sample and unit), the saturation plot,
 * and histograms over every traced value (one panel per quantity, one bar trace per layer that
 * has it). Throws when gates.csv has a hole (a missing
 * t/unit for a traced layer and sample), naming layer, sample, t and unit.
 *
 * @example
 * const { heatmaps, saturation, histogram } = traceFigures(readRunTraces("runs/x/traces"), { samples: 2 });
 */
export function traceFigures(traces: RunTraces, options: { samples?: number } = {}): TraceFigures {
  const samplesShown = options.samples ?? 5;
  const heatmaps: Figure[] = [];
  let histogram: Figure | null = null;
  let means: Figure | null = null;
  if (traces.gates && traces.gates.length > 0) {
    const gates = traces.gates;
    const layers = traces.layers ?? layersOf(gates);
    const samples = [...new Set(gates.map((g) => g.sample))].sort((a, b) => a - b).slice(0, samplesShown);
    for (const { layer, columns } of layers) {
      for (const sample of samples) {
        const rows = gates.filter((g) => g.layer === layer && g.sample === sample);
        if (rows.length === 0) continue;
        const input = traces.inputs ? inputSequence(traces.inputs, sample) : null;
        const about = traces.samples?.find((s) => s.sample === sample);
        const what = about ? `: ${about.class}${about.targetDate ? `, ${about.targetDate}` : ""}` : "";
        for (const gate of columns) {
          const title = `${gateLabel(gate)} (layer ${layer}, sample ${sample}${what})`;
          heatmaps.push(gateHeatmap({ gate, layer, sample, values: gateMatrix(rows, gate, layer, sample) }, input, { title }));
        }
      }
    }
    const values: GateValues[] = [];
    for (const gate of GATE_NAMES) {
      for (const { layer, columns } of layers) {
        if (columns.includes(gate)) values.push({ gate, layer, values: Float64Array.from(gates.filter((g) => g.layer === layer), (g) => g[gate] ?? NaN) });
      }
    }
    histogram = gateHistogram(values);
    const series = layers.flatMap(({ layer, columns }) => columns.filter((g) => SIGMOID_GATES.includes(g)).map((gate) => meanOverTime(gates, layer, gate)));
    means = series.length > 0 ? gateMeans(series) : null;
  }
  const saturation = traces.saturation && traces.saturation.length > 0 ? saturationPlot(traces.saturation) : null;
  return { heatmaps, means, saturation, histogram };
}

/** The layers of gates.csv's rows in order of appearance, each with its cell's columns (those its first row fills). */
function layersOf(gates: GateRow[]): TracedLayer[] {
  const first = new Map<string, GateRow>();
  for (const g of gates) if (!first.has(g.layer)) first.set(g.layer, g);
  return [...first.values()].map((row) => {
    const cell = cellOfColumns(GATE_NAMES.filter((q) => row[q] !== undefined)) ?? "gru";
    return { layer: row.layer, cell, columns: TRACE_COLUMNS[cell] };
  });
}

function meanOverTime(gates: GateRow[], layer: string, gate: GateName): GateMeanSeries {
  const sum: number[] = [];
  const count: number[] = [];
  for (const g of gates) {
    if (g.layer !== layer) continue;
    sum[g.t] = (sum[g.t] ?? 0) + (g[gate] ?? NaN);
    count[g.t] = (count[g.t] ?? 0) + 1;
  }
  return { layer, gate, mean: Array.from(sum, (v, t) => v / count[t]) };
}

function gateMatrix(rows: GateRow[], gate: GateName, layer: string, sample: number): Float64Array[] {
  const T = Math.max(...rows.map((r) => r.t)) + 1;
  const H = Math.max(...rows.map((r) => r.unit)) + 1;
  const m = Array.from({ length: T }, () => new Float64Array(H).fill(NaN));
  for (const r of rows) m[r.t][r.unit] = r[gate] ?? NaN;
  m.forEach((row, t) => row.forEach((v, u) => {
    if (Number.isNaN(v)) throw new Error(`${RUN_FILES.traces}/${TRACE_FILES.gates}: layer ${layer}, sample ${sample} has no row for t=${t}, unit=${u}`);
  }));
  return m;
}

function inputSequence(inputs: InputRow[], sample: number): InputSequence | null {
  const rows = inputs.filter((r) => r.sample === sample);
  if (rows.length === 0) return null;
  const features = [...new Set(rows.map((r) => r.feature))];
  const T = Math.max(...rows.map((r) => r.t)) + 1;
  const values = Array.from({ length: T }, () => new Float64Array(features.length).fill(NaN));
  for (const r of rows) values[r.t][features.indexOf(r.feature)] = r.value;
  return { values, features };
}
