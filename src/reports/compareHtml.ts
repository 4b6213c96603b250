import * as fs from "fs";
import * as path from "path";
import { escapeHtml } from "../util/escapeHtml";
import { htmlTable } from "../util/htmlTable";
import { scriptJson } from "../export/figureToHtml";
import { plotlyBundle } from "../export/plotlyBundle";
import type { Comparison } from "./compareRuns";
import { relativeHref } from "./relativeHref";
import { RUN_FILES } from "../runs/runFormat";

/**
 * The comparison page: one self-contained HTML file (plotly inlined, no network) with the
 * table of `compareRuns` (one row per run), every run's loss curves, and each run's folder
 * with a link to its report where it has one. Links are relative to `pageDir` (the folder
 * the page is written to). `window.grulabReady` resolves once the figure is drawn (for PDF).
 *
 * @example
 * writeFileAtomic("runs/compare.html", compareHtml(await compareRuns(dirs), "runs"));
 */
export function compareHtml(comparison: Comparison, pageDir: string, options: { title?: string } = {}): string {
  const title = options.title ?? `grulab comparison: ${comparison.rows.map((r) => r.run).join(", ")}`;
  const table = htmlTable(comparison.columns, comparison.rows.map((r) => comparison.columns.map((c) => r[c])));
  const runs = comparison.runs.map((r, i) => {
    const report = path.join(r.dir, RUN_FILES.reportHtml);
    const rel = (p: string) => path.relative(path.resolve(pageDir), path.resolve(p)).split(path.sep).join("/") || ".";
    // Links are relative paths only (relativeHref): a folder named "javascript:…" stays a file link.
    const link = fs.existsSync(report) ? ` — <a href="${escapeHtml(relativeHref(rel(report)))}">report</a>` : "";
    return `<li><code>${escapeHtml(String(comparison.rows[i].run))}</code>: <a href="${escapeHtml(relativeHref(rel(r.dir)))}">${escapeHtml(rel(r.dir))}</a> (${escapeHtml(r.status)})${link}</li>`;
  }).join("\n");
  const figure = { data: comparison.figure.data, layout: { ...comparison.figure.layout, height: 460 } };
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#222}main{width:960px;margin:0 auto;padding:16px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}
td{font-family:ui-monospace,monospace;font-size:13px}#fig0{width:960px;break-inside:avoid}
</style>
<script>${plotlyBundle()}</script></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
<p>Config keys shown are those whose values differ between the runs; <code>test_*</code> are test metrics,
<code>baseline_*</code> the strongest simple baseline of each run on the same test split.</p>
<h2>Runs</h2>
${table}
<h2>Loss curves</h2>
<div id="fig0" class="grulab-figure"></div>
<h2>Folders</h2>
<ul>
${runs}
</ul>
</main>
<script>
const figure = ${scriptJson(figure)};
window.grulabReady = Plotly.newPlot("fig0", figure.data, figure.layout, { responsive: true })
  .then(() => { document.body.dataset.ready = "true"; });
</script>
</body></html>
`;
}
