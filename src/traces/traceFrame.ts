import type * as dfd from "danfojs-node";
import { GATE_NAMES } from "./gateName";
import { danfo } from "../util/danfo";
import { traceValues, type LayerGateTrace } from "./layerGateTrace";

/** The long frame: the union of the layers' columns in GATE_NAMES order, NaN where a layer's cell lacks a quantity. */
export function traceFrame(layers: LayerGateTrace[]): dfd.DataFrame {
  const quantities = GATE_NAMES.filter((q) => layers.some((tr) => tr.columns.includes(q)));
  const cols: Record<string, Array<string | number>> = { layer: [], sample: [], t: [], unit: [] };
  for (const q of quantities) cols[q] = [];
  for (const tr of layers) {
    const [S, T, H] = tr.shape;
    for (let s = 0; s < S; s++) {
      for (let t = 0; t < T; t++) {
        for (let u = 0; u < H; u++) {
          cols.layer.push(tr.layer);
          cols.sample.push(s);
          cols.t.push(t);
          cols.unit.push(u);
        }
      }
    }
    for (const q of quantities) {
      const values = tr.columns.includes(q) ? traceValues(tr, q) : null;
      const out = cols[q];
      for (let i = 0; i < S * T * H; i++) out.push(values ? values[i] : NaN);
    }
  }
  return new (danfo().DataFrame)(cols);
}
