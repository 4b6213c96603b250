import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { buildTutorialClassifier, gru, initBackend, seededRandom, train, type HistoryRow } from "../../src/index";

// A tiny learnable task: the class is the sign pattern of the last step's first two inputs.
function tinyData(n: number, seed: number, flip = false) {
  const rand = seededRandom(seed);
  const x: number[][][] = [];
  const y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const w = Array.from({ length: 4 }, () => [rand() * 2 - 1, rand() * 2 - 1]);
    const c = w[3][0] > 0 ? 0 : w[3][1] > 0 ? 1 : 2;
    x.push(w);
    y.push([0, 1, 2].map((k) => (k === (flip ? (c + 1) % 3 : c) ? 1 : 0)));
  }
  return { x: tf.tensor3d(x), y: tf.tensor2d(y) };
}
const model = (seed = 3, learningRate?: number) =>
  buildTutorialClassifier({ timesteps: 4, inputDim: 2, outputDim: 3, units: 6, seed, learningRate });
const withoutSeconds = (rows: HistoryRow[]) => rows.map(({ seconds, ...r }) => (assert.ok(seconds >= 0), r));

test("train: two runs with the same seed give the same history; another seed another one", async () => {
  await initBackend();
  const data = { ...tinyData(96, 1), validation: tinyData(32, 2) };
  const run = async (seed: number) => {
    const m = model();
    const r = await train(m, data, { epochs: 3, batchSize: 16, seed, progress: "none" });
    m.dispose();
    return r;
  };
  const a = await run(5);
  const b = await run(5);
  const c = await run(6);
  assert.deepEqual(withoutSeconds(a.rows), withoutSeconds(b.rows));
  assert.notDeepEqual(withoutSeconds(a.rows), withoutSeconds(c.rows));
  assert.deepEqual(a.history.columns, ["epoch", "loss", "val_loss", "acc", "val_acc", "seconds"]);
  assert.deepEqual(a.history.shape, [3, 6]);
  assert.deepEqual(a.history.column("loss").values, a.rows.map((r) => r.loss));
  assert.deepEqual(a.rows.map((r) => r.epoch), [1, 2, 3]);
  for (const r of a.rows) for (const k of ["loss", "val_loss", "acc", "val_acc"] as const) assert.ok(Number.isFinite(r[k]), k);
});

test("train: the reported loss is the sample-weighted mean of the batch losses, val_loss is model.evaluate's", async () => {
  await initBackend();
  const data = { ...tinyData(40, 3), validation: tinyData(20, 4) };
  const m = model();
  const r = await train(m, data, { epochs: 1, batchSize: 40, seed: 1, progress: "none" });
  // One full batch: the epoch loss is the loss before the single update; val_loss is after it.
  const m2 = model();
  const before = (m2.evaluate(data.x, data.y) as tf.Scalar[])[0].dataSync()[0];
  assert.ok(Math.abs(r.rows[0].loss - before) < 1e-5, `${r.rows[0].loss} vs ${before}`);
  const after = (m.evaluate(data.validation.x, data.validation.y) as tf.Scalar[])[0].dataSync()[0];
  assert.ok(Math.abs(r.rows[0].val_loss - after) < 1e-5);
  m.dispose();
  m2.dispose();
});

test("train: the validation pass runs in chunks of 8 batches and gives model.evaluate's val_loss and val_acc bitwise; a long one prints lines; an abort during it throws its reason", async () => {
  await initBackend();
  // 4,700 validation samples in batches of 256: 19 batches (the last of 92), 3 chunks of 2,048; 2 epochs.
  const data = { ...tinyData(64, 5), validation: tinyData(4700, 6) };
  const m = model();
  const r = await train(m, data, { epochs: 2, batchSize: 32, seed: 1, progress: "none" });
  const [loss, acc] = (m.evaluate(data.validation.x, data.validation.y, { batchSize: 256 }) as tf.Scalar[]).map((t) => t.dataSync()[0]);
  assert.ok(Object.is(r.rows[1].val_loss, loss), `${r.rows[1].val_loss} vs ${loss}`);
  assert.ok(Object.is(r.rows[1].val_acc, acc), `${r.rows[1].val_acc} vs ${acc}`);
  // A batch size over 256 is the evaluation's batch too (as before: model.evaluate with max(batchSize, 256)).
  const m3 = model();
  const r3 = await train(m3, data, { epochs: 1, batchSize: 300, seed: 1, progress: "none" });
  const [loss3, acc3] = (m3.evaluate(data.validation.x, data.validation.y, { batchSize: 300 }) as tf.Scalar[]).map((t) => t.dataSync()[0]);
  assert.ok(Object.is(r3.rows[0].val_loss, loss3) && Object.is(r3.rows[0].val_acc, acc3), `${r3.rows[0].val_loss} vs ${loss3}`);
  m.dispose();
  m3.dispose();

  // 20,480 validation samples (10 chunks): a line at once. An abort between two chunks stops the pass.
  const big = { ...tinyData(32, 7), validation: tinyData(20480, 8) };
  const lines: string[] = [];
  const log = console.log;
  const controller = new AbortController();
  const reason = new Error("stop here");
  console.log = (line: string) => { lines.push(line); if (line.startsWith("validation: ")) setImmediate(() => controller.abort(reason)); };
  const m2 = model();
  try {
    await assert.rejects(train(m2, big, { epochs: 1, batchSize: 32, progress: "lines", signal: controller.signal }), (e) => e === reason);
  } finally {
    console.log = log;
    m2.dispose();
  }
  assert.deepEqual(lines, ["validation: 20,480 validation samples in chunks of 2,048 (a line every 5 s)…"]);
});

test("train: early stopping stops after `patience` epochs without improvement and restores the best weights", async () => {
  await initBackend();
  // Validation labels are shifted by one class: the better the model learns, the worse val_loss gets.
  const data = { ...tinyData(64, 5), validation: tinyData(32, 6, true) };
  const m = model(3, 0.05);
  const snapshots: number[][][] = [];
  const r = await train(m, data, {
    epochs: 40, batchSize: 16, seed: 1, patience: 2, progress: "none",
    onEpochEnd: () => { snapshots.push(m.getWeights().map((w) => Array.from(w.dataSync()))); },
  });
  assert.equal(r.stoppedEarly, true);
  const best = r.rows.reduce((b, row) => (row.val_loss < b.val_loss ? row : b));
  assert.equal(r.bestEpoch, best.epoch);
  assert.equal(r.rows.length, best.epoch + 2);
  assert.deepEqual(m.getWeights().map((w) => Array.from(w.dataSync())), snapshots[best.epoch - 1]);
  assert.notDeepEqual(snapshots[best.epoch - 1], snapshots[snapshots.length - 1]);
  m.dispose();
});

test("train: stopWhen ends training after the first epoch it accepts, keeps that epoch's weights, and gives the same rows up to it", async () => {
  await initBackend();
  const data = { ...tinyData(64, 5), validation: tinyData(32, 6) };
  const full = model(3, 0.05);
  const all = await train(full, data, { epochs: 6, batchSize: 16, seed: 1, progress: "none" });
  full.dispose();
  // Stop at the first epoch whose val_loss is below the third epoch's (an epoch the full run reaches).
  const threshold = all.rows[2].val_loss + 1e-9;
  const first = all.rows.findIndex((r) => r.val_loss < threshold);
  const m = model(3, 0.05);
  const snapshots: number[][][] = [];
  const stoppedFlags: boolean[] = [];
  const r = await train(m, data, {
    epochs: 6, batchSize: 16, seed: 1, progress: "none", stopWhen: (row) => row.val_loss < threshold,
    onEpochEnd: (_row, _rows, state) => { stoppedFlags.push(state.stoppedEarly); snapshots.push(m.getWeights().map((w) => Array.from(w.dataSync()))); },
  });
  assert.ok(first >= 0 && first < 5, "the tiny task gets below its own third epoch before the last");
  assert.equal(r.stoppedEarly, true);
  assert.equal(r.rows.length, first + 1);
  assert.deepEqual(withoutSeconds(r.rows), withoutSeconds(all.rows.slice(0, first + 1)));
  // The flag is set before onEpochEnd (a checkpoint written there records it), only at the stop.
  assert.deepEqual(stoppedFlags, r.rows.map((_, k) => k === first));
  assert.equal(r.bestEpoch, first + 1);
  assert.deepEqual(m.getWeights().map((w) => Array.from(w.dataSync())), snapshots[first]);
  m.dispose();
});

test("train: NaN in the inputs is an error naming the sample and position, before any step", async () => {
  await initBackend();
  const bad = tinyData(32, 7);
  const x = bad.x.arraySync();
  x[20][1][0] = NaN;
  const m = model();
  const before = m.getWeights().map((w) => Array.from(w.dataSync()));
  await assert.rejects(train(m, { x: tf.tensor3d(x), y: bad.y }, { epochs: 2, batchSize: 32, progress: "none" }),
    /train: x has NaN at sample 20, index \[1, 0\]: inputs and targets must be finite/);
  assert.deepEqual(m.getWeights().map((w) => Array.from(w.dataSync())), before);
  m.dispose();
});

test("train: a diverging run stops with an error naming the epoch and batch (on every backend)", async () => {
  for (const backend of ["cpu", "wasm"]) {
    await initBackend(backend);
    const d = tinyData(32, 8);
    const m = model(3, 1e38);
    await assert.rejects(train(m, { x: d.x.mul(1e30), y: d.y }, { epochs: 3, batchSize: 16, progress: "none" }),
      /train: (loss|weights) became (NaN|Infinity|-Infinity|NaN or infinite) at epoch 1, batch \d\/2: training diverged/, backend);
    m.dispose();
  }
});

test("train: bad options and mismatched data are errors naming them", async () => {
  const d = tinyData(8, 1);
  await assert.rejects(train(model(), d, { epochs: 0 }), /option epochs must be an integer ≥ 1, got 0/);
  await assert.rejects(train(model(), d, { batchSize: 2.5 }), /option batchSize must be an integer ≥ 1, got 2.5/);
  await assert.rejects(train(model(), { x: d.x, y: tinyData(4, 1).y }), /x has 8 samples but y has 4/);
});

test("train with epochData: each epoch trains on that epoch's tensors (asked for by number, disposed after), resumed epochs ask again; a wrong size is refused", async () => {
  await initBackend();
  const base = { ...tinyData(48, 1), validation: tinyData(16, 2) };
  const asked: number[] = [];
  const given: tf.Tensor[] = [];
  const epochData = (epoch: number) => {
    asked.push(epoch);
    const d = tinyData(48, 100 + epoch);
    given.push(d.x, d.y);
    return d;
  };
  const a = model();
  const fresh = await train(a, base, { epochs: 3, batchSize: 16, seed: 1, progress: "none", epochData });
  assert.deepEqual(asked, [1, 2, 3]);
  assert.ok(given.every((t) => t.isDisposed), "every epoch's tensors are disposed after it");
  // Not the same as reshuffling data: the first epoch on other samples gives another loss.
  const b = model();
  const plain = await train(b, base, { epochs: 1, batchSize: 16, seed: 1, progress: "none" });
  assert.notEqual(fresh.rows[0].loss, plain.rows[0].loss);
  // Resumed after epoch 1 (the model of a 1-epoch run, its Adam state, train's state): asks for epochs 2 and 3 only and ends where the straight run ended.
  const c = model();
  let state: Parameters<NonNullable<Parameters<typeof train>[2]>["onEpochEnd"] & {}>[2] | undefined;
  await train(c, base, { epochs: 1, batchSize: 16, seed: 1, progress: "none", epochData, onEpochEnd: (_r, _rows, s) => { state = { ...s, bestWeights: s.bestWeights?.map((w) => w.clone()) ?? null }; } });
  asked.length = 0;
  const resumed = await train(c, base, { epochs: 3, batchSize: 16, seed: 1, progress: "none", epochData, resume: { state: state!, rows: fresh.rows.slice(0, 1) } });
  assert.deepEqual(asked, [2, 3]);
  assert.deepEqual(withoutSeconds(resumed.rows), withoutSeconds(fresh.rows));
  await assert.rejects(train(model(), base, { epochs: 1, progress: "none", epochData: () => tinyData(10, 5) }), /epochData\(1\) gave 10 inputs and 10 targets, expected 48 each/);
  a.dispose(); b.dispose(); c.dispose();
});

test("train with shuffle false, onEpochStart and validate: batches in the data's order, a call before each epoch, the validation row from validate (early stopping monitors it)", async () => {
  await initBackend();
  const data = tinyData(48, 1);
  const starts: number[] = [];
  const seen: number[][] = [];
  const m = model();
  const original = m.trainOnBatch.bind(m);
  m.trainOnBatch = (x, y) => { seen.push(Array.from((x as tf.Tensor).slice([0, 3, 0], [-1, 1, 1]).dataSync())); return original(x, y); };
  const scores = [0.9, 0.5, 0.7, 0.8];
  const r = await train(m, data, {
    epochs: 4, batchSize: 16, patience: 2, progress: "none", shuffle: false,
    onEpochStart: (e) => { starts.push(e); },
    validate: () => ({ val_loss: scores[starts.length - 1], val_acc: 0.25 }),
  });
  assert.deepEqual(starts, [1, 2, 3, 4]);
  const column = Array.from(data.x.slice([0, 3, 0], [-1, 1, 1]).dataSync());
  assert.deepEqual(seen.slice(0, 3).flat(), column, "epoch 1: the samples in order");
  assert.deepEqual(seen.slice(3, 6).flat(), column, "epoch 2: in order again");
  assert.deepEqual(r.rows.map((row) => [row.val_loss, row.val_acc]), [[0.9, 0.25], [0.5, 0.25], [0.7, 0.25], [0.8, 0.25]]);
  assert.equal(r.bestEpoch, 2, "early stopping monitored validate's val_loss");
  assert.equal(r.stoppedEarly, true);
  await assert.rejects(train(model(), data, { epochs: 1, progress: "none", validate: () => ({ val_loss: NaN }) }), /validation loss became NaN/);
  m.dispose();
});

test("train with an asynchronous validate and validationMetrics []: awaited after each epoch with train's signal and log; the history has no val_acc; an abort during it throws the reason", async () => {
  await initBackend();
  const data = tinyData(32, 2);
  const m = model();
  const lines: string[] = [];
  const saved = console.log;
  console.log = (line: string) => { lines.push(line); };
  let r: Awaited<ReturnType<typeof train>>;
  try {
    r = await train(m, data, {
      epochs: 2, batchSize: 16, progress: "lines", validationMetrics: [],
      validate: async (_model, pass) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        pass.log!(`validating, signal ${pass.signal === undefined ? "none" : "given"}`);
        return { val_loss: 0.5 };
      },
    });
  } finally {
    console.log = saved;
  }
  assert.deepEqual(r.columns, ["epoch", "loss", "val_loss", "acc", "seconds"]);
  assert.deepEqual(r.rows.map((row) => [row.val_loss, "val_acc" in row]), [[0.5, false], [0.5, false]]);
  assert.equal(lines.filter((l) => l === "validating, signal none").length, 2);
  assert.ok(lines.some((l) => /^epoch 1\/2 {2}loss [\d.]+ {2}acc [\d.]+ {2}val_loss 0\.5000 {2}[\d.]+s$/.test(l)), lines.join("\n"));
  const controller = new AbortController();
  const stop = new Error("stopped during validation");
  await assert.rejects(train(m, data, {
    epochs: 2, batchSize: 16, progress: "none", signal: controller.signal,
    validate: async (_model, pass) => { controller.abort(stop); pass.signal!.throwIfAborted(); return { val_loss: 1 }; },
  }), /stopped during validation/);
  m.dispose();
  tf.dispose([data.x, data.y]);
});

test("train with dropout: two runs with the same seed give the same history and weights; a run resumed after epoch 2 gives the uninterrupted run's, bitwise; another seed another one", async () => {
  await initBackend();
  const data = { ...tinyData(96, 1), validation: tinyData(32, 2) };
  const random = Math.random;
  // Input and recurrent dropout in grulab's GRU, then tfjs's Dropout layer: every mask draws from the random source.
  const build = () => {
    const m = tf.sequential({ layers: [
      gru({ units: 6, inputShape: [4, 2], dropout: 0.3, recurrentDropout: 0.3 }),
      tf.layers.dropout({ rate: 0.4 }),
      tf.layers.dense({ units: 3, activation: "softmax" }),
    ] });
    m.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
    return m;
  };
  const first = build();
  const initial = first.getWeights().map((w) => w.clone());
  first.dispose();
  const fresh = () => { const m = build(); m.setWeights(initial); return m; };
  const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
  const straight = async (seed: number) => {
    const m = fresh();
    const r = await train(m, data, { epochs: 4, batchSize: 16, seed, progress: "none" });
    const w = weights(m);
    m.dispose();
    return { rows: withoutSeconds(r.rows), w };
  };
  const a = await straight(1);
  const b = await straight(1);
  assert.deepEqual(b.rows, a.rows, "two uninterrupted runs with the same seed");
  assert.deepEqual(b.w, a.w);
  // Stopped after epoch 2 (the model keeps its Adam state), then resumed to epoch 4 from train's state.
  const c = fresh();
  let state: Parameters<NonNullable<Parameters<typeof train>[2]>["onEpochEnd"] & {}>[2] | undefined;
  const part = await train(c, data, { epochs: 2, batchSize: 16, seed: 1, progress: "none", onEpochEnd: (_r, _rows, s) => { state = { ...s, bestWeights: s.bestWeights?.map((w) => w.clone()) ?? null }; } });
  const resumed = await train(c, data, { epochs: 4, batchSize: 16, seed: 1, progress: "none", resume: { state: state!, rows: part.rows } });
  assert.deepEqual(withoutSeconds(resumed.rows), a.rows, "resumed after epoch 2 = uninterrupted");
  assert.deepEqual(weights(c), a.w);
  c.dispose();
  const other = await straight(2);
  assert.notDeepEqual(other.rows, a.rows);
  assert.equal(Math.random, random, "train gives Math.random back");
  // Two trainings at once (their steps overlap): Math.random is given back all the same.
  const [p, q] = [fresh(), fresh()];
  await Promise.all([p, q].map((m, k) => train(m, data, { epochs: 1, batchSize: 16, seed: k, progress: "none" })));
  assert.equal(Math.random, random, "given back after two overlapping trainings");
  p.dispose(); q.dispose();
  tf.dispose(initial);
});
