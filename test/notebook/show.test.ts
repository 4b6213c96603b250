import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as dfd from "danfojs-node";
import { lossCurves } from "../../src/charts/lossCurves";
import type { DisplaySink, MimeBundle } from "../../src/notebook/displaySink";
import { plotlyLoaderHtml } from "../../src/notebook/loadPlotly";
import { show } from "../../src/notebook/show";
import { compareRuns } from "../../src/reports/compareRuns";
import { classifierHistory, writeFormatTwoRun } from "../fixtures/formatTwoRun";

function collect(): { sent: MimeBundle[]; sink: DisplaySink } {
  const sent: MimeBundle[] = [];
  return { sent, sink: { send: (b) => void sent.push(b) } };
}

test("show sends a DataFrame as a table, a figure as plotly, a run as its summary", () => {
  const { sent, sink } = collect();
  show(new dfd.DataFrame({ a: [1, 2] }), { sink });
  assert.deepEqual(Object.keys(sent[0]).sort(), ["text/html", "text/plain"]);
  assert.match(sent[0]["text/html"] as string, /<table class="grulab-table">/);
  show(lossCurves([{ epoch: 1, loss: 1, val_loss: 1, acc: 0.5, val_acc: 0.5, seconds: 1 }]), { sink });
  assert.ok(sent.some((b) => "application/vnd.plotly.v1+json" in b), "the figure as plotly JSON");
  const dir = writeFormatTwoRun({ name: "r" });
  show({ dir, name: "r", status: "finished", rows: [] }, { sink });
  assert.match(sent[sent.length - 1]["text/plain"] as string, /^run r\n  status: finished/);
});

test("show sends a comparison as one output: its table, then its figure, with a text fallback", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-show-"));
  const metrics = (acc: number) => ({ test: { loss: 0.9, accuracy: acc }, baselines: [{ name: "majority", test: { loss: 1.6, accuracy: 0.44 } }] });
  const a = writeFormatTwoRun({ name: "gru", config: { units: 32 }, history: classifierHistory(3, 2), metrics: metrics(0.71) }, parent);
  const b = writeFormatTwoRun({ name: "lstm", config: { units: 28 }, history: classifierHistory(4, 4, 0.1), metrics: metrics(0.625) }, parent);
  const { sent, sink } = collect();
  show(await compareRuns([a, b]), { sink });
  assert.equal(sent.length, 2, "plotly.js loader, then the comparison");
  assert.equal(sent[0]["text/html"], plotlyLoaderHtml());
  const bundle = sent[1];
  assert.deepEqual(Object.keys(bundle).sort(), ["text/html", "text/plain"], "no plotly mime type: JupyterLab would show the figure alone");
  const html = bundle["text/html"] as string;
  // The table first: header with the differing config key, one row per run with its numbers.
  const tableAt = html.indexOf('<table class="grulab-table">');
  const figureAt = html.indexOf('class="grulab-figure"');
  assert.ok(tableAt >= 0 && figureAt > tableAt, "the table, then the figure");
  assert.match(html, /<th>run<\/th><th>status<\/th><th>units<\/th><th>test_loss<\/th><th>test_accuracy<\/th>/);
  assert.match(html, /<td>gru<\/td><td>finished<\/td><td style="text-align:right">32<\/td>/);
  assert.match(html, /<td>lstm<\/td><td>finished<\/td><td style="text-align:right">28<\/td>/);
  assert.match(html, /0\.625/);
  assert.match(html, /2 rows × \d+ columns/);
  // Then the figure: every run's curves, drawn from the data by the figure's script.
  const figure = JSON.parse(/var figure = (.*);\n/.exec(html)![1]) as { data: Array<{ name: string; y: number[] }> };
  const trace = (name: string) => figure.data.find((t) => t.name === name)?.y;
  assert.deepEqual(trace("gru: train loss"), classifierHistory(3, 2).map((r) => r.loss));
  assert.deepEqual(trace("lstm: validation loss"), classifierHistory(4, 4, 0.1).map((r) => r.val_loss));
  assert.match(html, /Loss curves: gru, lstm/);
  const text = bundle["text/plain"] as string;
  const lines = text.split("\n");
  assert.match(lines[0], /^\s+run\s+status\s+units\s+test_loss\s+test_accuracy/);
  assert.match(lines[1], /^0\s+gru\s+finished\s+32\s+0\.9\s+0\.71\b/);
  assert.match(lines[2], /^1\s+lstm\s+finished\s+28\s+0\.9\s+0\.625\b/);
  assert.match(lines[3], /^\[2 rows × \d+ columns\]$/);
  assert.match(lines[4], /^plotly figure: Loss curves: gru, lstm \(\d+ traces\)$/);
  // A second comparison: plotly.js is not loaded again, and the figure gets its own element.
  show(await compareRuns([a, b]), { sink });
  assert.equal(sent.length, 3);
  const id = (h: string) => /<div id="([^"]+)" class="grulab-figure"/.exec(h)![1];
  assert.notEqual(id(sent[2]["text/html"] as string), id(html));
});

test("show of something else says what it takes", () => {
  const { sink } = collect();
  assert.throws(() => show([1, 2], { sink }), /show: expected a danfo DataFrame or Series, a figure \(\{ data, layout \}\), a run \(from startRun or openRun\), a sweep \(from startSweep or openSweep\) or a comparison \(from compareRuns\), got an array/);
  assert.throws(() => show({ rows: [], figure: { data: [], layout: {} }, table: { not: "a frame" } }, { sink }), /got an object with keys rows, figure, table/);
  assert.throws(() => show({ x: 1 }, { sink }), /got an object with keys x/);
  assert.throws(() => show(undefined, { sink }), /got undefined/);
});
