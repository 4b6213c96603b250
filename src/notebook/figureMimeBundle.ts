import type { Figure } from "../charts/figure";
import { escapeHtml } from "../export/escapeHtml";
import { scriptJson } from "../export/figureToHtml";
import type { MimeBundle } from "./displaySink";
import { PLOTLY_READY_EVENT } from "./loadPlotly";

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
  const html = `<div id="${escapeHtml(elementId)}" class="grulab-figure" style="width:100%;min-height:${height}px"></div>
<script>
(function () {
  var figure = ${scriptJson({ data: figure.data, layout })};
  function draw() {
    var el = document.getElementById(${id});
    if (el && window.Plotly) window.Plotly.react(el, figure.data, figure.layout, { responsive: true });
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
