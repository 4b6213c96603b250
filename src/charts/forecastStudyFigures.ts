import { bootstrapInterval } from "../training/bootstrapInterval";
import type { Figure } from "./figure";
import { layerColour } from "./layerColour";
import { plotlyText } from "./plotlyText";

/** The parts of results/forecast.json the figures read. */
interface ForecastResults {
  models: Record<string, { name: string }>;
  dieboldMariano: { seedMean: Record<string, Array<{ horizon: number; pValue: number; meanDifference: number }>> };
  forecasts: Record<string, number[][] | number[][][]>;
}

/** p-values below this are drawn at it (persistence's reach 1e-88; the question is only "below 0.05?"). */
const P_FLOOR = 1e-6;

/** The models drawn, in the table's order: key in results.models and results.forecasts. */
const MODELS = ["persistence", "seasonalNaiveDrift", "autoregressive", "holtWinters", "sarima", "linearDirect", "gruSeedMean"];

/**
 * The CO₂ study's figures from results/forecast.json alone: `maeByHorizon`, every model's test MAE
 * at 1 … 12 months ahead with a 95 % moving-block bootstrap interval over the test windows (block
 * 12, as the windows overlap; 2000 resamples, seed 1 — so the same file gives the same figure), on
 * a log axis (persistence is ten times the rest); and `dieboldMariano`, the p-values of the GRU
 * seed-mean forecast against each baseline per month ahead (log axis down to 10⁻⁶, a line at 0.05; a filled
 * marker where the GRU's squared error is the larger, open where it is the smaller).
 *
 * @example
 * const figs = forecastStudyFigures(JSON.parse(fs.readFileSync("results/forecast.json", "utf8")));
 * figs.maeByHorizon.data.length // one trace per model
 */
export function forecastStudyFigures(results: unknown): { maeByHorizon: Figure; dieboldMariano: Figure } {
  const r = results as ForecastResults;
  if (!r || typeof r !== "object" || !r.forecasts || !Array.isArray(r.forecasts.actual) || !r.models || !r.dieboldMariano) {
    throw new Error("forecastStudyFigures: expected the contents of results/forecast.json (models, forecasts.actual, dieboldMariano)");
  }
  const actual = r.forecasts.actual as number[][];
  const horizon = actual[0].length;
  const months = Array.from({ length: horizon }, (_, k) => k + 1);
  const keys = MODELS.filter((key) => r.forecasts[key] && r.models[key]);
  const maeTraces = keys.map((key, i) => {
    const predicted = r.forecasts[key] as number[][];
    const intervals = months.map((_, k) => bootstrapInterval(actual.map((row, w) => Math.abs(predicted[w][k] - row[k])), { block: Math.min(12, actual.length), seed: 1 }));
    const mae = intervals.map((b) => b.estimate);
    return {
      type: "scatter", mode: "lines+markers", name: plotlyText(r.models[key].name), x: months, y: mae,
      line: { color: layerColour(i), width: key === "gruSeedMean" ? 3 : 1.5 },
      error_y: { type: "data", symmetric: false, array: intervals.map((b, k) => b.high - mae[k]), arrayminus: intervals.map((b, k) => mae[k] - b.low), thickness: 1, width: 3 },
    };
  });
  const maeByHorizon: Figure = {
    data: maeTraces,
    layout: {
      title: { text: `CO₂, test windows (${actual.length}): MAE by month ahead, 95 % block-bootstrap intervals` },
      xaxis: { title: { text: "months ahead" }, dtick: 1 },
      yaxis: { title: { text: "MAE (ppm, log scale)" }, type: "log", exponentformat: "power" },
      width: 900, height: 540, legend: { orientation: "v" },
    },
  };
  const baselines = keys.filter((key) => key !== "gruSeedMean" && r.dieboldMariano.seedMean[key]);
  const dmTraces: Array<Record<string, unknown>> = baselines.map((key) => {
    const rows = r.dieboldMariano.seedMean[key];
    return {
      type: "scatter", mode: "lines+markers", name: `GRU vs ${plotlyText(r.models[key].name)}`,
      x: rows.map((d) => d.horizon), y: rows.map((d) => Math.max(P_FLOOR, d.pValue)),
      customdata: rows.map((d) => d.pValue), hovertemplate: "h %{x}: p %{customdata:.2g}",
      line: { color: layerColour(MODELS.indexOf(key)), width: 1.5 },
      marker: { size: 8, symbol: rows.map((d) => (d.meanDifference > 0 ? "circle" : "circle-open")) },
    };
  });
  dmTraces.push({ type: "scatter", mode: "lines", name: "p = 0.05", x: [1, horizon], y: [0.05, 0.05], line: { color: "#555", dash: "dash", width: 1 } });
  const dieboldMariano: Figure = {
    data: dmTraces,
    layout: {
      title: { text: `Diebold–Mariano p-values, GRU seed-mean forecast vs each baseline<br><sub>filled: the GRU's squared error is larger; open: smaller; p below ${P_FLOOR} drawn at ${P_FLOOR}</sub>` },
      xaxis: { title: { text: "months ahead" }, dtick: 1 },
      yaxis: { title: { text: "p-value (log scale)" }, type: "log", range: [Math.log10(P_FLOOR) - 0.2, 0.1], exponentformat: "power" },
      width: 900, height: 540,
    },
  };
  return { maeByHorizon, dieboldMariano };
}
