// The run API end to end, in process: a classifier and a regressor go through startRun → fit →
// evaluate → (traceGates) → saveModel → finish, and come back through openRun; every number is
// checked against a computation done here from the model's own predictions.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { finishRun } from "../../src/reports/finishRun";
import { initBackend } from "../../src/backend";
import { gruKernel } from "../../src/kernels/gruKernel";
import { gru } from "../../src/models/gru";
import { buildTutorialClassifier } from "../../src/models/buildTutorialClassifier";
import { openRun } from "../../src/runs/openRun";
import { startRun } from "../../src/runs/startRun";
import { seededRandom } from "../../src/util/seededRandom";
import { traceGates } from "../../src/traces/traceGates";
import { train } from "../../src/training/train";
import { childData } from "../support/runChild";

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `grulab-${name}-`));
const quiet = { log: () => undefined, pdf: false as const };

/** Regression data: y = mean of the first feature over the window, plus the last second feature. */
function regressionData(n: number, seed: number) {
  const rand = seededRandom(seed);
  const x = Array.from({ length: n }, () => Array.from({ length: 5 }, () => [rand() * 2 - 1, rand() * 2 - 1]));
  const y = x.map((w) => [w.reduce((s, s2) => s + s2[0], 0) / 5 + w[4][1]]);
  return { x: tf.tensor3d(x), y: tf.tensor2d(y), values: y.map((v) => v[0]) };
}

test("a regressor's run folder round trip: history, mae/rmse and the training-mean baseline, predictions.csv, model, report", async () => {
  await initBackend("wasm");
  const train = regressionData(128, 1), validation = regressionData(32, 2), testData = regressionData(40, 3);
  const model = tf.sequential({ layers: [gru({ units: 6, inputShape: [5, 2] }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError", metrics: ["mae"] });
  const run = await startRun("regressor", { task: "regression", dir: tmp("reg"), config: { units: 6, note: "round trip" } });
  const fitted = await run.fit(model, train, { validation, epochs: 4, batchSize: 16, seed: 3, progress: "none" });
  const test = await run.evaluate(model, testData);
  await run.saveModel(model);
  const done = await finishRun(run, quiet);
  assert.deepEqual(done.warnings, []);

  // Independent numbers: the model's predictions against the targets, in plain JS.
  const predicted = Array.from((model.predict(testData.x) as tf.Tensor).dataSync());
  const errors = predicted.map((p, i) => p - Math.fround(testData.values[i])); // y is float32
  const mae = errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length;
  const rmse = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length);
  assert.ok(Math.abs(test.mae - mae) < 1e-12 && Math.abs(test.rmse - rmse) < 1e-12, `${test.mae} ${mae}, ${test.rmse} ${rmse}`);
  const trainMean = train.values.reduce((a, b) => a + b, 0) / train.values.length;
  const baselineMae = testData.values.reduce((s, v) => s + Math.abs(v - trainMean), 0) / testData.values.length;

  const back = await openRun(run.dir);
  assert.equal(back.status, "finished");
  assert.equal(back.task, "regression");
  assert.deepEqual(back.columns, ["epoch", "loss", "val_loss", "mae", "val_mae", "seconds"]);
  assert.deepEqual(back.rows, fitted.rows);
  assert.deepEqual(back.history.column("val_mae").values, fitted.rows.map((r) => r.val_mae));
  assert.equal(back.config.note, "round trip");
  // the fused kernel's build that ran (the GRU layer used it), in config.json and metrics.json
  assert.match(String(back.config.kernel), /^(native-(avx512|avx2|portable)|wasm-(relaxed-simd|simd))$/);
  assert.equal(back.config.kernel, gruKernel().flavour);
  assert.equal(back.metrics?.kernel, back.config.kernel);
  assert.deepEqual(back.config.fit, { epochs: 4, batchSize: 16, seed: 3, patience: 0 });
  assert.equal(back.metrics?.test.mae, test.mae);
  assert.equal(back.metrics?.baselines[0].name, "mean of the training targets");
  assert.ok(Math.abs(back.metrics!.baselines[0].test.mae - baselineMae) < 1e-6);
  assert.equal(back.metrics?.confusion, undefined);
  assert.deepEqual(back.metrics?.samples, { train: 128, validation: 32, test: 40 });
  assert.equal(back.predictions?.length, 40);
  back.predictions!.forEach((row, i) => { assert.equal(row.index, i); assert.equal(row.actual, Math.fround(testData.values[i])); assert.equal(row.predicted, predicted[i]); });
  const loaded = await back.loadModel();
  assert.deepEqual(Array.from((loaded.predict(testData.x) as tf.Tensor).dataSync()), predicted);
  const html = fs.readFileSync(done.reportHtml!, "utf8");
  assert.match(html, /<section id="predictions"><h2>Predictions vs actual<\/h2>/);
  assert.ok(!html.includes('id="confusion"'));
  assert.match(html, new RegExp(`MAE ${mae.toPrecision(4)}, RMSE ${rmse.toPrecision(4)}`));
  assert.match(html, /<td>baseline: mean of the training targets<\/td>/);
  model.dispose();
  loaded.dispose();
  tf.dispose([train.x, train.y, validation.x, validation.y, testData.x, testData.y]);
});

test("a classifier's run folder round trip: accuracy, confusion, baselines, traces of chosen samples, report", async () => {
  await initBackend("wasm");
  const train = childData(192, 1), validation = childData(48, 2), testData = childData(60, 3);
  const model = buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units: 8, seed: 2, learningRate: 0.01 });
  const run = await startRun("classifier", { classes: ["left", "up", "other"], dir: tmp("cls"), config: { units: 8 } });
  const fitted = await run.fit(model, train, { validation, epochs: 5, batchSize: 32, patience: 2, progress: "none" });
  await run.evaluate(model, testData);
  run.addBaseline("always up", { accuracy: 0.25 });
  await run.traceGates(model, testData, { samples: [3, 0], labels: ["third", "first"] });
  const done = await finishRun(run, quiet);

  const guesses = Array.from(tf.tidy(() => (model.predict(testData.x) as tf.Tensor).argMax(-1)).dataSync());
  const actual = Array.from(tf.tidy(() => testData.y.argMax(-1)).dataSync());
  const accuracy = guesses.filter((g, i) => g === actual[i]).length / actual.length;
  const counts = [0, 1, 2].map((c) => actual.filter((a) => a === c).length);
  const back = await openRun(run.dir);
  assert.equal(back.metrics?.test.accuracy, accuracy);
  assert.deepEqual(back.metrics?.classes, ["left", "up", "other"]);
  assert.deepEqual(back.metrics?.confusion?.map((row) => row.reduce((a, b) => a + b, 0)), counts);
  assert.deepEqual(back.metrics?.baselines.map((b) => b.name), [`majority class (${["left", "up", "other"][counts.indexOf(Math.max(...counts))]})`, "always up"]);
  assert.equal(back.metrics?.baselines[0].test.accuracy, Math.max(...counts) / 60);
  assert.deepEqual(back.rows, fitted.rows);
  assert.equal(back.metrics?.bestEpoch, fitted.bestEpoch);
  assert.deepEqual(back.traces?.samples?.map((s) => s.class), ["third", "first"]);
  assert.equal(back.traces?.gates?.length, 2 * 6 * 8);
  assert.equal(fs.readFileSync(path.join(run.dir, "traces", "samples.csv"), "utf8"), "sample,index,class\n0,3,third\n1,0,first\n");
  // Sample 0 of the trace is test window 3: its h equals a fresh trace of that window alone.
  const window3 = tf.gather(testData.x, [3]);
  const solo = traceGates(model, window3).layers[0].h;
  const written = back.traces!.gates!.filter((g) => g.sample === 0).map((g) => g.h);
  assert.equal(written.length, solo.length);
  written.forEach((h, i) => assert.ok(Math.abs(h - solo[i]) < 1e-6, `${h} vs ${solo[i]}`));
  window3.dispose();
  const html = fs.readFileSync(done.reportHtml!, "utf8");
  assert.match(html, /<section id="confusion">/);
  assert.match(html, /<td>baseline: always up<\/td><td>0\.250<\/td>/);
  assert.match(html, /Status: <b>finished<\/b>; 5 epochs completed\./);
  await assert.rejects(run.traceGates(model, testData, { samples: [60] }), /traceGates: option samples has 60, expected an index in \[0, 60\)/);
  model.dispose();
  tf.dispose([train.x, train.y, validation.x, validation.y, testData.x, testData.y]);
});

test("divergence: run.json says diverged naming epoch and batch; best/ and model/ hold the best epoch's finite weights", async () => {
  await initBackend("wasm");
  const train = childData(64, 1), validation = childData(32, 2);
  const model = buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units: 4, seed: 2, learningRate: 0.01 });
  const run = await startRun("diverge", { classes: ["a", "b", "c"], dir: tmp("div") });
  let bestWeights: number[][] = [];
  await assert.rejects(run.fit(model, train, {
    validation, epochs: 6, batchSize: 16, progress: "none",
    onEpochEnd: (row, rows, state) => {
      if (state.bestEpoch === row.epoch) bestWeights = model.getWeights().map((w) => Array.from(w.dataSync()));
      // After epoch 2, an absurd learning rate makes the weights blow up in epoch 3.
      if (row.epoch === 2) (model.optimizer as unknown as { learningRate: number }).learningRate = 1e38;
    },
  }), /train: (loss|weights) became .* at epoch 3, batch \d\/4: training diverged .*the model holds the weights of epoch 2, the best so far/);
  const info = JSON.parse(fs.readFileSync(path.join(run.dir, "run.json"), "utf8"));
  assert.equal(info.status, "diverged");
  assert.match(info.reason, /became .* at epoch 3, batch \d\/4; best\/ and model\/ hold epoch 2/);
  for (const folder of ["best", "model"]) {
    const back = await (await openRun(run.dir)).loadModel(folder as "best" | "model");
    assert.deepEqual(back.getWeights().map((w) => Array.from(w.dataSync())), bestWeights, folder);
    back.dispose();
  }
  assert.deepEqual(model.getWeights().map((w) => Array.from(w.dataSync())), bestWeights, "the model in memory holds them too");
  assert.equal(fs.readFileSync(path.join(run.dir, "history.csv"), "utf8").trim().split("\n").length, 3);
  // The best weights can still be evaluated and reported; the run stays marked diverged.
  await run.evaluate(model, validation);
  const done = await finishRun(run, quiet);
  assert.equal(JSON.parse(fs.readFileSync(path.join(run.dir, "run.json"), "utf8")).status, "diverged");
  assert.match(fs.readFileSync(done.reportHtml!, "utf8"), /Status: <b>diverged<\/b> \(.*at epoch 3, batch \d\/4; best\/ and model\/ hold epoch 2\); 2 epochs completed\./);
  model.dispose();
  tf.dispose([train.x, train.y, validation.x, validation.y]);
});

test("startRun: bad options name the option; runs land in the folder given, relative to the working directory", async () => {
  await assert.rejects(startRun("x", { task: "ranking" as "regression" }), /startRun: option task must be "classification" or "regression", got "ranking"/);
  await assert.rejects(startRun("bad name!", { dir: tmp("name") }), /run name "bad name!" must be letters, digits/);
  const cwd = process.cwd();
  const base = tmp("cwd");
  process.chdir(base);
  try {
    const run = await startRun("rel", { dir: "sub/runs" });
    assert.equal(path.dirname(run.dir), path.join(fs.realpathSync(base), "sub", "runs"));
    assert.equal(JSON.parse(fs.readFileSync(path.join(run.dir, "run.json"), "utf8")).resumeCommand, `resumeRun("${run.dir}") then run.fit(model, the same data)`);
  } finally {
    process.chdir(cwd);
  }
});

test("optional steps stay optional: with GRULAB_CHROMIUM=/bin/false a PNG chart and the PDF fail as warnings, the run finishes", async () => {
  await initBackend("wasm");
  const saved = process.env.GRULAB_CHROMIUM;
  process.env.GRULAB_CHROMIUM = "/bin/false";
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...a: unknown[]) => { warnings.push(a.join(" ")); };
  try {
    const data = childData(32, 1);
    const model = buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units: 4, seed: 2 });
    const run = await startRun("optional", { classes: ["a", "b", "c"], dir: tmp("opt") });
    await run.fit(model, data, { epochs: 1, progress: "none" });
    await run.evaluate(model, data);
    assert.equal(await run.exportChart({ data: [], layout: {} }, "empty.png"), null);
    assert.equal(await run.exportChart({ data: [], layout: {} }, "empty.html"), path.join(run.dir, "charts", "empty.html"));
    await assert.rejects(run.exportChart({ data: [], layout: {} }, "../escape.html"), /exportChart: file "..\/escape.html" must be a name inside charts\//);
    const done = await finishRun(run, { pdf: "auto", log: () => undefined });
    assert.equal(done.reportHtml, path.join(run.dir, "report.html"));
    assert.equal(done.reportPdf, null);
    assert.match(done.warnings.join("\n"), /report not complete \(optional\): could not start Chromium at \/bin\/false/);
    assert.match(warnings[0], /grulab: warning: chart .*charts\/empty\.png not written \(optional\): could not start Chromium at \/bin\/false/);
    assert.equal(JSON.parse(fs.readFileSync(path.join(run.dir, "run.json"), "utf8")).status, "finished");
    assert.ok(fs.existsSync(path.join(run.dir, "metrics.json")));
    model.dispose();
    tf.dispose([data.x, data.y]);
  } finally {
    console.warn = warn;
    if (saved === undefined) delete process.env.GRULAB_CHROMIUM;
    else process.env.GRULAB_CHROMIUM = saved;
  }
});

test("a run's whole life leaks no tensor beyond what training alone leaves (tfjs keeps Adam's state after model.dispose)", async () => {
  await initBackend("wasm");
  const data = childData(48, 1), validation = childData(16, 2);
  const build = () => buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units: 4, seed: 2 });
  const leakOf = async (job: (model: tf.LayersModel) => Promise<unknown>) => {
    const before = tf.memory().numTensors;
    const model = build();
    await job(model);
    model.dispose();
    return tf.memory().numTensors - before;
  };
  const trainOnly = await leakOf((model) => train(model, { ...data, validation }, { epochs: 3, patience: 1, progress: "none" }));
  const wholeRun = await leakOf(async (model) => {
    const run = await startRun("leak", { classes: ["a", "b", "c"], dir: tmp("leak") });
    await run.fit(model, data, { validation, epochs: 3, patience: 1, progress: "none" });
    await run.evaluate(model, validation);
    await run.traceGates(model, validation, { samples: [0, 1] });
    await run.saveModel(model);
    await finishRun(run, quiet);
  });
  assert.equal(wholeRun, trainOnly);
  tf.dispose([data.x, data.y, validation.x, validation.y]);
});

test("a binary classifier with one sigmoid output is scored as two classes split at 0.5", async () => {
  await initBackend("wasm");
  const rand = seededRandom(4);
  const xs = Array.from({ length: 40 }, () => [rand() * 2 - 1, rand() * 2 - 1]);
  const x = tf.tensor2d(xs), y = tf.tensor2d(xs.map(([a]) => [a > 0 ? 1 : 0]));
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, activation: "sigmoid", inputShape: [2] })] });
  model.compile({ optimizer: tf.train.adam(0.1), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  const run = await startRun("binary", { classes: ["no", "yes"], dir: tmp("bin") });
  await run.fit(model, { x, y }, { epochs: 3, batchSize: 8, progress: "none" });
  const test = await run.evaluate(model, { x, y });
  const p = Array.from((model.predict(x) as tf.Tensor).dataSync());
  assert.equal(test.accuracy, p.filter((v, i) => (v > 0.5 ? 1 : 0) === (xs[i][0] > 0 ? 1 : 0)).length / 40);
  const m = JSON.parse(fs.readFileSync(path.join(run.dir, "metrics.json"), "utf8"));
  assert.deepEqual(m.confusion.flat().reduce((a: number, b: number) => a + b, 0), 40);
  await assert.rejects(startRun("three", { classes: ["a", "b", "c"], dir: tmp("bin3") }).then((r) => r.evaluate(model, { x, y })), /evaluate: the model has 1 output \(two classes\) but the run has 3 classes \(a, b, c\)/);
  model.dispose();
  tf.dispose([x, y]);
});
