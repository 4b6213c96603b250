import { test } from "node:test";
import * as assert from "node:assert/strict";
import { openRun } from "../../src/runs/openRun";
import { reportHtml } from "../../src/reports/reportHtml";
import { makeRunFolder, XSS } from "../fixtures/makeRunFolder";

function embeddedFigures(html: string): Array<{ data: Array<{ type?: string }> }> {
  const m = html.match(/const figures = (.*);\nwindow\.grulabReady/);
  assert.ok(m, "figure JSON embedded");
  return JSON.parse(m[1]);
}

test("reportHtml escapes every string from the run and links the run's files relatively", async () => {
  const html = reportHtml(await openRun(makeRunFolder({ samples: 1, T: 3, H: 2 })));
  const body = html.slice(html.indexOf("</head>"));
  assert.ok(!body.includes(XSS), "the raw markup never appears outside the plotly bundle");
  assert.ok(body.includes("&lt;img src=x onerror=alert(1)&gt;"), "it appears escaped");
  for (const f of ["history.csv", "traces/samples.csv", "traces/gates.csv", "traces/saturation.csv", "traces/inputs.csv", "config.json", "metrics.json"]) {
    assert.ok(body.includes(`<a href="./${f}">${f}</a>`), f);
  }
  assert.ok(!/<script[^>]+src=/.test(html), "no external script");
  assert.match(body, /<tr><th><\/th><th>accuracy<\/th><th>loss<\/th><\/tr><tr><td>model<\/td><td>0\.750<\/td><td>0\.800<\/td><\/tr><tr><td>baseline: majority class \(rain\)<\/td><td>0\.400<\/td><td>—<\/td><\/tr>/);
  assert.match(body, /<td>run seconds \(from start or resume to finish\)<\/td><td>12\.5<\/td>/);
  assert.match(body, /Status: <b>finished<\/b>; 4 epochs completed\./);
  // Per-class rows: precision and recall computed from the confusion matrix by the fixture.
  assert.match(body, /<td>sun<\/td><td>0\.714<\/td><td>0\.714<\/td><td>7<\/td>/);
});

test("reportHtml embeds loss, confusion, 4 heatmaps per layer and sample, gate means, saturation and histograms", async () => {
  const figs = embeddedFigures(reportHtml(await openRun(makeRunFolder({ layers: 2, samples: 3, T: 3, H: 2 })), { samples: 2 }));
  assert.equal(figs.length, 1 + 1 + 2 * 2 * 4 + 1 + 1 + 1);
});

test("reportHtml without traces says so in the gate sections and draws loss and confusion only", async () => {
  const html = reportHtml(await openRun(makeRunFolder({ traces: false })));
  assert.equal(embeddedFigures(html).length, 2);
  assert.equal((html.match(/This run has no traces\/ folder: gate traces were not recorded\./g) ?? []).length, 4, "heatmaps, means, saturation, histograms");
  assert.ok(!html.includes('href="./traces/'));
});
