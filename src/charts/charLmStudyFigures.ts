import type { SaturationRow } from "../traces/saturation";
import type { Figure } from "./figure";
import { layerColour } from "./layerColour";
import { plotlyText } from "./plotlyText";
import { saturationPlot } from "./saturationPlot";
import { gainByDistanceFigure } from "./gainByDistanceFigure";
import type { OpenerDistanceBin } from "../traces/gainByOpenerDistance";

/** The parts of results/charlm.json the figures read. */
interface CharLmResults {
  budget: { gruUnits: number; layers: number; maxEpochs: number; characters: { train: number; test: number }; traceChars?: number };
  cells: Record<string, {
    units: number; params: number; chosenDropout: number;
    testBpc: { mean: number; perSeed: number[] };
    testBpcInterval: { low: number; high: number };
    saturation: Array<{ layer: string; gate: SaturationRow["gate"]; left: number[]; right: number[] }>;
  }>;
  ngram: { rows: Array<{ name: string; testBpc: number }>; strongestByValidation: { name: string; testBpc: number } };
  errorAnalysis?: { ngram: { name: string; testBpc: number }; cells: Record<string, { closing: OpenerDistanceBin[]; all: OpenerDistanceBin[] }> } | null;
}

const CELL_NAMES: Record<string, string> = { gru: "GRU", lstm: "LSTM", simpleRnn: "SimpleRNN" };

/**
 * The char-level study's figures from results/charlm.json alone: `testBpc`, each cell's test bits
 * per character per seed (markers) and the mean over seeds with its block-bootstrap interval
 * (bar), beside every n-gram baseline on the same text (horizontal lines; the one chosen on
 * validation solid); and per cell with gates, `saturation<Cell>` (saturationGru,
 * saturationLstm): Karpathy et al.'s figure of the fraction of characters each unit's gate is
 * left-saturated (< 0.1) against right-saturated (> 0.9), one panel per gate, a colour per layer;
 * and, when the results hold the error analysis, `errorAnalysis`: per cell, the bits per
 * character saved against the Kneser–Ney n-gram on closing brackets and quotes by the distance
 * back to their opener (gainByDistanceFigure).
 *
 * @example
 * const figs = charLmStudyFigures(JSON.parse(fs.readFileSync("results/charlm.json", "utf8")));
 * Object.keys(figs) // ["testBpc", "saturationGru", "saturationLstm", "errorAnalysis"]
 */
export function charLmStudyFigures(results: unknown): Record<string, Figure> {
  const r = results as CharLmResults;
  if (!r || typeof r !== "object" || !r.cells || !r.budget || !r.ngram || Object.keys(r.cells).length === 0) {
    throw new Error("charLmStudyFigures: expected the contents of results/charlm.json (budget, cells, ngram)");
  }
  const cells = Object.keys(r.cells);
  const label = (c: string) => `${CELL_NAMES[c] ?? c} ${r.budget.layers}×${r.cells[c].units}`;
  const data: Array<Record<string, unknown>> = [{
    type: "bar", name: "mean over seeds (95 % block-bootstrap interval)", x: cells.map(label), y: cells.map((c) => r.cells[c].testBpc.mean),
    marker: { color: cells.map((_, i) => layerColour(i)), opacity: 0.55 },
    error_y: { type: "data", symmetric: false, array: cells.map((c) => r.cells[c].testBpcInterval.high - r.cells[c].testBpc.mean), arrayminus: cells.map((c) => r.cells[c].testBpc.mean - r.cells[c].testBpcInterval.low), thickness: 1.5, width: 6 },
  }, {
    type: "scatter", mode: "markers", name: "one seed", x: cells.flatMap((c) => r.cells[c].testBpc.perSeed.map(() => label(c))), y: cells.flatMap((c) => r.cells[c].testBpc.perSeed),
    marker: { color: "black", size: 7, symbol: "circle-open" },
  }];
  r.ngram.rows.forEach((row, i) => data.push({
    type: "scatter", mode: "lines", name: plotlyText(`${row.name}: ${row.testBpc.toFixed(3)}`), x: [label(cells[0]), label(cells[cells.length - 1])], y: [row.testBpc, row.testBpc],
    line: { color: layerColour(cells.length + i), dash: row.name === r.ngram.strongestByValidation.name ? "solid" : "dot", width: row.name === r.ngram.strongestByValidation.name ? 2.5 : 1.2 },
  }));
  if (r.errorAnalysis) {
    const kn = r.errorAnalysis.ngram;
    data.push({
      type: "scatter", mode: "lines", name: plotlyText(`${kn.name}: ${kn.testBpc.toFixed(3)}`), x: [label(cells[0]), label(cells[cells.length - 1])], y: [kn.testBpc, kn.testBpc],
      line: { color: "#333", dash: "dashdot", width: 2 },
    });
  }
  const figures: Record<string, Figure> = {
    testBpc: {
      data,
      layout: {
        title: { text: `Char LM on TypeScript's lib files: test bits per character (state carried)<br><sub>matched size (GRU ${r.budget.layers}×${r.budget.gruUnits}); ${r.budget.characters.train.toLocaleString("en")} training characters; lines: n-gram baselines (solid: chosen on validation)</sub>` },
        yaxis: { title: { text: "test bits per character (lower is better)" } }, width: 900, height: 540, barmode: "overlay",
      },
    },
  };
  for (const c of cells) {
    const rows: SaturationRow[] = r.cells[c].saturation.flatMap((g) => g.left.map((left, unit) => ({ layer: g.layer, gate: g.gate, unit, leftFraction: left, rightFraction: g.right[unit] })));
    if (rows.length === 0) continue; // a SimpleRNN has no gates
    const fig = saturationPlot(rows, { title: `${label(c)} (dropout ${r.cells[c].chosenDropout}, seed 1): gate saturation on the test text (Karpathy et al. 2015, fig. 3)` });
    fig.layout.width = 300 * Math.max(2, new Set(rows.map((x) => x.gate)).size);
    fig.layout.height = 380;
    figures[`saturation${(CELL_NAMES[c] ?? c).replace(/^(.)(.*)$/, (_, a: string, b: string) => a + b.toLowerCase())}`] = fig;
  }
  if (r.errorAnalysis) {
    const ea = r.errorAnalysis;
    figures.errorAnalysis = gainByDistanceFigure(cells.filter((c) => ea.cells[c]).map((c) => ({ name: `${label(c)}: closing brackets and quotes`, bins: ea.cells[c].closing })), {
      ngramName: `${ea.ngram.name}, test ${ea.ngram.testBpc.toFixed(3)} bpc`,
      title: `Bits per character saved against the ${plotlyText(ea.ngram.name)} on closing brackets and quotes,<br>by distance to the matching opener (95 % bootstrap intervals; ${r.budget.characters.train.toLocaleString("en")} training characters)`,
    });
  }
  return figures;
}
