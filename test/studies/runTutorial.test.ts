// needs: chromium
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn } from "child_process";
import * as tf from "@tensorflow/tfjs";
import { loadModel } from "../../src/index";
import { runTutorial } from "../../src/studies/index";
import { datasetPath } from "../../src/advanced/index";
import { readHistoryCsv } from "../../src/runs/historyCsv";
import { resumeTutorial } from "../../src/studies/runTutorial";
import { makeRunFolder } from "../fixtures/makeRunFolder";
import { writeLongWeatherCsv } from "../../bench/longWeatherCsv";
import { mcnemarTest } from "../../src/training/mcnemarTest";

test("runTutorial writes a complete run folder whose files parse and agree", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-e2e-"));
  const { runDir, metrics } = await runTutorial({ epochs: 2, units: 8, timesteps: 7, batchSize: 64, patience: 0, out, progress: "none" });
  assert.match(path.basename(runDir), /^\d{8}-\d{6}-tutorial$/);
  assert.equal(path.dirname(runDir), out);
  // report.pdf needs Chromium, which the test command installs (scripts/system-deps.sh).
  assert.deepEqual(fs.readdirSync(runDir).sort(), ["best", "charts", "checkpoint", "config.json", "history.csv", "metrics.json", "model", "predictions.csv", "report.html", "report.pdf", "run.json", "traces"]);
  const info = JSON.parse(fs.readFileSync(path.join(runDir, "run.json"), "utf8"));
  assert.deepEqual([info.format, info.status, info.epoch, info.task], [2, "finished", 2, "classification"]);

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
  for (const k of ["test", "baselines", "classes", "perClass", "confusion", "backend", "seconds", "samples"]) assert.ok(k in m, k);
  assert.deepEqual(m.classes, ["drizzle", "fog", "rain", "snow", "sun"]);
  assert.deepEqual(m.samples, { train: 1023 - 7, validation: 219, test: 219 });
  // The baseline, counted independently from the CSV: the test split is the last 219 days.
  const weather = fs.readFileSync(datasetPath("seattle-weather.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[5]);
  const testDays = weather.slice(weather.length - 219);
  const sun = testDays.filter((w) => w === "sun").length;
  assert.deepEqual(m.baselines[0], { name: "majority class (sun)", test: { accuracy: sun / 219 } });
  // Persistence, counted from the CSV: tomorrow's weather = today's over the last 219 days.
  const persistence = testDays.filter((w, i) => w === weather[weather.length - 219 + i - 1]).length / 219;
  assert.equal(m.baselines[1].name, "persistence (tomorrow = today)");
  assert.equal(m.baselines[1].test.accuracy, persistence);
  // McNemar's p of the GRU against persistence, recounted from predictions.csv and the CSV with exact
  // integer arithmetic: discordant days b (only the GRU right) and c (only persistence right).
  const predictedDays = fs.readFileSync(path.join(runDir, "predictions.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
  let b = 0, c = 0;
  predictedDays.forEach(([, actual, predicted], i) => {
    const gru = actual === predicted, rule = testDays[i] === weather[weather.length - 219 + i - 1];
    if (gru && !rule) b++; else if (rule && !gru) c++;
  });
  let coef = 1n, tail = 0n;
  for (let i = 0; i <= Math.min(b, c); i++) { tail += coef; coef = (coef * BigInt(b + c - i)) / BigInt(i + 1); }
  const exactP = Math.min(1, (2 * Number((tail * 10n ** 30n) / (1n << BigInt(b + c)))) / 1e30);
  assert.ok(Math.abs(m.baselines[1].test.mcnemarP - exactP) < 1e-12, `${m.baselines[1].test.mcnemarP} vs ${exactP} (b ${b}, c ${c})`);
  assert.equal(m.baselines[2].name, "rain if precipitation > 0, else sun");
  assert.deepEqual(m.perClass.map((c: { support: number }) => c.support), m.classes.map((c: string) => testDays.filter((w) => w === c).length));
  assert.equal(m.confusion.flat().reduce((s: number, v: number) => s + v, 0), 219);
  const diagonal = m.confusion.reduce((s: number, row: number[], i: number) => s + row[i], 0);
  assert.equal(m.test.accuracy, diagonal / 219);
  assert.ok(Number.isFinite(m.test.loss));

  const model = await loadModel(path.join(runDir, "model"));
  const p = model.predict(tf.zeros([1, 7, 6])) as tf.Tensor;
  assert.deepEqual(p.shape, [1, 5]);
  model.dispose();

  // traces/ (written by run.traceGates, tested in startRun.test.ts): present and non-empty.
  for (const f of ["gates.csv", "gates.json", "saturation.csv", "inputs.csv", "samples.csv"]) {
    assert.ok(fs.statSync(path.join(runDir, "traces", f)).size > 0, f);
  }


  assert.match(fs.readFileSync(path.join(runDir, "traces", "samples.csv"), "utf8"), /^sample,index,class,targetDate\n0,\d+,drizzle,2015-\d\d-\d\d\n/);
  const html = fs.readFileSync(path.join(runDir, "charts", "loss.html"), "utf8");
  assert.match(html, /<div id="fig0" class="grulab-figure">/);
  assert.match(html, /"name":"validation loss"/);
  assert.match(html, /Plotly\.newPlot/);
  assert.ok(html.length > 1_000_000, "the plotly bundle is inlined");

  // report.html (built and browser-tested in test/export): names this run and links its CSVs.
  const report = fs.readFileSync(path.join(runDir, "report.html"), "utf8");
  assert.ok(report.includes(path.basename(runDir)));
  for (const link of ["history.csv", "traces/gates.csv", "traces/saturation.csv"]) assert.ok(report.includes(`href="./${link}"`), link);
  assert.equal(fs.readFileSync(path.join(runDir, "report.pdf")).subarray(0, 4).toString(), "%PDF");
});

test("runTutorial: a run that fails after its folder was made says failed in run.json with the reason", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-e2e-fail-"));
  // An implementation name only the model builder checks: it fails after startRun made the folder.
  await assert.rejects(runTutorial({ epochs: 1, units: 4, gruImplementation: "bogus" as "auto", out, progress: "none" }), /GRU option implementation: "bogus", expected one of reference, fused, auto/);
  const [dir] = fs.readdirSync(out);
  assert.deepEqual(fs.readdirSync(path.join(out, dir)).sort(), ["config.json", "run.json"]);
  const info = JSON.parse(fs.readFileSync(path.join(out, dir, "run.json"), "utf8"));
  assert.equal(info.status, "failed");
  assert.match(info.reason, /GRU option implementation: "bogus"/);
});

const root = path.resolve(__dirname, "..", "..", "..");
const grulabCli = (args: string[], env: NodeJS.ProcessEnv, onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [path.join(root, "bin", "grulab.js"), ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => { stdout += d; onStdout?.(stdout, (s) => p.kill(s)); });
    p.stderr.on("data", (d) => { stderr += d; });
    p.on("close", (code) => resolve({ code, stdout, stderr }));
  });

test("grulab tutorial: Ctrl-C keeps the finished epochs (exit 130); grulab resume finishes it with the uninterrupted history; a broken Chromium is only a warning", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-cli-resume-"));
  const options = ["--epochs", "3", "--units", "8", "--timesteps", "7", "--patience", "0", "--backend", "wasm"];
  let sent = false;
  const first = await grulabCli(["tutorial", ...options, "--out", path.join(out, "a")], {}, (text, kill) => {
    if (!sent && /^epoch 1\/3/m.test(text)) { sent = true; kill("SIGINT"); }
  });
  assert.equal(first.code, 130, first.stderr);
  const [id] = fs.readdirSync(path.join(out, "a"));
  const dir = path.join(out, "a", id);
  assert.match(first.stderr, /interrupted by SIGINT; kept history\.csv \(\d epochs?\)/);
  assert.match(first.stderr, new RegExp(`continue it with npx grulab resume .*${id}`));
  const info = JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8"));
  assert.equal(info.status, "interrupted");
  assert.match(info.reason, /^SIGINT during epoch \d; epoch \d was the last completed$/);

  // Resume with Chromium broken: the PDF is an optional step.
  const second = await grulabCli(["resume", dir], { GRULAB_CHROMIUM: "/bin/false" });
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, new RegExp(`grulab: resuming ${dir} after epoch ${info.epoch} of 3`));
  assert.match(second.stdout, /baselines on the test split: majority class \(sun\) 48\.4%, persistence \(tomorrow = today\) 61\.6%, rain if precipitation > 0, else sun 64\.4%/);
  // The verdict is against the strongest baseline of metrics.json (at timesteps 7 that can be the learned one, logistic regression).
  const resumedMetrics = JSON.parse(fs.readFileSync(path.join(dir, "metrics.json"), "utf8")) as { baselines: Array<{ name: string; test: { accuracy: number } }> };
  assert.ok(resumedMetrics.baselines.some((b) => b.name.startsWith("logistic regression on the flattened window (L2 ")), JSON.stringify(resumedMetrics.baselines));
  const strongest = resumedMetrics.baselines.reduce((a, b) => (b.test.accuracy > a.test.accuracy ? b : a));
  const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  assert.match(second.stdout, new RegExp(`test accuracy \\d+\\.\\d% vs the strongest baseline, ${literal(strongest.name)}, ${(100 * strongest.test.accuracy).toFixed(1)}%: (beats it|does worse|not distinguishable) \\(McNemar p = (< 0\\.001|[0-9.e-]+) over \\d+ test days\\)`));
  assert.match(second.stderr, /grulab: warning: report not complete \(optional\): could not start Chromium at \/bin\/false/);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8")).status, "finished");
  assert.ok(fs.existsSync(path.join(dir, "report.html")));
  assert.ok(!fs.existsSync(path.join(dir, "report.pdf")));

  const reference = await runTutorial({ epochs: 3, units: 8, timesteps: 7, patience: 0, backend: "wasm", out: path.join(out, "b"), progress: "none" });
  const strip = (rows: Array<Record<string, number>>) => rows.map(({ seconds, ...r }) => r);
  assert.deepEqual(strip(await readHistoryCsv(path.join(dir, "history.csv"))), strip(reference.rows));
});

test("resumeTutorial names what it cannot resume: a run of another job, a missing folder", async () => {
  const dir = makeRunFolder({ traces: false });
  const info = JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8"));
  fs.writeFileSync(path.join(dir, "run.json"), JSON.stringify({ ...info, status: "interrupted" }));
  await assert.rejects(resumeTutorial(dir), new RegExp(`${path.join(dir, "config.json")}: "job" is undefined: grulab resume continues tutorial runs; resume others with resumeRun\\(dir\\)`));
  await assert.rejects(resumeTutorial("/nonexistent/run"), /run folder \/nonexistent\/run does not exist/);
});

/**
 * Runs `grulab tutorial` on 28,000 rows of the long weather CSV (about 4,200 validation and test windows: three
 * chunks of at most 2,048) in a child process with the test hook (not an API) that stretches each pause between
 * two chunks of a pass to 5 s, and sends SIGINT at the first stdout line matching `at`.
 */
async function interruptTutorialAt(prefix: string, epochs: number, at: RegExp) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const csv = path.join(out, "w28k.csv");
  await writeLongWeatherCsv(csv, 28_000);
  const args = ["tutorial", "--data", csv, "--epochs", String(epochs), "--units", "4", "--timesteps", "7", "--batch-size", "256", "--patience", "0", "--backend", "wasm", "--out", out];
  const r = await new Promise<{ code: number | null; stdout: string; stderr: string; afterSignal: number }>((resolve) => {
    const p = spawn("timeout", ["-k", "5", "300", process.execPath, path.join(root, "bin", "grulab.js"), ...args],
      { env: { ...process.env, GRULAB_CHROMIUM: "/bin/false", GRULAB_TEST_EVALUATION_PAUSE_MS: "5000" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "", sentAt = 0;
    p.stdout.on("data", (d) => {
      stdout += d;
      if (!sentAt && at.test(stdout)) { sentAt = Date.now(); p.kill("SIGINT"); }
    });
    p.stderr.on("data", (d) => { stderr += d; });
    p.on("close", (code) => resolve({ code, stdout, stderr, afterSignal: sentAt ? (Date.now() - sentAt) / 1000 : NaN }));
  });
  return { ...r, out };
}

test("grulab tutorial: Ctrl-C during fit's validation pass (progress lines with counts) stops within seconds, the folder says interrupted with epoch 0 kept (child process)", async () => {
  // The validation pass's first progress line comes after its second chunk. Before, the pass was one synchronous model.evaluate.
  const r = await interruptTutorialAt("grulab-val-sigint-", 2, /^validation: 4,096 of [\d,]+ validation samples \(\d+ %\), \d+ s$/m);
  const out = r.out;
  assert.ok(r.afterSignal >= 0, `no validation progress line; exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  assert.equal(r.code, 130, r.stdout + r.stderr);
  assert.ok(r.afterSignal < 3, `exit ${r.afterSignal} s after SIGINT (bound 3 s)`);
  assert.match(r.stderr, /grulab: SIGINT: stopping after the current batch/);
  assert.doesNotMatch(r.stdout, /^epoch 1\/2/m, "epoch 1 did not complete");
  const dir = path.join(out, fs.readdirSync(out).find((f) => f.endsWith("-tutorial"))!);
  const info = JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8"));
  assert.deepEqual([info.status, info.reason], ["interrupted", "SIGINT during epoch 1; epoch 0 was the last completed"]);
  assert.ok(fs.existsSync(path.join(dir, "checkpoint", "epoch-0000", "state.json")), "the epoch-0 checkpoint is kept");
  assert.ok(!fs.existsSync(path.join(dir, "writer.lock")), "the writer lock is released");
  fs.rmSync(out, { recursive: true, force: true });
});

test("grulab tutorial: Ctrl-C during a long evaluation (progress lines with counts) stops within seconds, the folder says interrupted with the resume command; resume reuses the evaluation's predictions for McNemar (child processes)", async () => {
  // The evaluation's first progress line comes after the second chunk, with the third still to do. Before, the evaluation
  // printed no line, and the baselines step ran the GRU over the test split again in one synchronous predict.
  const r = await interruptTutorialAt("grulab-eval-sigint-", 1, /^evaluation: 4,096 of [\d,]+ test samples \(\d+ %\), \d+ s$/m);
  const out = r.out;
  assert.ok(r.afterSignal >= 0, `no evaluation progress line; exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  assert.equal(r.code, 130, r.stdout + r.stderr);
  assert.ok(r.afterSignal < 3, `exit ${r.afterSignal} s after SIGINT (bound 3 s)`);
  assert.match(r.stderr, /grulab: SIGINT during evaluation: stopping when it ends/);
  assert.doesNotMatch(r.stdout, /baselines: /);
  const dir = path.join(out, fs.readdirSync(out).find((f) => f.endsWith("-tutorial"))!);
  const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  assert.match(r.stderr, new RegExp(`continue it with (npx )?grulab resume ${literal(dir)}`));
  const info = JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8"));
  assert.deepEqual([info.status, info.step, info.reason], ["interrupted", "evaluation", "SIGINT during evaluation; training had finished (1 epoch)"]);
  assert.ok(!fs.existsSync(path.join(dir, "metrics.json")), "no metrics.json from a stopped evaluation");
  assert.ok(!fs.existsSync(path.join(dir, "writer.lock")), "the writer lock is released");

  // Resume: no epoch again; the evaluation's predicted classes give McNemar's p of each baseline.
  const second = await grulabCli(["resume", dir], { GRULAB_CHROMIUM: "/bin/false" });
  assert.equal(second.code, 0, second.stderr);
  const metrics = JSON.parse(fs.readFileSync(path.join(dir, "metrics.json"), "utf8")) as { baselines: Array<{ name: string; test: Record<string, number> }> };
  const predicted = fs.readFileSync(path.join(dir, "predictions.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
  assert.equal(predicted.length, 4200);
  // Persistence predicts the class of the day before the target; the test targets are the file's last 4,200 days,
  // whose classes the generator sets to CLASSES[(i·7 + ⌊i/8⌋) mod 5] on row i. McNemar from predictions.csv:
  const classOfRow = (i: number) => ["drizzle", "fog", "rain", "snow", "sun"][(i * 7 + (i >> 3)) % 5];
  const first = 28_000 - 4200;
  assert.ok(predicted.every(([, actual], j) => actual === classOfRow(first + j)), "predictions.csv's actual column is the file's last days");
  const expected = mcnemarTest(predicted.map(([, a, p]) => a === p), predicted.map(([, a], j) => a === classOfRow(first + j - 1))).pValue;
  const persistence = metrics.baselines.find((b) => b.name.startsWith("persistence"))!;
  assert.equal(persistence.test.mcnemarP, expected, JSON.stringify(persistence));
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8")).status, "finished");
});
