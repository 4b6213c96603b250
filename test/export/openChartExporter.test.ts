// needs: chromium
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Browser } from "playwright-core";
import { confusionMatrix, gateHeatmap } from "../../src/index";
import { openChartExporter, type ChartExporter } from "../../src/advanced/index";
import { launchTestBrowser, openAndInspect } from "../fixtures/browser";
import { decodePng, distinctColours, pngSize } from "../fixtures/decodePng";

const XSS = "<img src=x onerror=alert(1)>";
const figure = confusionMatrix([[5, 1], [2, 7]], [XSS, "sun"]);
let browser: Browser;
let exporter: ChartExporter;
let dir: string;
before(async () => {
  browser = await launchTestBrowser();
  exporter = await openChartExporter();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-export-"));
});
after(async () => {
  await exporter?.close();
  await browser?.close();
});

async function timed(label: string, job: () => Promise<void>): Promise<void> {
  const t0 = Date.now();
  await job();
  console.log(`  export ${label}: ${Date.now() - t0} ms`);
}

test("a PNG export has the requested size times scale and is not blank", async () => {
  const file = path.join(dir, "cm.png");
  await timed("png (first: starts Chromium, injects plotly)", () => exporter.export(figure, file, { width: 600, height: 400, scale: 2 }));
  const png = fs.readFileSync(file);
  assert.deepEqual(pngSize(png), { width: 1200, height: 800 });
  const img = decodePng(png);
  assert.ok(distinctColours(img) > 20, `a drawn chart has many colours, got ${distinctColours(img)}`);
  // The top-left corner is the white paper background; a heatmap cell is blue.
  assert.deepEqual(Array.from(img.pixels.subarray(0, 3)), [255, 255, 255]);
  let blue = 0;
  for (let i = 0; i < img.pixels.length; i += img.channels) if (img.pixels[i + 2] > 150 && img.pixels[i] < 100) blue++;
  assert.ok(blue > 1000, `blue heatmap pixels: ${blue}`);
});

test("a second PNG in the same batch reuses the browser and gets its own size", async () => {
  const file = path.join(dir, "heat.png");
  const fig = gateHeatmap({ gate: "h", values: [[-1, 1], [0.5, -0.5]] }, { values: [[1], [2]] });
  await timed("png (browser reused)", () => exporter.export(fig, file, { width: 320, height: 240 }));
  assert.deepEqual(pngSize(fs.readFileSync(file)), { width: 320, height: 240 });
});

test("an SVG export parses as SVG of the requested size with labels as text", async () => {
  const file = path.join(dir, "cm.svg");
  await timed("svg", () => exporter.export(figure, file, { width: 640, height: 420 }));
  const svg = fs.readFileSync(file, "utf8");
  assert.match(svg, /^<svg /);
  const page = await browser.newPage();
  try {
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      return {
        error: doc.querySelector("parsererror")?.textContent ?? null,
        root: doc.documentElement.nodeName,
        width: doc.documentElement.getAttribute("width"),
        height: doc.documentElement.getAttribute("height"),
        imgs: doc.getElementsByTagName("img").length,
        texts: Array.from(doc.querySelectorAll("text")).map((t) => t.textContent),
      };
    }, svg);
    assert.equal(parsed.error, null);
    assert.equal(parsed.root, "svg");
    assert.deepEqual([parsed.width, parsed.height], ["640", "420"]);
    assert.equal(parsed.imgs, 0);
    assert.ok(parsed.texts.includes(XSS), "class label as text");
  } finally {
    await page.close();
  }
});

test("a PDF export is one page of the figure's size", async () => {
  const file = path.join(dir, "cm.pdf");
  await timed("pdf", () => exporter.export(figure, file, { width: 600, height: 400 }));
  const pdf = fs.readFileSync(file).toString("latin1");
  assert.ok(pdf.startsWith("%PDF-"));
  assert.equal((pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length, 1);
  const box = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  assert.ok(box, "has a MediaBox");
  // 600 × 400 CSS px = 450 × 300 pt (1 px = 0.75 pt)
  assert.ok(Math.abs(Number(box[1]) - 450) < 1 && Math.abs(Number(box[2]) - 300) < 1, box[0]);
});

test("an HTML export is self-contained and draws in the browser without errors", async () => {
  const file = path.join(dir, "cm.html");
  await timed("html", () => exporter.export(figure, file, { width: 600, height: 400 }));
  const html = fs.readFileSync(file, "utf8");
  assert.ok(!/<script[^>]+src=/.test(html) && !/<link[^>]+href=/.test(html), "no external scripts or styles");
  const { errors, dialogs, plots, page } = await openAndInspect(browser, file);
  try {
    assert.deepEqual(errors, []);
    assert.deepEqual(dialogs, []);
    assert.equal(plots.length, 1);
    assert.equal(plots[0].heatmap, 1);
    assert.equal(await page.locator("img").count(), 0);
    const size = await page.evaluate(() => document.querySelector(".main-svg")?.getAttribute("width"));
    assert.equal(size, "600");
  } finally {
    await page.close();
  }
});

test("an unknown extension is an error naming it, and nothing is written", async () => {
  const file = path.join(dir, "cm.jpg");
  await assert.rejects(exporter.export(figure, file), /unknown extension "\.jpg" in .*cm\.jpg; expected one of \.html, \.png, \.svg, \.pdf/);
  await assert.rejects(exporter.export(figure, path.join(dir, "noext")), /unknown extension "\(none\)"/);
  assert.ok(!fs.existsSync(file));
});

test("bad sizes are errors naming the option", async () => {
  await assert.rejects(exporter.export(figure, path.join(dir, "x.png"), { width: 0 }), /option width is 0/);
  await assert.rejects(exporter.export(figure, path.join(dir, "x.png"), { scale: -1 }), /option scale is -1/);
});

test("exports leave no temporary files behind", () => {
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith(".")), []);
});
