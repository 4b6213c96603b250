import type { OpenerDistanceBin } from "../traces/gainByOpenerDistance";
import type { Figure } from "./figure";
import { layerColour } from "./layerColour";
import { plotlyText } from "./plotlyText";

/**
 * The error-analysis figure (gainByOpenerDistance): for each series (e.g. one per cell: GRU,
 * LSTM, SimpleRNN; or closing characters vs all characters), the mean bits per character the
 * model saves against the n-gram in each distance bin, with its bootstrap interval as error
 * bars, over the bins' labels (1, 2–3, 4–7, …, then the bin without an opener), and a dashed
 * zero line (above it the model wins). The hover shows each bin's number of characters. Plain
 * plotly data: writeStudyFigures-style SVG export or `show` draws it.
 *
 * @example
 * const t = gainByOpenerDistance(text, modelLog2, ngramLog2);
 * const fig = gainByDistanceFigure([{ name: "GRU", bins: t.closing }], { ngramName: "20-gram (modified Kneser–Ney)" });
 */
export function gainByDistanceFigure(series: Array<{ name: string; bins: OpenerDistanceBin[] }>, options: { ngramName?: string; title?: string; xTitle?: string } = {}): Figure {
  if (series.length === 0) throw new Error("gainByDistanceFigure: no series");
  const labels: string[] = [];
  for (const s of series) for (const b of s.bins) if (!labels.includes(b.label)) labels.push(b.label);
  // Distance bins in increasing order, the bin without an opener last.
  const rank = (label: string) => { const b = series.flatMap((s) => s.bins).find((x) => x.label === label)!; return b.from ?? Infinity; };
  labels.sort((a, b) => rank(a) - rank(b));
  const ngram = options.ngramName ?? "the n-gram";
  const data: Array<Record<string, unknown>> = series.map((s, i) => ({
    type: "scatter", mode: "lines+markers", name: plotlyText(s.name),
    x: s.bins.map((b) => b.label), y: s.bins.map((b) => b.meanGain),
    customdata: s.bins.map((b) => [b.characters, b.modelBits, b.ngramBits]),
    hovertemplate: "%{x}: %{y:.3f} bits/char over %{customdata[0]} characters (model %{customdata[1]:.3f}, n-gram %{customdata[2]:.3f})",
    line: { color: layerColour(i), width: 2 },
    error_y: { type: "data", symmetric: false, array: s.bins.map((b) => b.high - b.meanGain), arrayminus: s.bins.map((b) => b.meanGain - b.low), thickness: 1, width: 3 },
  }));
  data.push({ type: "scatter", mode: "lines", name: "no gain", x: [labels[0], labels[labels.length - 1]], y: [0, 0], line: { color: "#555", dash: "dash", width: 1 }, showlegend: false });
  return {
    data,
    layout: {
      title: { text: options.title ?? `Bits per character saved against ${plotlyText(ngram)}, by distance to the matching opener (95 % bootstrap intervals)` },
      xaxis: { title: { text: options.xTitle ?? "characters back to the opening bracket or quote" }, type: "category", categoryorder: "array", categoryarray: labels },
      yaxis: { title: { text: "mean gain (bits per character; > 0: the model is better)" }, zeroline: true },
      width: 900, height: 540,
    },
  };
}
