import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend";
import { openRun } from "../../src/runs/openRun";
import { gruVsLstmTask } from "../../src/studies/gruVsLstmTask";

const sizes = { trainSamples: 32, symbols: 4, gruUnits: 6, learningRate: 0.005 };

test("the adding task: seeded splits, a baseline that is the constant 1's MSE, matched models", async () => {
  await initBackend("cpu");
  const setup = gruVsLstmTask({ task: "adding", length: 8, ...sizes, gruUnits: 32 });
  try {
    assert.equal(setup.kind, "regression");
    assert.equal(setup.scoreName, "test MSE");
    assert.deepEqual([setup.train.x.shape, setup.validation.x.shape, setup.test.x.shape], [[32, 8, 2], [256, 8, 2], [512, 8, 2]]);
    // The baseline's MSE, measured: predict 1 for every test sequence (the sum of two U(0,1) has variance 1/6).
    const mse = tf.tidy(() => tf.mean(tf.square(tf.sub(setup.test.y, 1))).dataSync()[0]);
    assert.ok(Math.abs(mse - setup.baseline.test.loss) < 0.03, `constant 1 scores ${mse} on the test split, baseline says ${setup.baseline.test.loss}`);
    // Same options, same data; the three splits differ.
    const again = gruVsLstmTask({ task: "adding", length: 8, ...sizes, gruUnits: 32 });
    assert.deepEqual(Array.from(again.test.x.dataSync()), Array.from(setup.test.x.dataSync()));
    assert.notDeepEqual(Array.from(setup.validation.x.dataSync()).slice(0, 32), Array.from(setup.test.x.dataSync()).slice(0, 32));
    again.dispose();
    const counts = (["gru", "lstm", "simpleRnn"] as const).map((cell) => {
      const m = setup.buildModel(cell, 1);
      assert.deepEqual(m.inputs[0].shape, [null, 8, 2]);
      assert.deepEqual(m.outputs[0].shape, [null, 1]);
      const n = m.countParams();
      m.dispose();
      return n;
    });
    for (const n of counts) assert.ok(Math.abs(n - counts[0]) / counts[0] < 0.03, `parameter counts ${counts}`);
  } finally {
    setup.dispose();
  }
});

test("trainRun writes a finished run whose config, history and metrics the result repeats", async () => {
  await initBackend("cpu");
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gvl-task-"));
  const setup = gruVsLstmTask({ task: "recall", length: 5, ...sizes });
  const model = setup.buildModel("gru", 2, "softsign");
  try {
    assert.equal(setup.baseline.name, "chance (1/4)");
    const r = await setup.trainRun("gru", 2, model, { epochs: 2, patience: 0, batchSize: 16, progress: "none", out, activation: "softsign", config: { note: "x" } });
    const run = await openRun(r.runDir);
    assert.equal(path.dirname(r.runDir), fs.realpathSync(out));
    assert.match(path.basename(r.runDir), /-gru-vs-lstm-recall-T5-gru-s2$/);
    assert.equal(run.status, "finished");
    assert.equal(run.task, "classification");
    for (const [k, v] of Object.entries({ job: "gru-vs-lstm", task: "classification", length: 5, cell: "gru", seed: 2, activation: "softsign", gruUnits: 6, symbols: 4, epochs: 2, note: "x", params: model.countParams(), units: 6 })) {
      assert.equal(run.config[k], v, `config.${k}`);
    }
    assert.equal(r.epochsRun, run.rows.length);
    assert.ok(r.epochsRun >= 1 && r.epochsRun <= 2);
    assert.equal(r.score, run.metrics!.test.accuracy);
    assert.deepEqual(run.metrics!.baselines.filter((b) => b.name.startsWith("chance")).map((b) => [b.name, b.test.accuracy]), [["chance (1/4)", 0.25]]);
    assert.ok(Math.abs(r.secondsPerEpoch - run.rows.reduce((s, row) => s + row.seconds, 0) / run.rows.length) < 1e-6);
    // A failing fit marks its run failed and is rethrown.
    await assert.rejects(setup.trainRun("gru", 3, model, { epochs: 0, patience: 0, batchSize: 16, progress: "none", out }), /epochs/);
    const failed = fs.readdirSync(out).filter((d) => d.endsWith("-s3"));
    assert.equal(failed.length, 1);
    assert.equal((await openRun(path.join(out, failed[0]))).status, "failed");
  } finally {
    model.dispose();
    setup.dispose();
  }
  assert.throws(() => gruVsLstmTask({ task: "sorting" as never, length: 5, ...sizes }), /gru-vs-lstm option task: "sorting", expected "adding" or "recall"/);
});

test("trainRun traces the first 3 test sequences of every cell: an LSTM run's gates.csv holds i, f, cTilde, o, c and h for each", async () => {
  await initBackend("cpu");
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gvl-trace-"));
  const setup = gruVsLstmTask({ task: "adding", length: 6, ...sizes });
  const model = setup.buildModel("lstm", 1);
  try {
    const r = await setup.trainRun("lstm", 1, model, { epochs: 1, patience: 0, batchSize: 16, progress: "none", out });
    const traces = (await openRun(r.runDir)).traces!;
    const units = model.layers[0].getConfig().units as number;
    assert.deepEqual(traces.layers!.map((l) => l.cell), ["lstm"]);
    const rows = traces.gates!;
    assert.equal(rows.length, 3 * 6 * units, "3 samples × 6 steps × units");
    assert.deepEqual([...new Set(rows.map((g) => g.sample))].sort(), [0, 1, 2]);
    for (const q of ["i", "f", "cTilde", "o", "c", "h"] as const) {
      assert.ok(rows.every((g) => Number.isFinite(g[q])), `every row has a finite ${q}`);
    }
    assert.ok(rows.every((g) => g.z === undefined || Number.isNaN(g.z as number)), "no GRU columns filled in an LSTM's rows");
  } finally {
    model.dispose();
    setup.dispose();
  }
});
