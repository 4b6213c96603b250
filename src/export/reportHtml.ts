import type { Figure } from "../charts/figure";
import { confusionMatrix } from "../charts/confusionMatrix";
import { lossCurves } from "../charts/lossCurves";
import { escapeHtml } from "../util/escapeHtml";
import { scriptJson } from "./figureToHtml";
import { plotlyBundle } from "./plotlyBundle";
import type { RunFolder } from "./readRunFolder";
import { traceFigures } from "./traceFigures";

/**
 * The HTML of a run's report: one self-contained page (plotly inlined once, no network) with
 * the run's config, a metrics table (test accuracy vs the majority-class baseline, per-class
 * precision/recall), loss curves, confusion matrix, gate heatmaps of the first `samples`
 * traced samples, saturation plot, gate histograms and relative links to the run's files.
 * Every string from the run is escaped (`escapeHtml` in HTML, `scriptJson` in the figure JSON,
 * `plotlyText` inside figures). `window.grulabReady` resolves once every figure is drawn.
 *
 * @example
 * writeFileAtomic("runs/x/report.html", reportHtml(readRunFolder("runs/x")));
 */
export function reportHtml(run: RunFolder, options: { samples?: number } = {}): string {
  const figures: Figure[] = [];
  const figure = (fig: Figure, height: number): string => {
    figures.push({ data: fig.data, layout: { ...fig.layout, height } });
    return `<div id="fig${figures.length - 1}" class="grulab-figure"></div>`;
  };
  const name = escapeHtml(run.name);
  const m = run.metrics;
  const sections: string[] = [];
  sections.push(section("config", "Configuration", table(["option", "value"],
    Object.entries(run.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]))));
  const baseline = m.baselineClass !== undefined ? ` (always “${escapeHtml(m.baselineClass)}”)` : "";
  const summary = table(["measure", "value"], [
    ["test accuracy", fmt(m.testAccuracy)],
    ["majority-class baseline accuracy", fmt(m.baselineAccuracy)],
    ["test accuracy − baseline", fmt(m.testAccuracy - m.baselineAccuracy)],
    ...(m.backend !== undefined ? [["backend", String(m.backend)]] : []),
    ...(m.epochsRun !== undefined ? [["epochs run (best epoch)", `${m.epochsRun} (${m.bestEpoch ?? "—"})`]] : []),
    ...(m.trainSeconds !== undefined ? [["training seconds", fmt(m.trainSeconds, 1)]] : []),
    ...(m.seconds !== undefined ? [["run seconds (load, train, evaluate, write)", fmt(m.seconds, 1)]] : []),
    ...(m.samples ? [["samples (train / validation / test)", ["train", "validation", "test"].map((k) => String((m.samples as Record<string, unknown>)[k] ?? "—")).join(" / ")]] : []),
  ]);
  const perClass = table(["class", "precision", "recall", "support"],
    m.perClass.map((p) => [p.class, fmt(p.precision), fmt(p.recall), String(p.support ?? "—")]));
  sections.push(section("metrics", "Metrics",
    `<p>Test accuracy <b>${fmt(m.testAccuracy)}</b> against a baseline of ${fmt(m.baselineAccuracy)}${baseline}.</p>${summary}<h3>Per class</h3>${perClass}`));
  sections.push(section("loss", "Loss curves", run.history.length > 0
    ? figure(lossCurves(run.history, { title: `Training history: ${run.name}` }), 420)
    : missing("history.csv has no rows.")));
  sections.push(section("confusion", "Confusion matrix", figure(confusionMatrix(m.confusion, m.classes), 80 * m.classes.length + 220)));
  const traces = run.traces ? traceFigures(run.traces, options) : null;
  const noTraces = "This run has no traces/ folder: gate traces were not recorded.";
  sections.push(section("gates", "Gate heatmaps", !traces ? missing(noTraces)
    : traces.heatmaps.length === 0 ? missing("traces/gates.csv is absent or empty.")
      : traces.heatmaps.map((f) => figure(f, 520)).join("\n")));
  sections.push(section("saturation", "Gate saturation", !traces ? missing(noTraces)
    : traces.saturation ? figure(traces.saturation, 460) : missing("traces/saturation.csv is absent or empty.")));
  sections.push(section("histograms", "Gate value histograms", !traces ? missing(noTraces)
    : traces.histogram ? figure(traces.histogram, 560) : missing("traces/gates.csv is absent or empty.")));
  sections.push(section("files", "Files", run.files.length === 0 ? missing("No files to link.")
    : `<ul>${run.files.map((f) => `<li><a href="${escapeHtml(f)}">${escapeHtml(f)}</a></li>`).join("")}</ul>`));
  const created = typeof run.config.createdAt === "string" ? `<p>Created ${escapeHtml(run.config.createdAt)}</p>` : "";
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>grulab report: ${name}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#222}main{width:960px;margin:0 auto;padding:16px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
td{font-family:ui-monospace,monospace;font-size:13px;word-break:break-word;max-width:640px}
.missing{color:#8a5a00;background:#fff6e0;padding:6px 10px}.grulab-figure{width:960px;break-inside:avoid;page-break-inside:avoid}
section{margin-bottom:24px}
</style>
<script>${plotlyBundle()}</script></head>
<body><main>
<h1>grulab report: ${name}</h1>
${created}
<nav>${["config", "metrics", "loss", "confusion", "gates", "saturation", "histograms", "files"].map((id) => `<a href="#${id}">${id}</a>`).join(" · ")}</nav>
${sections.join("\n")}
</main>
<script>
const figures = ${scriptJson(figures)};
window.grulabReady = Promise.all(figures.map((f, i) => Plotly.newPlot("fig" + i, f.data, f.layout, { responsive: true })))
  .then(() => { document.body.dataset.ready = "true"; });
</script>
</body></html>
`;
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

function missing(text: string): string {
  return `<p class="missing">${escapeHtml(text)}</p>`;
}

function table(header: string[], rows: string[][]): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>`;
  return `<table>${head}${rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("")}</table>`;
}

function fmt(v: number | null | undefined, digits = 3): string {
  return typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "—";
}
