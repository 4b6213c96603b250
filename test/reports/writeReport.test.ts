// needs: chromium
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import type { Browser } from "playwright-core";
import { openChartExporter, type ChartExporter } from "../../src/export/openChartExporter";
import { writeReport } from "../../src/reports/writeReport";
import * as os from "os";
import * as tf from "@tensorflow/tfjs";
import { gru, initBackend, lstm, simpleRnn, startRun } from "../../src/index";
import { seededArray } from "../support/float64Gru";
import { launchTestBrowser, openAndInspect } from "../fixtures/browser";
import { makeRunFolder, XSS } from "../fixtures/makeRunFolder";

let browser: Browser;
let exporter: ChartExporter;
before(async () => { browser = await launchTestBrowser(); exporter = await openChartExporter(); });
after(async () => { await exporter?.close(); await browser?.close(); });

test("report.html opens with no console errors and draws every plot with its traces; report.pdf is a PDF", async () => {
  const layers = 2, samples = 3, features = 2;
  const dir = makeRunFolder({ layers, samples, T: 10, H: 8 });
  const lines: string[] = [];
  const t0 = Date.now();
  const result = await writeReport(dir, { exporter, samples: 2, log: (l) => lines.push(l) });
  console.log(`  writeReport (html + pdf, browser already open): ${Date.now() - t0} ms`);
  assert.equal(result.html, path.join(dir, "report.html"));
  assert.equal(result.pdf, path.join(dir, "report.pdf"));
  assert.deepEqual(lines, [`report: wrote ${result.html}`, `report: wrote ${result.pdf}`]);
  const { errors, dialogs, plots, page } = await openAndInspect(browser, result.html);
  try {
    assert.deepEqual(errors, []);
    assert.deepEqual(dialogs, [], "no alert fired");
    // Expected from the formats, counted by hand: loss (4 lines), confusion (1 heatmap),
    // per layer × 2 samples × 4 gates a heatmap with 2 input lines, gate means (2 gates × 2 layers), saturation (2 gates × 2 layers),
    // histograms (4 gates × 2 layers bars).
    const heat = { scatter: features, heatmap: 1, bar: 0 };
    const expected = [
      { scatter: 4, heatmap: 0, bar: 0 }, { scatter: 0, heatmap: 1, bar: 0 },
      ...Array.from({ length: layers * 2 * 4 }, () => heat),
      { scatter: 2 * layers, heatmap: 0, bar: 0 }, { scatter: 2 * layers, heatmap: 0, bar: 0 }, { scatter: 0, heatmap: 0, bar: 4 * layers },
    ];
    assert.deepEqual(plots.map((p) => ({ scatter: p.scatter, heatmap: p.heatmap, bar: p.bar })), expected);
    assert.ok(plots.every((p) => p.svgs >= 1));
    assert.equal(await page.locator("img").count(), 0, "no <img> element anywhere");
    const cells = await page.locator("td").allTextContents();
    assert.ok(cells.filter((c) => c === XSS).length >= 3, "config key, value and class name shown as text");
    const svgText = await page.evaluate(() => Array.from(document.querySelectorAll("svg text")).map((t) => t.textContent));
    assert.ok(svgText.includes(XSS), "class / feature name as SVG text");
    const hrefs = await page.locator("#files a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.deepEqual(hrefs, ["./run.json", "./config.json", "./metrics.json", "./history.csv", "./traces/gates.csv", "./traces/saturation.csv", "./traces/inputs.csv", "./traces/samples.csv"]);
  } finally {
    await page.close();
  }
  const pdf = fs.readFileSync(result.pdf!).toString("latin1");
  assert.ok(pdf.startsWith("%PDF-"));
  const pages = (pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  console.log(`  report.pdf: ${pages} pages, ${fs.statSync(result.pdf!).size} bytes; report.html ${fs.statSync(result.html).size} bytes`);
  assert.ok(pages >= 2, `a report of ${plots.length} plots spans pages, got ${pages}`);
});

test("without traces the report still draws loss and confusion, and the gate sections say why", async () => {
  const dir = makeRunFolder({ traces: false });
  const result = await writeReport(dir, { exporter, pdf: false, log: () => undefined });
  assert.equal(result.pdf, null);
  assert.ok(!fs.existsSync(path.join(dir, "report.pdf")));
  const { errors, plots, page } = await openAndInspect(browser, result.html);
  try {
    assert.deepEqual(errors, []);
    assert.equal(plots.length, 2);
    assert.equal(await page.locator(".missing").count(), 4);
  } finally {
    await page.close();
  }
});

test("with Chromium missing, report.html is written and a note names the path and the apt command", async () => {
  const dir = makeRunFolder({ traces: false });
  const saved = process.env.GRULAB_CHROMIUM;
  process.env.GRULAB_CHROMIUM = "/nonexistent/chromium";
  const lines: string[] = [];
  try {
    const result = await writeReport(dir, { log: (l) => lines.push(l) });
    assert.equal(result.pdf, null);
    assert.ok(fs.existsSync(path.join(dir, "report.html")));
    assert.ok(!fs.existsSync(path.join(dir, "report.pdf")));
    assert.match(result.note!, /no report\.pdf\. Chromium not found at \/nonexistent\/chromium/);
    assert.ok(result.note!.includes("apt-get install -y --no-install-recommends chromium"));
    assert.equal(lines[1], result.note);
    await assert.rejects(writeReport(dir, { pdf: true, log: () => undefined }), /Chromium not found at \/nonexistent\/chromium/);
  } finally {
    if (saved === undefined) delete process.env.GRULAB_CHROMIUM;
    else process.env.GRULAB_CHROMIUM = saved;
  }
});

test("a run folder without metrics.json (not evaluated) gets a report saying so; a file or a format-1 folder is an error naming it", async () => {
  const dir = makeRunFolder({ traces: false });
  fs.rmSync(path.join(dir, "metrics.json"));
  await writeReport(dir, { pdf: false, log: () => undefined });
  assert.match(fs.readFileSync(path.join(dir, "report.html"), "utf8"), /metrics\.json is absent: the run was not evaluated\./);
  const file = path.join(dir, "history.csv");
  await assert.rejects(writeReport(file, { pdf: false }), new RegExp(`writeReport: ${file} is a file; expected a run folder`));
  const old = makeRunFolder({ traces: false });
  fs.rmSync(path.join(old, "run.json"));
  fs.rmSync(path.join(old, "report.html"), { force: true });
  await assert.rejects(writeReport(old, { pdf: false }), new RegExp(`${old}: it has config\\.json but no run\\.json: .*\\(format 1; this grulab reads format 2\\)`));
  assert.ok(!fs.existsSync(path.join(old, "report.html")));
});

test("a run traced through GRU, LSTM and SimpleRNN layers: report.html draws every layer's quantities with no console errors", async () => {
  await initBackend("cpu");
  const [T, D] = [6, 2];
  const model = tf.sequential({ layers: [gru({ units: 3, returnSequences: true, inputShape: [T, D] }), lstm({ units: 4, returnSequences: true }), simpleRnn({ units: 2 })] });
  const x = tf.tensor3d(seededArray([3, T, D], 11, 3) as number[][][]);
  const run = await startRun("mixed-traces", { dir: fs.mkdtempSync(path.join(os.tmpdir(), "grulab-runs-")) });
  await run.traceGates(model, { x }, { samples: [0, 2], unscaled: x.arraySync() as number[][][], features: ["a", "b"] });
  const result = await writeReport(run.dir, { exporter, pdf: false, samples: 2, log: () => undefined });
  const { errors, plots, page } = await openAndInspect(browser, result.html);
  try {
    assert.deepEqual(errors, []);
    // Per sample (2): GRU 4 + LSTM 6 + SimpleRNN 1 heatmaps, each with 2 input lines; then gate means and
    // saturation (z, r of the GRU, i, f, o of the LSTM: 5 lines, 5 point sets) and histograms (9 quantities: 3 + 5 + 3 bar sets).
    const heat = { scatter: D, heatmap: 1, bar: 0 };
    assert.deepEqual(plots.map((p) => ({ scatter: p.scatter, heatmap: p.heatmap, bar: p.bar })), [
      ...Array.from({ length: 2 * (4 + 6 + 1) }, () => heat), { scatter: 5, heatmap: 0, bar: 0 }, { scatter: 5, heatmap: 0, bar: 0 }, { scatter: 0, heatmap: 0, bar: 11 },
    ]);
    const svgText = await page.evaluate(() => Array.from(document.querySelectorAll("svg text")).map((t) => t.textContent ?? ""));
    for (const label of ["forget gate f", "cell state c", "output gate o"]) assert.ok(svgText.some((t) => t.startsWith(label)), label);
  } finally {
    await page.close();
    x.dispose();
    model.dispose();
  }
});
