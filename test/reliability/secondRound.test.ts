// The second reliability probe, one test per failure: each failed before the writer lock, the
// crashed status, the test-split fingerprint, quoted CSV headers and the other fixes listed in
// docs/reliability.md ("Second round"), and passes after. The double resume and the lock races are
// test/reliability/doubleResume.test.ts and test/runs/runLock.test.ts; links in pages are
// test/reports/compareHtml.test.ts; the bounds are test/bounds/checkJobMemory.test.ts.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend";
import { loadModel } from "../../src/io/loadModel";
import { buildTutorialClassifier } from "../../src/models/buildTutorialClassifier";
import { compareRuns } from "../../src/reports/compareRuns";
import { reportHtml } from "../../src/reports/reportHtml";
import { writeReport } from "../../src/reports/writeReport";
import { openRun } from "../../src/runs/openRun";
import { reopenRun } from "../../src/runs/reopenRun";
import { resumeRun } from "../../src/runs/resumeRun";
import { startRun } from "../../src/runs/startRun";
import { childData } from "../support/runChild";
import { classifierHistory, writeFormatTwoRun } from "../fixtures/formatTwoRun";

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), `grulab-r2-${p}-`));
const build = (seed = 1) => buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units: 3, seed });
const dist = path.join(__dirname, "..", "..");

test("a dead writer reads as crashed (last completed epoch, how to resume) in openRun, compareRuns and the report: a script that throws between fit and finish", async () => {
  const parent = tmp("crash");
  const script = `
    const { startRun } = require(${JSON.stringify(path.join(dist, "src", "runs", "startRun.js"))});
    const { buildTutorialClassifier } = require(${JSON.stringify(path.join(dist, "src", "models", "buildTutorialClassifier.js"))});
    const { childData } = require(${JSON.stringify(path.join(dist, "test", "support", "runChild.js"))});
    (async () => {
      const run = await startRun("script", { classes: ["a", "b", "c"], dir: ${JSON.stringify(parent)} });
      await run.fit(buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units: 3, seed: 1 }), childData(32, 1), { epochs: 2, batchSize: 16, progress: "none" });
      throw new Error("the user's code failed after fit");
    })();`;
  const code = await new Promise<number | null>((resolve) => spawn(process.execPath, ["-e", script], { stdio: "ignore" }).on("exit", resolve));
  assert.equal(code, 1);
  const [dir] = fs.readdirSync(parent).map((f) => path.join(parent, f));
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8")).status, "running", "on disk it still says running");
  const run = await openRun(dir);
  assert.equal(run.status, "crashed");
  assert.match(run.reason!, /^run\.json says running, but its writer is gone \(no process holds its writer lock; process \d+ wrote it\): killed or crashed before it could mark the run; epoch 2 was the last completed; continue it with resumeRun\(/);
  const cmp = await compareRuns([dir]);
  assert.equal(cmp.rows[0].status, "crashed");
  const html = reportHtml(run);
  assert.match(html, /Status: <b>crashed<\/b> \(run\.json says running, but its writer is gone .*epoch 2 was the last completed; continue it with resumeRun/);
});

test("a second SIGTERM ends the writer at once (the first one's handler had not marked the run yet): the run reads as crashed with its last completed epoch, and resumes (child process)", async () => {
  const parent = tmp("sigterm2");
  // The user's onEpochEnd of epoch 1 waits 5 s: the first SIGTERM is noted during it ("stopping after
  // the current batch"), the second, sent 0.6 s after that note (past watchSignals' 0.5 s in which a
  // signal counts as the first one delivered again), ends the process there.
  const script = `
    const { startRun } = require(${JSON.stringify(path.join(dist, "src", "runs", "startRun.js"))});
    const { buildTutorialClassifier } = require(${JSON.stringify(path.join(dist, "src", "models", "buildTutorialClassifier.js"))});
    const { childData } = require(${JSON.stringify(path.join(dist, "test", "support", "runChild.js"))});
    (async () => {
      const run = await startRun("sigterm2", { classes: ["a", "b", "c"], dir: ${JSON.stringify(parent)} });
      await run.fit(buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units: 3, seed: 1 }), childData(32, 1), { epochs: 4, batchSize: 16, progress: "none",
        onEpochEnd: async (row) => { if (row.epoch === 1) { console.log("EPOCH 1"); await new Promise((r) => setTimeout(r, 5000)); } } });
      console.log("FIT RETURNED");
    })();`;
  const child = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "", sent = 0;
    p.stdout.on("data", (d) => { stdout += d; if (sent === 0 && stdout.includes("EPOCH 1")) { sent = 1; p.kill("SIGTERM"); } });
    p.stderr.on("data", (d) => { stderr += d; if (sent === 1 && stderr.includes("stopping after the current batch")) { sent = 2; setTimeout(() => p.kill("SIGTERM"), 600); } });
    p.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  assert.equal(child.signal, "SIGTERM", `the second SIGTERM ends the process (code ${child.code}): ${child.stdout}${child.stderr}`);
  assert.doesNotMatch(child.stdout, /FIT RETURNED/);
  const [dir] = fs.readdirSync(parent).map((f) => path.join(parent, f));
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8")).status, "running", "on disk it still says running");
  const seen = await openRun(dir);
  assert.equal(seen.status, "crashed");
  assert.match(seen.reason!, /^run\.json says running, but its writer is gone \(.*\): killed or crashed before it could mark the run; epoch 1 was the last completed; continue it with resumeRun\(/);
  await initBackend("wasm");
  const { run, model } = await resumeRun(dir);
  const data = childData(32, 1);
  const result = await run.fit(model, data, { epochs: 4, progress: "none" });
  assert.deepEqual(result.rows.map((r) => r.epoch), [1, 2, 3, 4]);
  run.mark({ status: "interrupted", reason: "test" });
  model.dispose();
  tf.dispose([data.x, data.y]);
});

test("a failure handler that cannot write run.json (a full disk) says the original error first, then how to resume; the run reads as crashed", async () => {
  await initBackend("wasm");
  const run = await startRun("full", { classes: ["a", "b", "c"], dir: tmp("full") });
  const data = childData(32, 1);
  const model = build();
  const err = await run.fit(model, data, {
    epochs: 4, batchSize: 16, progress: "none",
    onEpochEnd: (row) => {
      if (row.epoch < 2) return;
      // The disk fills: run.json can no longer be replaced (a folder in its place makes the rename fail).
      fs.rmSync(path.join(run.dir, "run.json"));
      fs.mkdirSync(path.join(run.dir, "run.json"));
      throw new Error("ENOSPC: no space left on device, write");
    },
  }).catch((e: Error) => e);
  assert.ok(err instanceof Error);
  assert.match(err.message, /^ENOSPC: no space left on device, write\n\(grulab could not record this in .*run\.json: could not write .*run\.json: .*\. The run reads as crashed; epoch 2 was the last completed; once the disk has room again, continue it with resumeRun/);
  assert.ok(!fs.existsSync(path.join(run.dir, "writer.lock")), "the lock is released");
  model.dispose();
  tf.dispose([data.x, data.y]);
});

test("resume refuses a changed test split (fingerprinted with training and validation); the same split resumes", async () => {
  await initBackend("wasm");
  const data = childData(48, 1);
  const test = childData(24, 2);
  const run = await startRun("split", { classes: ["a", "b", "c"], dir: tmp("split") });
  const m = build();
  await run.fit(m, data, { test, epochs: 2, batchSize: 16, progress: "none" });
  m.dispose();
  run.mark({ status: "interrupted", reason: "test" });
  // Labels of the test split changed after the interruption.
  const changed = { x: test.x, y: tf.oneHot(tf.tensor1d(Array.from({ length: 24 }, (_, i) => i % 3), "int32"), 3) };
  const { run: r1, model: m1 } = await resumeRun(run.dir);
  await assert.rejects(r1.fit(m1, data, { test: changed, epochs: 3, progress: "none" }),
    /fit: the test data differs from the data .* was set to be evaluated on \(.*checkpoint\/epoch-0002\/state\.json\): resume with the same data/);
  r1.mark({ status: "interrupted", reason: "test again" });
  m1.dispose();
  const { run: r2, model: m2 } = await resumeRun(run.dir);
  // evaluate checks the split too.
  await assert.rejects(r2.evaluate(m2, changed), /evaluate: the test data differs from the test split given to fit/);
  const rows = (await r2.fit(m2, data, { test, epochs: 3, progress: "none" })).rows;
  assert.deepEqual(rows.map((r) => r.epoch), [1, 2, 3]);
  await r2.evaluate(m2, test);
  m2.dispose();
  tf.dispose([data.x, data.y, test.x, test.y, changed.y]);
});

test("a metric name with a comma: history.csv's header is quoted and openRun/resumeRun read it back", async () => {
  await initBackend("wasm");
  const data = childData(32, 1);
  const model = build();
  const acc = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.metrics.categoricalAccuracy(yTrue, yPred);
  Object.defineProperty(acc, "name", { value: "acc,top2" });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy", metrics: [acc] });
  const run = await startRun("comma", { classes: ["a", "b", "c"], dir: tmp("comma") });
  await run.fit(model, data, { epochs: 2, batchSize: 16, progress: "none" });
  const header = fs.readFileSync(path.join(run.dir, "history.csv"), "utf8").split("\n")[0];
  assert.equal(header, 'epoch,loss,val_loss,"acc,top2","val_acc,top2",seconds');
  const opened = await openRun(run.dir);
  assert.deepEqual(opened.columns, ["epoch", "loss", "val_loss", "acc,top2", "val_acc,top2", "seconds"]);
  assert.ok(Number.isFinite(opened.rows[1]["acc,top2"]));
  run.mark({ status: "interrupted", reason: "test" });
  const { run: again, model: m2 } = await resumeRun(run.dir, { model });
  assert.equal(again.history.length, 2);
  again.mark({ status: "interrupted", reason: "test" });
  m2.dispose();
  tf.dispose([data.x, data.y]);
});

test("history.csv: CRLF line ends read as LF; a bare-CR file, a duplicate column name each an error naming the file and what to do", async () => {
  const dir = writeFormatTwoRun({ name: "crlf", history: classifierHistory(3, 2) });
  const file = path.join(dir, "history.csv");
  const lf = fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, lf.replace(/\n/g, "\r\n"));
  assert.deepEqual((await openRun(dir)).rows.map((r) => r.epoch), [1, 2, 3]);
  assert.equal((await openRun(dir)).columns.at(-1), "seconds");
  fs.writeFileSync(file, lf.replace(/\n/g, "\r"));
  await assert.rejects(openRun(dir), new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: line ends are a bare CR \\(old Mac style\\); history\\.csv uses LF \\(or CRLF\\): convert it`));
  fs.writeFileSync(file, lf.replace("val_acc", "acc"));
  await assert.rejects(openRun(dir), /history\.csv: line 1 names column "acc" twice; each column once \(rename one\)/);
});

test("compareRuns keys runs by folder: two folders with the same base name (a/X, b/X) are two rows and two curves", async () => {
  const root = tmp("same");
  const make = (sub: string, acc: number) => {
    const parent = path.join(root, sub);
    fs.mkdirSync(parent);
    return writeFormatTwoRun({ name: "gru", history: classifierHistory(3, 2), metrics: { test: { accuracy: acc }, baselines: [] } }, parent);
  };
  const a = make("a", 0.6);
  const b = make("b", 0.7);
  assert.equal(path.basename(a), path.basename(b));
  const cmp = await compareRuns([a, b]);
  assert.equal(cmp.rows.length, 2);
  assert.deepEqual(cmp.rows.map((r) => r.test_accuracy), [0.6, 0.7]);
  const labels = cmp.rows.map((r) => String(r.run));
  assert.equal(new Set(labels).size, 2, labels.join(" | "));
  assert.deepEqual(labels, [path.relative(process.cwd(), a), path.relative(process.cwd(), b)]);
  const names = cmp.figure.data.map((d) => (d as { name: string }).name);
  for (const l of labels) assert.ok(names.includes(`${l}: validation loss`), `${l}'s curve is drawn`);
  const twice = await compareRuns([a, a]);
  assert.equal(new Set(twice.rows.map((r) => r.run)).size, 2, "a folder given twice is labelled #2");
});

test("a report of a 1,000-class run stays small: top classes with one 'others' row and column, per-class table capped", async () => {
  const n = 1000;
  const classes = Array.from({ length: n }, (_, i) => `c${i}`);
  const confusion = classes.map((_, i) => classes.map((__, j) => (i === j ? 5 + (i % 7) : j === (i + 1) % n ? 1 : 0)));
  const dir = writeFormatTwoRun({
    name: "many", history: classifierHistory(2, 1),
    metrics: { test: { accuracy: 0.8 }, baselines: [], classes, confusion, perClass: classes.map((c, i) => ({ class: c, precision: 0.5, recall: 0.5, support: 6 + (i % 7) })) },
  });
  const html = reportHtml(await openRun(dir));
  assert.ok(html.length < 5_000_000, `report is ${(html.length / 1e6).toFixed(1)} MB`);
  const withoutPlotly = html.length - html.indexOf("</head>");
  assert.ok(withoutPlotly < 200_000, `the page's own part is ${withoutPlotly} bytes`);
  assert.match(html, /1000 classes: the 24 with the most test samples are shown, the other 976 summed as &quot;others&quot;/);
  assert.match(html, /others \(976 classes\)/);
  assert.match(html, /The 50 classes with the most test samples; 950 more are in metrics\.json\./);
  // The reduced matrix keeps every count: its total is the full matrix's.
  const figures = JSON.parse(html.slice(html.indexOf("const figures = ") + 16, html.indexOf(";\nwindow.grulabReady")));
  const heat = figures.find((f: { data: Array<{ type: string }>; layout: { yaxis?: { title?: { text?: string } } } }) => f.data[0]?.type === "heatmap" && f.layout.yaxis?.title?.text === "actual");
  const counts = (heat.data[0].text as string[][]).flat().reduce((s: number, t: string) => s + Number(t.split("<br>")[0]), 0);
  assert.equal(counts, confusion.flat().reduce((s, v) => s + v, 0));
  assert.equal(heat.data[0].z.length, 25);
});

test("metrics.json without baselines, or with a baseline whose test is null: openRun and the report name the file, the entry and what to write", async () => {
  const missing = writeFormatTwoRun({ name: "nobase", history: classifierHistory(2, 1), metrics: { test: { accuracy: 0.5 } } });
  await assert.rejects(openRun(missing), /metrics\.json: field "baselines" is missing, expected a list of \{ "name": …, "test": \{ metric: number \} \} \(write \[\] for none\)/);
  await assert.rejects(writeReport(missing, { pdf: false }), /metrics\.json: field "baselines" is missing/);
  const nullTest = writeFormatTwoRun({ name: "nulltest", history: classifierHistory(2, 1), metrics: { test: { accuracy: 0.5 }, baselines: [{ name: "persistence", test: null }] } });
  await assert.rejects(openRun(nullTest), /metrics\.json: baselines\[0\] \("persistence"\) has "test": null, expected an object of test metrics \(e\.g\. \{ "accuracy": 0\.48 \}\); fix or remove that baseline/);
});

test("loadModel checks before reading: a weights file listed 400 times, a FIFO, a folder, a null manifest group; a truncated checkpoint file names itself", async () => {
  await initBackend("wasm");
  const run = await startRun("load", { classes: ["a", "b", "c"], dir: tmp("load") });
  const data = childData(32, 1);
  const model = build();
  await run.fit(model, data, { epochs: 1, batchSize: 16, progress: "none" });
  await run.saveModel(model);
  const dir = path.join(run.dir, "model");
  const json = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8"));
  const save = (manifest: unknown) => fs.writeFileSync(path.join(dir, "model.json"), JSON.stringify({ ...json, weightsManifest: manifest }));
  save([{ ...json.weightsManifest[0], paths: Array(400).fill("weights.bin") }]);
  const t0 = Date.now();
  await assert.rejects(loadModel(dir), /loadModel: 400 weights files \(1 distinct\) hold \d+ bytes but .*model\.json lists \d+ weights of \d+ bytes \(truncated or from another model\)/);
  assert.ok(Date.now() - t0 < 1000, "refused from the sizes, without reading");
  execFileSync("mkfifo", [path.join(dir, "pipe.bin")]);
  save([{ ...json.weightsManifest[0], paths: ["pipe.bin"] }]);
  await assert.rejects(loadModel(dir), /loadModel: weights path .*pipe\.bin \(listed in .*model\.json\) is not a regular file \(a FIFO, socket or device\); it must be the weights file saved with the model/);
  fs.mkdirSync(path.join(dir, "sub"));
  save([{ ...json.weightsManifest[0], paths: ["sub"] }]);
  await assert.rejects(loadModel(dir), /weights path .*sub \(listed in .*\) is a folder/);
  save([null]);
  await assert.rejects(loadModel(dir), /loadModel: .*model\.json: weightsManifest\[0\] is null, expected \{ "paths": \[file, …\], "weights": \[spec, …\] \}; the file is damaged: save the model again/);
  // A truncated optimizer.bin in the checkpoint: named, with its size and what to do.
  run.mark({ status: "interrupted", reason: "test" });
  const opt = path.join(run.dir, "checkpoint", "epoch-0001", "optimizer.bin");
  fs.truncateSync(opt, fs.statSync(opt).size - 3);
  await assert.rejects(resumeRun(run.dir), /checkpoint\/epoch-0001\/optimizer\.bin: \d+ bytes, expected \d+ \(\d+ weights listed in state\.json\): the checkpoint is truncated or damaged; restore it from a backup, or start a new run/);
  model.dispose();
  tf.dispose([data.x, data.y]);
});

test("an interrupted run whose history.csv was deleted is refused with what to do, and keeps its checkpoint (it used to restart at epoch 1 and delete it)", async () => {
  await initBackend("wasm");
  const run = await startRun("lost", { classes: ["a", "b", "c"], dir: tmp("lost") });
  const data = childData(32, 1);
  const model = build();
  await run.fit(model, data, { epochs: 2, batchSize: 16, progress: "none" });
  run.mark({ status: "interrupted", reason: "SIGINT during epoch 3; epoch 2 was the last completed" });
  fs.rmSync(path.join(run.dir, "history.csv"));
  await assert.rejects(reopenRun(run.dir, build()), /history\.csv not found, but the run had trained \(run\.json epoch 2; .*checkpoint holds epoch-0002\): history\.csv was deleted or lost; restore it to resume, or start a new run; nothing was changed/);
  await assert.rejects(resumeRun(run.dir), /history\.csv not found, but .*checkpoint holds epoch-0002: history\.csv was deleted or lost; restore it/);
  assert.ok(fs.existsSync(path.join(run.dir, "checkpoint", "epoch-0002", "state.json")), "the checkpoint is kept");
  assert.ok(!fs.existsSync(path.join(run.dir, "writer.lock")));
  model.dispose();
  tf.dispose([data.x, data.y]);
});
