import * as path from "path";
import { csvCell } from "../util/csvCell";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { saturation, type SaturationRow } from "../traces/saturation";
import { GATE_NAMES } from "../traces/gateName";
import { gatesHeader, TRACE_FILES, TRACE_HEADERS } from "./runFormat";
import { traceValues, type LayerGateTrace } from "../traces/layerGateTrace";
import type { GateTraces } from "../traces/traceGates";

/** The traced input sequences, unscaled: values [sample][t][feature], and the feature names. */
export interface TraceInputs {
  features: string[];
  values: number[][][];
}

/**
 * Writes a trace folder (each file atomically): `gates.csv` (layer,sample,t,unit, then the traced
 * quantities: the union of the layers' `columns` in `GATE_NAMES` order — a GRU model's z,r,hTilde,h,
 * an LSTM model's i,f,cTilde,o,c,h, a SimpleRNN model's h; a cell left empty where a layer's cell
 * lacks the quantity), `gates.json` ({ layers: [{ layer, cell, columns, shape, goBackwards,
 * resetAfter (GRU only), and each of its quantities }] }, arrays nested [sample][t][unit]),
 * `saturation.csv` (layer,gate,unit,leftFraction,rightFraction; gates z, r, i, f, o) and, given
 * `inputs`, `inputs.csv` (sample,t,feature,value). Returns the written paths.
 * Numbers are written with 9 significant digits: float32 values read back exactly.
 *
 * @example
 * writeTraces(traceGates(model, x), "runs/20261127-101500-tutorial/traces", { inputs: { features, values } });
 */
export function writeTraces(traces: GateTraces, dir: string, options: { inputs?: TraceInputs; saturation?: SaturationRow[] } = {}): string[] {
  const { features, values } = options.inputs ?? { features: [], values: [] };
  values.forEach((seq, s) =>
    seq.forEach((step, t) => {
      // Checked before anything is written.
      if (step.length !== features.length) throw new Error(`writeTraces: inputs.values[${s}][${t}] has ${step.length} features, expected ${features.length} (inputs.features)`);
    }),
  );
  const written: string[] = [];
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileAtomic(file, text);
    written.push(file);
  };
  const quantities = GATE_NAMES.filter((q) => traces.layers.some((tr) => tr.columns.includes(q)));
  const lines = [gatesHeader(quantities)];
  for (const tr of traces.layers) {
    const [S, T, H] = tr.shape;
    const name = csvCell(tr.layer);
    const columns = quantities.map((q) => (tr.columns.includes(q) ? traceValues(tr, q) : null));
    for (let s = 0, i = 0; s < S; s++) {
      for (let t = 0; t < T; t++) {
        for (let u = 0; u < H; u++, i++) lines.push(`${name},${s},${t},${u},${columns.map((v) => (v ? num(v[i]) : "")).join(",")}`);
      }
    }
  }
  write(TRACE_FILES.gates, lines.join("\n") + "\n");
  write(TRACE_FILES.gatesJson, JSON.stringify({ layers: traces.layers.map(layerJson) }));
  const sat = options.saturation ?? saturation(traces);
  write(TRACE_FILES.saturation, [TRACE_HEADERS.saturation, ...sat.map((r) => `${csvCell(r.layer)},${r.gate},${r.unit},${r.leftFraction},${r.rightFraction}`)].join("\n") + "\n");
  if (options.inputs) {
    const rows: string[] = [TRACE_HEADERS.inputs];
    values.forEach((seq, s) => seq.forEach((step, t) => step.forEach((v, f) => rows.push(`${s},${t},${csvCell(features[f])},${v}`))));
    write(TRACE_FILES.inputs, rows.join("\n") + "\n");
  }
  return written;
}

function layerJson(tr: LayerGateTrace) {
  const nest = (a: Float32Array) => {
    const [S, T, H] = tr.shape;
    return Array.from({ length: S }, (_, s) => Array.from({ length: T }, (_, t) => Array.from(a.subarray((s * T + t) * H, (s * T + t + 1) * H), num)));
  };
  const about = { layer: tr.layer, cell: tr.cell, columns: tr.columns, shape: tr.shape, goBackwards: tr.goBackwards, ...(tr.cell === "gru" ? { resetAfter: tr.resetAfter } : {}) };
  return { ...about, ...Object.fromEntries(tr.columns.map((q) => [q, nest(traceValues(tr, q))])) };
}

const num = (v: number) => Number(v.toPrecision(9));
