import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { compareHtml } from "../../src/reports/compareHtml";
import { compareRuns } from "../../src/reports/compareRuns";
import { classifierHistory, writeFormatTwoRun } from "../fixtures/formatTwoRun";

test("compareHtml: one offline page with the table, the figure's JSON, and each folder linked relative to the page", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-compare-"));
  const a = writeFormatTwoRun({ name: "gru<script>", config: { units: 8 }, history: classifierHistory(3, 2), metrics: { test: { accuracy: 0.7123 }, baselines: [] } }, parent);
  const b = writeFormatTwoRun({ name: "dense", config: { units: 16 }, history: classifierHistory(3, 1), metrics: { test: { accuracy: 0.65 }, baselines: [] } }, parent);
  fs.writeFileSync(path.join(b, "report.html"), "<!DOCTYPE html>");
  const html = compareHtml(await compareRuns([a, b]), parent);
  assert.ok(html.startsWith("<!DOCTYPE html>"));
  assert.ok(!html.includes("gru<script>"), "run names are escaped");
  assert.match(html, /<td>gru&lt;script&gt;<\/td><td>finished<\/td><td style="text-align:right">8<\/td><td style="text-align:right">0\.7123<\/td>/);
  assert.ok(html.includes(`<a href="./${path.basename(b)}/report.html">report</a>`));
  const aName = path.basename(a).replace("<", "&lt;").replace(">", "&gt;");
  assert.ok(html.includes(`<a href="./${encodeURIComponent(path.basename(a))}">${aName}</a>`), "folder names escaped in text and encoded in href");
  assert.equal((html.match(/<a href="[^"]*report\.html">/g) ?? []).length, 1, "only runs with a report link to one");
  // Offline: no external script or stylesheet, plotly inlined.
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=/);
  assert.ok(html.length > 1_000_000, "plotly bundle inlined");
  const json = html.slice(html.indexOf("const figure = ") + 15, html.indexOf(";\nwindow.grulabReady"));
  const figure = JSON.parse(json) as { data: Array<{ name: string }> };
  assert.ok(figure.data.some((d) => d.name === "dense: validation loss"));
});

test("compareHtml links only relative file paths: a run folder named javascript:… is a ./ link, never a javascript: URL", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-compare-js-"));
  const made = writeFormatTwoRun({ name: "x", history: classifierHistory(2, 1), metrics: { test: { accuracy: 0.5 }, baselines: [] } }, parent);
  const evil = path.join(parent, "javascript:alert(document.domain)");
  fs.renameSync(made, evil);
  fs.writeFileSync(path.join(evil, "report.html"), "<!DOCTYPE html>");
  const html = compareHtml(await compareRuns([evil]), parent);
  const hrefs = [...html.slice(html.indexOf("<h2>Folders</h2>")).matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(hrefs, ["./javascript%3Aalert(document.domain)", "./javascript%3Aalert(document.domain)/report.html"]);
  assert.doesNotMatch(html.slice(html.indexOf("</head>")), /href="javascript:/i);
  // From another folder the link climbs out: still a relative path.
  const from = compareHtml(await compareRuns([evil]), path.join(parent, "pages"));
  assert.ok(from.includes('href="../javascript%3Aalert(document.domain)"'));
});
