// What traceGates records for one layer: a trace per cell kind (GRU, LSTM, SimpleRNN), told apart
// by `cell`, and the accessor of any quantity by name.
import type { GateName } from "./gateName";

interface TraceBase {
  /** The layer's name; inside tf.layers.bidirectional `<wrapper>/forward` and `<wrapper>/backward`. */
  layer: string;
  shape: [samples: number, timesteps: number, units: number];
  /** t counts processing steps: for a goBackwards layer t = 0 is the last input step (as the layer's own output). */
  goBackwards: boolean;
}

/** Quantities a trace of another cell has: absent here (so `trace.z` reads as optional until `trace.cell` is checked). */
type Absent<K extends GateName> = { [P in K]?: never };

/**
 * One grulab GRU layer's trace: z, r, h̃ and h, each [samples, timesteps, units] row-major.
 *
 * @example
 * const tr = traceGates(model, x).layers[0];
 * if (tr.cell === "gru") console.log(tr.resetAfter, tr.z[0]);
 */
export interface GruGateTrace extends TraceBase, Absent<"i" | "f" | "cTilde" | "o" | "c"> {
  cell: "gru";
  /** `TRACE_COLUMNS.gru`: z, r, hTilde, h. */
  columns: readonly GateName[];
  resetAfter: boolean;
  z: Float32Array;
  r: Float32Array;
  hTilde: Float32Array;
  h: Float32Array;
}

/**
 * One grulab LSTM layer's trace: gates i, f, o, candidate c̃, cell state c and hidden state h,
 * each [samples, timesteps, units] row-major (as `GrulabLSTM.runSequence` gives them).
 *
 * @example
 * const tr = traceGates(model, x).layers[0];
 * if (tr.cell === "lstm") console.log(tr.f[0], tr.c[0]);
 */
export interface LstmGateTrace extends TraceBase, Absent<"z" | "r" | "hTilde"> {
  cell: "lstm";
  /** `TRACE_COLUMNS.lstm`: i, f, cTilde, o, c, h. */
  columns: readonly GateName[];
  resetAfter?: never;
  i: Float32Array;
  f: Float32Array;
  cTilde: Float32Array;
  o: Float32Array;
  c: Float32Array;
  h: Float32Array;
}

/**
 * One grulab SimpleRNN layer's trace: its hidden state h [samples, timesteps, units] row-major (it has no gates).
 *
 * @example
 * const tr = traceGates(model, x).layers[0];
 * if (tr.cell === "simpleRnn") console.log(tr.h[0]);
 */
export interface SimpleRnnGateTrace extends TraceBase, Absent<"z" | "r" | "hTilde" | "i" | "f" | "cTilde" | "o" | "c"> {
  cell: "simpleRnn";
  /** `TRACE_COLUMNS.simpleRnn`: h. */
  columns: readonly GateName[];
  resetAfter?: never;
  h: Float32Array;
}

/**
 * One recurrent layer's trace over a batch, told apart by `cell` ("gru", "lstm", "simpleRnn");
 * `columns` lists its quantities, each a Float32Array [samples, timesteps, units] row-major.
 * Every trace has `h`; `trace.z` etc. are typed optional until `trace.cell` is checked.
 *
 * @example
 * for (const tr of traceGates(model, x).layers) {
 *   for (const q of tr.columns) console.log(tr.layer, tr.cell, q, traceValues(tr, q)[0]);
 * }
 */
export type LayerGateTrace = GruGateTrace | LstmGateTrace | SimpleRnnGateTrace;

/**
 * The values of quantity `q` in a layer's trace ([samples, timesteps, units] row-major); throws
 * when the layer's cell has no such quantity.
 *
 * @example
 * traceValues(traces.layers[0], "h").length // samples · timesteps · units
 */
export function traceValues(trace: LayerGateTrace, q: GateName): Float32Array {
  const v = (trace as unknown as Partial<Record<GateName, Float32Array>>)[q];
  if (!v) throw new Error(`traceValues: layer ${trace.layer} (${trace.cell}) has no ${q}; it has ${trace.columns.join(", ")}`);
  return v;
}
