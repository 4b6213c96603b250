import type { Figure } from "../charts/figure";
import { escapeHtml } from "../util/escapeHtml";
import { plotlyBundle } from "./plotlyBundle";

/** JSON that is safe inside a <script> element (no `</script>` or `<!--` can close it). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/**
 * A self-contained HTML page that draws one or more plotly figures offline: the plotly bundle
 * is inlined once, each figure gets its own `<div class="grulab-figure">`.
 *
 * @example
 * writeFileAtomic("loss.html", figureToHtml(lossCurves(run.history), { title: "Loss" }));
 */
export function figureToHtml(figures: Figure | Figure[], options: { title?: string } = {}): string {
  const list = Array.isArray(figures) ? figures : [figures];
  const title = escapeHtml(options.title ?? "grulab chart");
  const divs = list.map((_, i) => `<div id="fig${i}" class="grulab-figure"></div>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script>${plotlyBundle()}</script></head>
<body>
${divs}
<script>
const figures = ${scriptJson(list)};
figures.forEach((f, i) => Plotly.newPlot("fig" + i, f.data, f.layout, { responsive: true }));
</script>
</body></html>
`;
}
