import type { Figure } from "./figure";
import { GATE_NAMES, gateLabel, SIGMOID_GATES } from "../traces/gateName";
import { layerColour, onlyFirst } from "./layerColour";
import { plotlyText } from "./plotlyText";
import type { SaturationRow } from "../traces/saturation";

/**
 * The saturation plot of Karpathy, Johnson & Fei-Fei (2015, "Visualizing and Understanding
 * Recurrent Networks", fig. 3) from the rows of `traces/saturation.csv` (`saturation()` in
 * src/traces: left = value < 0.1, right = value > 0.9): x = fraction of time a unit's gate is
 * right-saturated, y = fraction left-saturated, one point per unit, one panel per gate given (a GRU's z, r; an LSTM's i, f, o),
 * one colour per layer (by name, in order of appearance). Every point lies in the triangle x + y ≤ 1, which is shaded;
 * points near the origin are units whose gate is rarely saturated.
 * Throws on a fraction outside [0, 1] or a pair summing above 1, naming the row.
 *
 * @example
 * const fig = saturationPlot(saturation(traceGates(model, x)));
 */
export function saturationPlot(rows: SaturationRow[], options: { title?: string } = {}): Figure {
  rows.forEach((row, i) => {
    for (const key of ["leftFraction", "rightFraction"] as const) {
      const v = row[key];
      if (!(v >= 0 && v <= 1)) throw new Error(`saturationPlot: row ${i} (layer ${row.layer}, gate ${row.gate}, unit ${row.unit}) has ${key} ${v}, expected a fraction in [0, 1]`);
    }
    if (row.leftFraction + row.rightFraction > 1 + 1e-9) {
      throw new Error(`saturationPlot: row ${i} (layer ${row.layer}, gate ${row.gate}, unit ${row.unit}): leftFraction + rightFraction = ${row.leftFraction + row.rightFraction} > 1`);
    }
    if (!SIGMOID_GATES.includes(row.gate)) throw new Error(`saturationPlot: row ${i} has gate "${row.gate}", expected z, r (GRU), i, f or o (LSTM)`);
  });
  const gates = GATE_NAMES.filter((g) => rows.some((r) => r.gate === g));
  const layers = [...new Set(rows.map((r) => r.layer))]; // in order of appearance
  const data: Array<Record<string, unknown>> = [];
  const layout: Record<string, unknown> = {
    title: { text: plotlyText(options.title ?? "Gate saturation (Karpathy et al. 2015)") },
    grid: { rows: 1, columns: Math.max(1, gates.length), pattern: "independent" },
    shapes: [], annotations: [],
  };
  const firstInLegend = onlyFirst<string>(); // each layer once, in the first panel that has it
  gates.forEach((gate, p) => {
    const suffix = p === 0 ? "" : String(p + 1);
    layers.forEach((layer, l) => {
      const pts = rows.filter((r) => r.gate === gate && r.layer === layer);
      if (pts.length === 0) return;
      const name = plotlyText(`layer ${layer}`);
      data.push({
        type: "scatter", mode: "markers", name, legendgroup: name, showlegend: firstInLegend(layer),
        x: pts.map((r) => r.rightFraction), y: pts.map((r) => r.leftFraction), customdata: pts.map((r) => r.unit),
        xaxis: `x${suffix}`, yaxis: `y${suffix}`,
        marker: { color: layerColour(l), size: 6, opacity: 0.75 },
        hovertemplate: `${gate}, ${name}, unit %{customdata}<br>right %{x:.2f}, left %{y:.2f}<extra></extra>`,
      });
    });
    // More than 3 panels (a GRU's and an LSTM's gates): short x titles, the y title on the first panel only.
    const many = gates.length > 3;
    layout[`xaxis${suffix}`] = { title: { text: many ? "right-saturated" : "fraction right-saturated" }, range: [-0.02, 1.02] };
    layout[`yaxis${suffix}`] = { ...(many && p > 0 ? {} : { title: { text: "fraction left-saturated" } }), range: [-0.02, 1.02] };
    (layout.shapes as unknown[]).push({
      type: "path", path: "M 0 0 L 1 0 L 0 1 Z", xref: `x${suffix}`, yref: `y${suffix}`,
      fillcolor: "rgba(128,128,128,0.12)", line: { color: "rgba(128,128,128,0.6)", width: 1 }, layer: "below",
    });
    (layout.annotations as unknown[]).push({
      text: gateLabel(gate), showarrow: false, xref: `x${suffix} domain`, yref: `y${suffix} domain`,
      x: 0.5, y: 1, yanchor: "bottom",
    });
  });
  return { data, layout };
}
