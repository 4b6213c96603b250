import { gzipSync } from "zlib";
import { plotlyBundle } from "../export/plotlyBundle";
import { kernelSink, type DisplaySink } from "./displaySink";

/** The event a figure's HTML waits for when plotly.js is still loading. */
export const PLOTLY_READY_EVENT = "grulab:plotly-ready";

let loaderHtml: string | undefined;
const loadedInto = new WeakSet<DisplaySink>();

/**
 * The HTML output that loads plotly.js into the page: the minified bundle (4.8 MB) gzipped and
 * base64-encoded (~2 MB), unpacked in the browser with DecompressionStream, run once, then
 * `grulab:plotly-ready` is dispatched for the figures waiting for `window.Plotly`.
 *
 * @example
 * kernelSink().send({ "text/html": plotlyLoaderHtml() });
 */
export function plotlyLoaderHtml(): string {
  if (loaderHtml === undefined) {
    const packed = gzipSync(Buffer.from(plotlyBundle(), "utf8"), { level: 9 }).toString("base64");
    loaderHtml = `<div class="grulab-plotly-loader" style="font-size:smaller;color:#888">plotly.js for this notebook's charts (offline, loaded once)</div>
<script>
(function () {
  if (window.Plotly || window.__grulabPlotlyLoading) { if (window.Plotly) window.dispatchEvent(new Event("${PLOTLY_READY_EVENT}")); return; }
  window.__grulabPlotlyLoading = true;
  var packed = "${packed}";
  function fail(e) { window.__grulabPlotlyLoading = false; console.error("grulab: could not load plotly.js", e); }
  try {
    var text = atob(packed), bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(stream).text().then(function (source) {
      var script = document.createElement("script");
      script.textContent = source;
      document.head.appendChild(script);
      window.dispatchEvent(new Event("${PLOTLY_READY_EVENT}"));
    }, fail);
  } catch (e) { fail(e); }
})();
</script>`;
  }
  return loaderHtml;
}

/**
 * Loads plotly.js into the notebook page once per kernel session (per sink), as one HTML output (~2 MB
 * in the saved notebook, instead of 4.8 MB per figure). `showFigure` and `liveChart` call it
 * on first use; call it yourself with `force` after clearing that output.
 *
 * @example
 * loadPlotly();               // first cell that shows charts
 * loadPlotly({ force: true }); // again, e.g. after "clear all outputs"
 */
export function loadPlotly(options: { force?: boolean; sink?: DisplaySink } = {}): void {
  const sink = options.sink ?? kernelSink();
  if (loadedInto.has(sink) && !options.force) return;
  sink.send({
    "text/html": plotlyLoaderHtml(),
    "text/plain": "plotly.js loaded for this notebook's charts",
  });
  loadedInto.add(sink);
}
