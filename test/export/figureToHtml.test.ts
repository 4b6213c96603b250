// needs: chromium
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Browser } from "playwright-core";
import { confusionMatrix, gateHeatmap, gateHistogram, lossCurves, predictionsVsActual, saturationPlot } from "../../src/index";
import { figureToHtml } from "../../src/advanced/index";
import { writeFileAtomic } from "../../src/io/writeFileAtomic";
import { expectedCounts, launchTestBrowser, openAndInspect } from "../fixtures/browser";

const XSS = "<img src=x onerror=alert(1)>";
let browser: Browser;
before(async () => { browser = await launchTestBrowser(); });
after(async () => { await browser?.close(); });

test("every figure builder draws in headless Chromium with the expected traces and no console errors", async () => {
  const figures = [
    lossCurves([1, 2, 3].map((e) => ({ epoch: e, loss: 1 / e, val_loss: 1.1 / e, acc: 1 - 1 / (e + 1), val_acc: 0.9 - 1 / (e + 1), seconds: 1 }))),
    confusionMatrix([[2, 1], [0, 3]], [XSS, "sun"]),
    predictionsVsActual([1, 2, 3], [1.5, 2, 2.5]),
    gateHeatmap({ gate: "z", values: [[0.1, 0.9], [0.5, 0.5], [0.2, 0.3]] }, { values: [[1], [2], [3]], features: [XSS] }),
    gateHeatmap({ gate: "hTilde", values: [[0.1, -0.9], [0.5, 0.5]] }, { values: [[1, 2, 3, 4], [4, 3, 2, 1]], features: ["a", "b", "c", XSS] }),
    saturationPlot([{ layer: "gru", gate: "z", unit: 0, leftFraction: 0.1, rightFraction: 0.2 }, { layer: "gru", gate: "r", unit: 0, leftFraction: 0.3, rightFraction: 0.4 }]),
    gateHistogram([{ gate: "z", layer: 0, values: [0.1, 0.5] }, { gate: "h", layer: 0, values: [-0.5, 0.5] }]),
  ];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grulab-fig-")), `${XSS}.html`.replace(/[/]/g, "_"));
  writeFileAtomic(file, figureToHtml(figures, { title: XSS }));
  const { errors, dialogs, plots, page } = await openAndInspect(browser, file);
  try {
    assert.deepEqual(errors, []);
    assert.deepEqual(dialogs, []);
    assert.equal(plots.length, figures.length);
    plots.forEach((p, i) => {
      assert.ok(p.svgs >= 1, `figure ${i} has plotly's SVG`);
      assert.deepEqual({ scatter: p.scatter, heatmap: p.heatmap, bar: p.bar }, expectedCounts(figures[i]), `figure ${i} trace counts`);
    });
    assert.equal(await page.title(), XSS, "title shown as text");
    assert.equal(await page.locator("img").count(), 0, "no <img> element from labels");
    const texts = await page.evaluate(() => Array.from(document.querySelectorAll("svg text")).map((t) => t.textContent));
    assert.ok(texts.includes(XSS), "the markup-like label appears as SVG text");
  } finally {
    await page.close();
  }
});
