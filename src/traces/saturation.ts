import { SIGMOID_GATES, type GateName } from "./gateName";
import { traceValues } from "./layerGateTrace";
import type { GateTraces } from "./traceGates";

/**
 * One row of saturation.csv: for one layer, sigmoid gate (GRU z, r; LSTM i, f, o) and unit, the
 * fractions of time steps near 0 and near 1.
 *
 * @example
 * const row: SaturationRow = { layer: "lstm", gate: "f", unit: 0, leftFraction: 0.02, rightFraction: 0.71 };
 */
export interface SaturationRow {
  layer: string;
  gate: "z" | "r" | "i" | "f" | "o";
  unit: number;
  /** Fraction of (sample, time step) pairs with gate value < 0.1. */
  leftFraction: number;
  /** Fraction of (sample, time step) pairs with gate value > 0.9. */
  rightFraction: number;
}

/**
 * Gate saturation as in Karpathy, Johnson & Fei-Fei 2015 ("Visualizing and Understanding
 * Recurrent Networks", fig. 3): for every layer, sigmoid gate and unit, the fraction of time
 * steps (over all traced samples) at which the gate is left-saturated (< 0.1) or right-saturated
 * (> 0.9). Gates: a GRU's z and r, an LSTM's i, f and o (in that order); a SimpleRNN has none.
 *
 * @example
 * const rows = saturation(traceGates(model, x));
 * rows.filter((row) => row.gate === "z" && row.rightFraction > 0.5); // GRU units that mostly keep their state
 * rows.filter((row) => row.gate === "f" && row.rightFraction > 0.5); // LSTM units that mostly keep their cell
 */
export function saturation(traces: Pick<GateTraces, "layers">): SaturationRow[] {
  const rows: SaturationRow[] = [];
  for (const tr of traces.layers) {
    const [samples, timesteps, units] = tr.shape;
    const steps = samples * timesteps;
    for (const gate of tr.columns.filter((q) => SIGMOID_GATES.includes(q)) as Array<SaturationRow["gate"] & GateName>) {
      const values = traceValues(tr, gate);
      for (let unit = 0; unit < units; unit++) {
        let left = 0;
        let right = 0;
        for (let i = unit; i < values.length; i += units) {
          if (values[i] < 0.1) left++;
          else if (values[i] > 0.9) right++;
        }
        rows.push({ layer: tr.layer, gate, unit, leftFraction: steps ? left / steps : 0, rightFraction: steps ? right / steps : 0 });
      }
    }
  }
  return rows;
}
