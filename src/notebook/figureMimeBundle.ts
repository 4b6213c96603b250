import type { Figure } from "../charts/figure";
import { escapeHtml } from "../util/escapeHtml";
import { scriptJson } from "../export/figureToHtml";
import type { MimeBundle } from "./displaySink";
import { PLOTLY_READY_EVENT } from "./loadPlotly";

/**
 * True for a plotly figure: an object with a `data` array and a `layout` object (what every
 * chart builder returns).
 *
 * @example
 * if (isFigure(x)) showFigure(x);
 */
export function isFigure(x: unknown): x is Figure {
  const f = x as Partial<Figure> | null;
  return typeof x === "object" && f !== null && Array.isArray(f.data) && typeof f.layout === "object" && f.layout !== null;
}

/**
 * One figure as a notebook output with three representations; each frontend picks the best
 * it can show:
 * - `application/vnd.plotly.v1+json`: drawn natively by JupyterLab's plotly renderer and by
 *   VS Code, also in untrusted notebooks (no script runs);
 * - `text/html`: a div and a small script that draws it once `window.Plotly` exists (loaded
 *   once per notebook by `loadPlotly`): the classic notebook and nbconvert's HTML export;
 * - `text/plain`: a one-line description for terminals.
 * `elementId` must be unique in the page.
 *
 * @example
 * const bundle = figureMimeBundle(lossCurves(rows), "loss-1");
 */
export function figureMimeBundle(figure: Figure, elementId: string, options: { height?: number } = {}): MimeBundle {
  const height = options.height ?? 420;
  const title = (figure.layout.title as { text?: string } | undefined)?.text ?? "figure";
  const layout = { height, ...figure.layout };
  const id = scriptJson(elementId);
  // The placeholder stays where scripts do not run (untrusted notebook without a plotly renderer).
  const html = `<div id="${escapeHtml(elementId)}" class="grulab-figure" style="width:100%;min-height:${height}px">` +
    `<span class="grulab-figure-placeholder" style="color:#888;font-size:smaller">plotly figure “${escapeHtml(title)}”: ` +
    `drawn where scripts run (trusted notebook, exported HTML) once plotly.js is loaded ` +
    `(its output comes with the first chart of a kernel session; after clearing it, run grulab.loadPlotly({ force: true }))</span></div>
<script>
(function () {
  var figure = ${scriptJson({ data: figure.data, layout })};
  function draw() {
    var el = document.getElementById(${id});
    if (!el || !window.Plotly) return;
    var placeholder = el.querySelector(".grulab-figure-placeholder");
    if (placeholder) placeholder.remove();
    window.Plotly.react(el, figure.data, figure.layout, { responsive: true });
  }
  if (window.Plotly) draw(); else window.addEventListener("${PLOTLY_READY_EVENT}", draw, { once: true });
})();
</script>`;
  return {
    "application/vnd.plotly.v1+json": { data: figure.data, layout },
    "text/html": html,
    "text/plain": `plotly figure: ${title} (${figure.data.length} traces)`,
  };
}
