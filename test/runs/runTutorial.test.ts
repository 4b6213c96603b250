// needs: chromium
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { datasetPath, loadModel, readHistoryCsv, runTutorial } from "../../src/index";

test("runTutorial writes a complete run folder whose files parse and agree", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-e2e-"));
  const { runDir, metrics } = await runTutorial({ epochs: 2, units: 8, timesteps: 7, batchSize: 64, patience: 0, out, progress: "none" });
  assert.match(path.basename(runDir), /^\d{8}-\d{6}-tutorial$/);
  assert.equal(path.dirname(runDir), out);
  // report.pdf needs Chromium, which the test command installs (scripts/system-deps.sh).
  assert.deepEqual(fs.readdirSync(runDir).sort(), ["config.json", "history.csv", "loss.html", "metrics.json", "model", "report.html", "report.pdf", "traces"]);

  const config = JSON.parse(fs.readFileSync(path.join(runDir, "config.json"), "utf8"));
  assert.equal(config.name, "tutorial");
  assert.equal(config.dataset, "seattle-weather.csv");
  for (const [k, v] of Object.entries({ epochs: 2, units: 8, timesteps: 7, batchSize: 64, seed: 42, gru: "grulab", patience: 0 })) assert.equal(config[k], v, k);
  assert.equal(config.backend, tf.getBackend());
  assert.ok(!Number.isNaN(Date.parse(config.createdAt)));

  const rows = await readHistoryCsv(path.join(runDir, "history.csv"));
  assert.deepEqual(rows.map((r) => r.epoch), [1, 2]);
  assert.ok(rows.every((r) => Number.isFinite(r.loss) && Number.isFinite(r.val_loss) && r.seconds > 0));

  const m = JSON.parse(fs.readFileSync(path.join(runDir, "metrics.json"), "utf8"));
  assert.deepEqual(m, JSON.parse(JSON.stringify(metrics)));
  for (const k of ["testAccuracy", "baselineAccuracy", "baselineClass", "classes", "perClass", "confusion", "backend", "seconds", "samples"]) assert.ok(k in m, k);
  assert.deepEqual(m.classes, ["drizzle", "fog", "rain", "snow", "sun"]);
  assert.deepEqual(m.samples, { train: 1023 - 7, validation: 219, test: 219 });
  // The baseline, counted independently from the CSV: the test split is the last 219 days.
  const weather = fs.readFileSync(datasetPath("seattle-weather.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[5]);
  const testDays = weather.slice(weather.length - 219);
  const sun = testDays.filter((w) => w === "sun").length;
  assert.equal(m.baselineClass, "sun");
  assert.equal(m.baselineAccuracy, sun / 219);
  assert.deepEqual(m.perClass.map((c: { support: number }) => c.support), m.classes.map((c: string) => testDays.filter((w) => w === c).length));
  assert.equal(m.confusion.flat().reduce((s: number, v: number) => s + v, 0), 219);
  const diagonal = m.confusion.reduce((s: number, row: number[], i: number) => s + row[i], 0);
  assert.equal(m.testAccuracy, diagonal / 219);

  const model = await loadModel(path.join(runDir, "model"));
  const p = model.predict(tf.zeros([1, 7, 6])) as tf.Tensor;
  assert.deepEqual(p.shape, [1, 5]);
  model.dispose();

  // traces/ (written by writeTutorialTraces, tested in its own file): present and non-empty.
  for (const f of ["gates.csv", "gates.json", "saturation.csv", "inputs.csv"]) {
    assert.ok(fs.statSync(path.join(runDir, "traces", f)).size > 0, f);
  }


  const html = fs.readFileSync(path.join(runDir, "loss.html"), "utf8");
  assert.match(html, /<div id="fig0" class="grulab-figure">/);
  assert.match(html, /"name":"validation loss"/);
  assert.match(html, /Plotly\.newPlot/);
  assert.ok(html.length > 1_000_000, "the plotly bundle is inlined");

  // report.html (built and browser-tested in test/export): names this run and links its CSVs.
  const report = fs.readFileSync(path.join(runDir, "report.html"), "utf8");
  assert.ok(report.includes(path.basename(runDir)));
  for (const link of ["history.csv", "traces/gates.csv", "traces/saturation.csv"]) assert.ok(report.includes(`href="${link}"`), link);
  assert.equal(fs.readFileSync(path.join(runDir, "report.pdf")).subarray(0, 4).toString(), "%PDF");
});

test("runTutorial: a run that fails after its folder was made leaves no metrics.json and says so", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-e2e-fail-"));
  const errors: string[] = [];
  const orig = console.error;
  console.error = (...a: unknown[]) => { errors.push(a.join(" ")); };
  try {
    await assert.rejects(runTutorial({ units: 0, out, progress: "none" }), /buildTutorialClassifier: units must be a positive integer, got 0/);
  } finally {
    console.error = orig;
  }
  const [dir] = fs.readdirSync(out);
  assert.deepEqual(fs.readdirSync(path.join(out, dir)), ["config.json"]);
  assert.match(errors.join("\n"), /the run failed; .* is incomplete \(no metrics\.json\)/);
});
