import * as path from "path";
import { scriptJson } from "../export/figureToHtml";
import { plotlyBundle } from "../export/plotlyBundle";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { escapeHtml } from "../util/escapeHtml";
import { formatCell } from "../util/formatCell";
import { htmlTable } from "../util/htmlTable";
import type { OpenedSweep } from "./openSweep";
import { sweepFigures } from "../charts/sweepFigures";
import { SWEEP_FILES } from "./sweepFiles";
import { RUN_FILES } from "../runs/runFormat";

/**
 * The sweep's report page: one self-contained HTML file (plotly inlined, no network) with what
 * the sweep is (trial, scheduler, budget, status, epochs spent), the best trials with links to
 * their run folders and reports, the metric over seeds (mean, sd, 95 % interval), the parallel
 * coordinates, the metric against each option and the whole results table.
 *
 * @example
 * const html = sweepReportHtml(await openSweep("runs/sweeps/cells"));
 */
export function sweepReportHtml(sweep: OpenedSweep): string {
  const { info } = sweep;
  const title = `grulab sweep ${info.name}`;
  const { parallel, perOption } = sweepFigures(sweep);
  const columns = sweep.rows.length ? Object.keys(sweep.rows[0]) : [];
  const best = sweep.best(5).map((r) => {
    const id = String(r.trialId);
    const rel = `${SWEEP_FILES.trials}/${id}`;
    return `<li><a href="${escapeHtml(rel)}/">${escapeHtml(id)}</a> ${escapeHtml(sweep.options.map((o) => `${o}=${formatCell(r[o])}`).join(" "))}: ${escapeHtml(sweep.metric)} ${escapeHtml(formatCell(r[sweep.metric]))} (epoch ${escapeHtml(formatCell(r.bestEpoch))}) — <a href="${escapeHtml(rel)}/${RUN_FILES.reportHtml}">report</a></li>`;
  }).join("\n");
  const aggKeys = sweep.options.filter((o) => o !== "seed");
  const aggregates = htmlTable([...aggKeys, "n", "mean", "sd", "ci95_low", "ci95_high"], sweep.aggregateRows.map((g) => [...aggKeys.map((k) => g.config[k]), g.n, g.mean, g.sd, g.low, g.high]));
  const scheduler = info.scheduler.kind === "asha" ? `ASHA (rungs ${(info.rungs ?? []).join(", ")} epochs, η = ${info.scheduler.eta ?? 3})` : `${info.scheduler.kind} search`;
  const trial = "job" in info.trial ? `built-in job <code>${escapeHtml(info.trial.job)}</code>` : `<code>${escapeHtml(info.trial.module)}</code> export <code>${escapeHtml(info.trial.export)}</code>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#222}main{width:960px;margin:0 auto;padding:16px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}
td{font-family:ui-monospace,monospace;font-size:13px}.grulab-figure{width:960px;break-inside:avoid}
</style>
<script>${plotlyBundle()}</script></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(info.status)}${info.reason ? ` (${escapeHtml(info.reason)})` : ""}: ${info.completed} of ${info.trials} trials, ${info.epochsSpent} epochs trained.
Trial: ${trial}; ${escapeHtml(scheduler)}; budget ${escapeHtml(JSON.stringify(info.budget))}; objective: ${escapeHtml(info.mode)} ${escapeHtml(info.metric)} (best epoch of each trial).</p>
<h2>Best trials</h2>
<ol>
${best}
</ol>
<h2>Over seeds</h2>
<p>Trials that differ only in <code>seed</code>: mean and sample sd of ${escapeHtml(info.metric)}, and the 95 % t-interval of the mean.</p>
${aggregates}
<h2>Options and ${escapeHtml(info.metric)}</h2>
<div id="fig0" class="grulab-figure"></div>
<div id="fig1" class="grulab-figure"></div>
<h2>Every trial</h2>
${htmlTable(columns, sweep.rows.map((r) => columns.map((c) => r[c])))}
</main>
<script>
const figures = ${scriptJson([parallel, perOption])};
window.grulabReady = Promise.all(figures.map((f, i) => Plotly.newPlot("fig" + i, f.data, f.layout, { responsive: true })))
  .then(() => { document.body.dataset.ready = "true"; });
</script>
</body></html>
`;
}

/**
 * Writes the sweep's report page to `<sweep>/report.html` (atomically) and returns its path.
 *
 * @example
 * writeSweepReport(await openSweep("runs/sweeps/cells")) // "runs/sweeps/cells/report.html"
 */
export function writeSweepReport(sweep: OpenedSweep): string {
  const file = path.join(sweep.dir, SWEEP_FILES.report);
  writeFileAtomic(file, sweepReportHtml(sweep));
  return file;
}
