// needs: chromium
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { exportChart, predictionsVsActual } from "../../src/index";
import { pngSize } from "../fixtures/decodePng";

const figure = predictionsVsActual([1, 2, 3, 2], [1.1, 1.9, 2.7, 2.2]);

test("exportChart writes a PNG in one call (its own browser, closed after)", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grulab-one-")), "pred.png");
  const t0 = Date.now();
  await exportChart(figure, file, { width: 500, height: 300 });
  console.log(`  one-shot PNG export incl. browser start: ${Date.now() - t0} ms`);
  assert.deepEqual(pngSize(fs.readFileSync(file)), { width: 500, height: 300 });
});

test("with GRULAB_CHROMIUM pointing nowhere, image export fails naming the path and the apt command; HTML still works", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-nochrome-"));
  const saved = process.env.GRULAB_CHROMIUM;
  process.env.GRULAB_CHROMIUM = "/nonexistent/bin/chromium";
  try {
    await assert.rejects(exportChart(figure, path.join(dir, "p.png")), (err: Error) => {
      assert.match(err.message, /Chromium not found at \/nonexistent\/bin\/chromium/);
      assert.ok(err.message.includes("apt-get install -y --no-install-recommends chromium"));
      return true;
    });
    assert.ok(!fs.existsSync(path.join(dir, "p.png")));
    await exportChart(figure, path.join(dir, "p.html"));
    assert.match(fs.readFileSync(path.join(dir, "p.html"), "utf8"), /Plotly\.newPlot/);
  } finally {
    if (saved === undefined) delete process.env.GRULAB_CHROMIUM;
    else process.env.GRULAB_CHROMIUM = saved;
  }
});

test("a Chromium that will not start is an error naming the executable", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-badchrome-"));
  const fake = path.join(dir, "chromium");
  fs.writeFileSync(fake, "#!/bin/sh\necho cannot start >&2\nexit 3\n", { mode: 0o755 });
  const saved = process.env.GRULAB_CHROMIUM;
  process.env.GRULAB_CHROMIUM = fake;
  try {
    await assert.rejects(exportChart(figure, path.join(dir, "p.svg")), new RegExp(`could not start Chromium at ${fake}`));
    assert.ok(!fs.existsSync(path.join(dir, "p.svg")));
  } finally {
    if (saved === undefined) delete process.env.GRULAB_CHROMIUM;
    else process.env.GRULAB_CHROMIUM = saved;
  }
});

test("without a size, exportChart uses the figure's layout.width/height (a 640×400 figure gives a 640×400 PNG); options win", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-size-"));
  const sized = { data: figure.data, layout: { ...figure.layout, width: 640, height: 400 } };
  await exportChart(sized, path.join(dir, "layout.png"));
  assert.deepEqual(pngSize(fs.readFileSync(path.join(dir, "layout.png"))), { width: 640, height: 400 });
  await exportChart(sized, path.join(dir, "options.png"), { width: 320, scale: 2 });
  assert.deepEqual(pngSize(fs.readFileSync(path.join(dir, "options.png"))), { width: 640, height: 800 }, "option width 320 (×2), layout height 400 (×2)");
  await exportChart(sized, path.join(dir, "layout.html"));
  assert.match(fs.readFileSync(path.join(dir, "layout.html"), "utf8"), /"width":640,"height":400/);
});

test("exportChart of null, a non-figure or a bad layout size is an error saying what it expected, before any browser starts", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grulab-bad-")), "x.png");
  const expected = /exportChart: expected a figure \(\{ data: \[\.\.\.\], layout: \{\.\.\.\} \}, what the chart builders return\), got null/;
  await assert.rejects(exportChart(null as unknown as typeof figure, file), expected);
  await assert.rejects(exportChart({ data: [] } as unknown as typeof figure, file), /got an object with keys data/);
  await assert.rejects(exportChart(figure, undefined as unknown as string), /exportChart: expected a file path .*, got undefined/);
  await assert.rejects(exportChart({ data: [], layout: { width: 640.5 } }, file), /exportChart: figure layout\.width is 640\.5, expected an integer number of pixels/);
  assert.ok(!fs.existsSync(file));
});
