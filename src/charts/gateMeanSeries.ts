import { SIGMOID_GATES, type GateName } from "../traces/gateName";
import type { GateMeanSeries } from "./gateMeans";
import type { GateTraces } from "../traces/traceGates";
import { traceValues } from "../traces/layerGateTrace";

/**
 * The mean of every sigmoid gate (GRU z, r; LSTM i, f, o) of every traced layer at each time
 * step, over the traced samples and units: the input of the `gateMeans` chart. Layers without
 * gates (SimpleRNN) give no series.
 *
 * @example
 * show(gateMeans(gateMeanSeries(traceGates(model, xTest.slice(0, 64)))));
 */
export function gateMeanSeries(traces: GateTraces): GateMeanSeries[] {
  const out: GateMeanSeries[] = [];
  for (const trace of traces.layers) {
    const [samples, steps, units] = trace.shape;
    for (const gate of trace.columns.filter((q): q is GateName => SIGMOID_GATES.includes(q))) {
      const v = traceValues(trace, gate);
      const mean = new Array<number>(steps).fill(0);
      for (let s = 0; s < samples; s++) {
        for (let t = 0; t < steps; t++) {
          let sum = 0;
          for (let u = 0, at = (s * steps + t) * units; u < units; u++) sum += v[at + u];
          mean[t] += sum;
        }
      }
      out.push({ layer: trace.layer, gate, mean: mean.map((m) => m / (samples * units)) });
    }
  }
  return out;
}
