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
