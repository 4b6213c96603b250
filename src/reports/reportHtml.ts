import type { Figure } from "../charts/figure";
import { confusionMatrix } from "../charts/confusionMatrix";
import { lossCurves } from "../charts/lossCurves";
import { predictionsVsActual } from "../charts/predictionsVsActual";
import { escapeHtml } from "../util/escapeHtml";
import { scriptJson } from "../export/figureToHtml";
import { plotlyBundle } from "../export/plotlyBundle";
import type { OpenedRun } from "../runs/openRun";
import { RUN_FILES, TRACE_FILES, type MetricsJson } from "../runs/runFormat";
import { relativeHref } from "./relativeHref";
import { traceFigures } from "./traceFigures";

const GATES_CSV = `${RUN_FILES.traces}/${TRACE_FILES.gates}`;

/**
 * The HTML of a run's report: one self-contained page (plotly inlined once, no network) with
 * the run's status, config, a metrics table (each test metric beside every baseline's; per-class
 * precision/recall for a classifier), loss curves, the confusion matrix (classification) or
 * predictions vs actual with MAE/RMSE (regression), gate heatmaps of the first `samples` traced
 * samples, gate means over time, saturation plot, gate histograms and relative links to the run's files.
 * Every string from the run is escaped (`escapeHtml` in HTML, `scriptJson` in the figure JSON,
 * `plotlyText` inside figures). `window.grulabReady` resolves once every figure is drawn.
 *
 * @example
 * writeFileAtomic("runs/x/report.html", reportHtml(await openRun("runs/x")));
 */
export function reportHtml(run: OpenedRun, options: { samples?: number } = {}): string {
  const figures: Figure[] = [];
  const figure = (fig: Figure, height: number): string => {
    figures.push({ data: fig.data, layout: { ...fig.layout, height } });
    return `<div id="fig${figures.length - 1}" class="grulab-figure"></div>`;
  };
  const name = escapeHtml(run.id);
  const m = run.metrics;
  const sections: string[] = [];
  const status = `<p class="status status-${escapeHtml(run.status)}">Status: <b>${escapeHtml(run.status)}</b>${run.reason ? ` (${escapeHtml(run.reason)})` : ""}; ` +
    `${run.rows.length} epoch${run.rows.length === 1 ? "" : "s"} completed.</p>`;
  sections.push(section("config", "Configuration", table(["option", "value"],
    Object.entries(run.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]))));
  sections.push(section("metrics", "Metrics", m ? metricsHtml(m) : missing(`${RUN_FILES.metrics} is absent: the run was not evaluated.`)));
  sections.push(section("loss", "Loss curves", run.rows.length > 0
    ? figure(lossCurves(run.rows, { title: `Training history: ${run.id}` }), 420)
    : missing(`${RUN_FILES.history} has no rows.`)));
  if (run.task === "classification") {
    const top = m?.confusion && m.classes ? topClasses(m.confusion, m.classes) : null;
    sections.push(section("confusion", "Confusion matrix", top
      ? (top.note ? `<p>${escapeHtml(top.note)}</p>` : "") + figure(confusionMatrix(top.confusion, top.classes, top.note ? { title: "Confusion matrix of the most frequent classes (rows: actual, normalized per row)" } : {}), 80 * top.classes.length + 220)
      : missing(`${RUN_FILES.metrics} has no confusion matrix.`)));
  } else {
    const pairs = predictionPairs(run);
    sections.push(section("predictions", "Predictions vs actual", pairs
      ? figure(predictionsVsActual(pairs.actual, pairs.predicted, { title: `Test predictions${pairs.note}` }), 420) : missing(`${RUN_FILES.predictions} is absent.`)));
  }
  const traces = run.traces ? traceFigures(run.traces, options) : null;
  const noTraces = "This run has no traces/ folder: gate traces were not recorded.";
  sections.push(section("gates", "Gate heatmaps", !traces ? missing(noTraces)
    : traces.heatmaps.length === 0 ? missing(`${GATES_CSV} is absent or empty.`)
      : traces.heatmaps.map((f) => figure(f, 520)).join("\n")));
  sections.push(section("means", "Gate means over time", !traces ? missing(noTraces)
    : traces.means ? figure(traces.means, 380) : missing(`The traced layers have no gates (SimpleRNN) or ${GATES_CSV} is absent.`)));
  sections.push(section("saturation", "Gate saturation", !traces ? missing(noTraces)
    : traces.saturation ? figure(traces.saturation, 460) : missing(`${RUN_FILES.traces}/${TRACE_FILES.saturation} is absent or empty (SimpleRNN layers have no gates).`)));
  sections.push(section("histograms", "Gate value histograms", !traces ? missing(noTraces)
    : traces.histogram ? figure(traces.histogram, histogramRows(traces.histogram) > 2 ? 760 : 560) : missing(`${GATES_CSV} is absent or empty.`)));
  sections.push(section("files", "Files", run.files.length === 0 ? missing("No files to link.")
    : `<ul>${run.files.map((f) => `<li><a href="${escapeHtml(relativeHref(f))}">${escapeHtml(f)}</a></li>`).join("")}</ul>`));
  const created = `<p>Created ${escapeHtml(run.info.createdAt)}, updated ${escapeHtml(run.info.updatedAt)}</p>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>grulab report: ${name}</title>
<style>
.status-interrupted,.status-diverged,.status-failed,.status-running,.status-crashed{color:#8a5a00;background:#fff6e0;padding:6px 10px}
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
${status}
<nav>${["config", "metrics", "loss", run.task === "classification" ? "confusion" : "predictions", "gates", "means", "saturation", "histograms", "files"].map((id) => `<a href="#${id}">${id}</a>`).join(" · ")}</nav>
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

/** The metrics table: each test metric beside every baseline's, then per-class scores (classification). */
function metricsHtml(m: MetricsJson): string {
  const keys = Object.keys(m.test);
  const rows = [["model", ...keys.map((k) => fmt(m.test[k]))], ...m.baselines.map((b) => [`baseline: ${b.name}`, ...keys.map((k) => fmt(b.test[k]))])];
  const facts = table(["measure", "value"], [
    ...(m.backend !== undefined ? [["backend", String(m.backend)]] : []),
    ...(m.epochsRun !== undefined ? [["epochs run (best epoch)", `${m.epochsRun} (${m.bestEpoch ?? "—"})`]] : []),
    ...(m.trainSeconds !== undefined ? [["training seconds", fmt(m.trainSeconds, 1)]] : []),
    ...(m.seconds !== undefined ? [["run seconds (from start or resume to finish)", fmt(m.seconds, 1)]] : []),
    ...(m.samples ? [["samples (train / validation / test)", (["train", "validation", "test"] as const).map((k) => String(m.samples?.[k] ?? "—")).join(" / ")]] : []),
  ]);
  const shown = m.perClass ? [...m.perClass].sort((a, b) => (b.support ?? 0) - (a.support ?? 0)).slice(0, MAX_CLASSES * 2) : [];
  const more = m.perClass && m.perClass.length > shown.length ? `<p>The ${shown.length} classes with the most test samples; ${m.perClass.length - shown.length} more are in ${RUN_FILES.metrics}.</p>` : "";
  const perClass = m.perClass ? `<h3>Per class</h3>${more}${table(["class", "precision", "recall", "support"],
    (more ? shown : m.perClass).map((p) => [p.class, fmt(p.precision), fmt(p.recall), String(p.support ?? "—")]))}` : "";
  return `<h3>Test split</h3>${table(["", ...keys], rows)}${facts}${perClass}`;
}

/** Classes beyond which the confusion matrix is reduced: the page stays small (a 1,000-class matrix was 49 MB). */
const MAX_CLASSES = 25;

/**
 * The confusion matrix as drawn: all classes up to MAX_CLASSES, else the MAX_CLASSES − 1 classes
 * with the most test samples (in their order) and one "others" row and column summing the rest.
 */
function topClasses(confusion: number[][], classes: string[]): { confusion: number[][]; classes: string[]; note: string | null } {
  const square = confusion.length === classes.length && confusion.every((row) => Array.isArray(row) && row.length === classes.length);
  if (classes.length <= MAX_CLASSES || !square) return { confusion, classes, note: null }; // confusionMatrix names what is wrong
  const support = confusion.map((row) => (Array.isArray(row) ? row.reduce((a, b) => a + b, 0) : 0));
  const keep = support.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, MAX_CLASSES - 1).map(([, i]) => i).sort((a, b) => a - b);
  const slot = new Map(keep.map((c, k) => [c, k]));
  const other = keep.length;
  const reduced = Array.from({ length: other + 1 }, () => new Array<number>(other + 1).fill(0));
  confusion.forEach((row, i) => row.forEach((v, j) => { reduced[slot.get(i) ?? other][slot.get(j) ?? other] += v; }));
  const rest = classes.length - keep.length;
  return {
    confusion: reduced, classes: [...keep.map((i) => classes[i]), `others (${rest} classes)`],
    note: `${classes.length} classes: the ${keep.length} with the most test samples are shown, the other ${rest} summed as "others" (the full matrix is in ${RUN_FILES.metrics}).`,
  };
}

/** Actual and predicted values of the first output from predictions.csv (regression), or null. */
function predictionPairs(run: OpenedRun): { actual: number[]; predicted: number[]; note: string } | null {
  const p = run.predictions;
  if (!p || p.length === 0) return null;
  const [a, q] = "actual" in p[0] ? ["actual", "predicted"] : ["actual_0", "predicted_0"];
  return { actual: p.map((r) => Number(r[a])), predicted: p.map((r) => Number(r[q])), note: a === "actual" ? "" : " (first output)" };
}

function histogramRows(fig: Figure): number {
  return ((fig.layout as { grid?: { rows?: number } }).grid?.rows) ?? 1;
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
