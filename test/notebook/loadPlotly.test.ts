import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gunzipSync } from "zlib";
import { loadPlotly, plotlyLoaderHtml } from "../../src/notebook/loadPlotly";
import { plotlyBundle } from "../../src/export/plotlyBundle";
import { type DisplaySink, type MimeBundle } from "../../src/notebook/displaySink";

const recorder = () => {
  const sent: MimeBundle[] = [];
  const sink: DisplaySink = { send: (bundle) => void sent.push(bundle) };
  return { sent, sink };
};

test("the loader carries the whole plotly.js bundle gzipped: unpacked it is byte for byte plotly.min.js", () => {
  const html = plotlyLoaderHtml();
  const packed = /var packed = "([A-Za-z0-9+/=]+)";/.exec(html);
  assert.ok(packed, "a base64 string literal in the loader");
  assert.equal(gunzipSync(Buffer.from(packed[1], "base64")).toString("utf8"), plotlyBundle());
  // Smaller than the raw bundle it replaces (4.8 MB), and only one copy of it.
  assert.ok(html.length < 0.5 * plotlyBundle().length, `loader is ${html.length} chars`);
  assert.equal(html.match(/var packed/g)?.length, 1);
  assert.match(html, /DecompressionStream\("gzip"\)/);
  assert.match(html, /dispatchEvent\(new Event\("grulab:plotly-ready"\)\)/);
});

test("loadPlotly sends the loader once per sink, again only when forced", () => {
  const { sent, sink } = recorder();
  loadPlotly({ sink });
  loadPlotly({ sink });
  assert.equal(sent.length, 1);
  assert.equal(sent[0]["text/html"], plotlyLoaderHtml());
  loadPlotly({ sink, force: true });
  assert.equal(sent.length, 2);
});
