import type { Figure } from "./figure";
import { layerColour } from "./layerColour";
import { plotlyText } from "./plotlyText";

/** The parts of results/tutorial.json the figures read. */
interface TutorialResults {
  baselines: Record<string, { name: string; accuracy: number; logLoss?: number; brier?: number }>;
  gru: { units: number; accuracy: { low95: number; high95: number }; standardErrorOneRun: number };
  mcnemar: { against: string };
  perSeed: Array<{ seed: number; accuracy: number; logLoss: number; brier: number; pValue: number }>;
}

/**
 * The tutorial study's figures from results/tutorial.json alone: `accuracyBySeed`, the GRU's test
 * accuracy per seed (each marker labelled with McNemar's p against the strongest baseline, the
 * bar ± one binomial standard error of a single accuracy on the test days) beside every baseline
 * as a horizontal line; and `probabilisticScores`, the GRU's log-loss and Brier score per seed
 * beside the logistic regression's (two panels; lower is better).
 *
 * @example
 * const figs = tutorialStudyFigures(JSON.parse(fs.readFileSync("results/tutorial.json", "utf8")));
 * figs.accuracyBySeed.data[0].text // ["p 0.58", …]
 */
export function tutorialStudyFigures(results: unknown): { accuracyBySeed: Figure; probabilisticScores: Figure } {
  const r = results as TutorialResults;
  if (!r || typeof r !== "object" || !Array.isArray(r.perSeed) || r.perSeed.length === 0 || !r.baselines || !r.gru || !r.mcnemar) {
    throw new Error("tutorialStudyFigures: expected the contents of results/tutorial.json (perSeed, baselines, gru, mcnemar)");
  }
  const seeds = r.perSeed.map((s) => s.seed);
  const span = [Math.min(...seeds) - 0.5, Math.max(...seeds) + 0.5];
  const gruName = `GRU(${r.gru.units}), per seed`;
  const pct = (v: number) => 100 * v;
  const accuracy: Array<Record<string, unknown>> = [{
    type: "scatter", mode: "markers+text", name: gruName, x: seeds, y: r.perSeed.map((s) => pct(s.accuracy)),
    text: r.perSeed.map((s) => `p ${s.pValue.toFixed(2)}`), textposition: "top center", textfont: { size: 10 },
    marker: { size: 9, color: layerColour(0) },
    error_y: { type: "constant", value: pct(r.gru.standardErrorOneRun), thickness: 1, width: 3, color: layerColour(0) },
  }];
  Object.values(r.baselines).forEach((b, i) => accuracy.push({
    type: "scatter", mode: "lines", name: plotlyText(b.name), x: span, y: [pct(b.accuracy), pct(b.accuracy)],
    line: { color: layerColour(i + 1), dash: b.name === r.mcnemar.against ? "solid" : "dot", width: b.name === r.mcnemar.against ? 2.5 : 1.5 },
  }));
  const accuracyBySeed: Figure = {
    data: accuracy,
    layout: {
      title: { text: `Tutorial: the GRU's test accuracy per seed beside the baselines<br><sub>labels: McNemar p against ${plotlyText(r.mcnemar.against)}; bars: ± one binomial standard error of one accuracy</sub>` },
      xaxis: { title: { text: "seed" }, dtick: 1, range: span },
      yaxis: { title: { text: "test accuracy (%)" } },
      width: 900, height: 540,
    },
  };
  const lr = Object.values(r.baselines).find((b) => b.logLoss !== undefined && b.brier !== undefined);
  const panel = (metric: "logLoss" | "brier", axis: "" | "2") => {
    const traces: Array<Record<string, unknown>> = [{
      type: "scatter", mode: "markers", name: `GRU(${r.gru.units}) ${metric === "logLoss" ? "log-loss" : "Brier"}`, x: seeds, y: r.perSeed.map((s) => s[metric]),
      marker: { size: 9, color: layerColour(0) }, xaxis: `x${axis}`, yaxis: `y${axis}`,
    }];
    if (lr) traces.push({ type: "scatter", mode: "lines", name: `${plotlyText(lr.name)} ${metric === "logLoss" ? "log-loss" : "Brier"}`, x: span, y: [lr[metric], lr[metric]], line: { color: layerColour(4), width: 2.5 }, xaxis: `x${axis}`, yaxis: `y${axis}` });
    return traces;
  };
  const probabilisticScores: Figure = {
    data: [...panel("logLoss", ""), ...panel("brier", "2")],
    layout: {
      title: { text: "Tutorial, the GRU's probabilities per seed vs the logistic regression (lower is better)" },
      grid: { rows: 1, columns: 2, pattern: "independent" },
      xaxis: { title: { text: "seed" }, dtick: 1, range: span }, yaxis: { title: { text: "log-loss (nats per day)" } },
      xaxis2: { title: { text: "seed" }, dtick: 1, range: span }, yaxis2: { title: { text: "Brier score" } },
      width: 900, height: 450, legend: { orientation: "h", y: -0.2 },
    },
  };
  return { accuracyBySeed, probabilisticScores };
}
