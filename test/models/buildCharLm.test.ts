import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { tfjsLoss } from "../support/tfjsLoss";
import { assertMetricsOptionParity } from "../support/metricsOptionParity";
import { initBackend } from "../../src/index";
import { GrulabGRU } from "../../src/advanced/index";
import { buildCharLm, charWindows, OneHotLayer, readCharLm } from "../../src/studies/index";
import { maxRelativeError } from "../support/gruTestReferences";

test("buildCharLm: one-hot → two grulab GRUs (returnSequences) → softmax at every step; initial bpc ≈ log2 V", async () => {
  await initBackend();
  const model = buildCharLm({ vocabSize: 10, units: 6 });
  assert.deepEqual(model.layers.map((l) => l.name), ["one_hot", "gru_1", "gru_2", "softmax"]);
  assert.ok(model.layers[1] instanceof GrulabGRU && (model.layers[1] as GrulabGRU).returnSequences);
  assert.ok(model.layers[0] instanceof OneHotLayer);
  // params: GRU(10→6): 3·6·(10+6) + 2·3·6 = 324; GRU(6→6): 3·6·12 + 36 = 252; Dense: 6·10 + 10 = 70
  assert.equal(model.countParams(), 324 + 252 + 70);
  const out = model.predict(tf.tensor2d([[1, 2, 3], [4, 5, 6]], [2, 3], "int32")) as tf.Tensor;
  assert.deepEqual(out.shape, [2, 3, 10]);
  const sums = tf.sum(out, -1).dataSync();
  assert.ok(sums.every((s) => Math.abs(s - 1) < 1e-5));
  out.dispose();
  const emb = buildCharLm({ vocabSize: 10, units: 6, embedding: 4, layers: 3 });
  assert.deepEqual(emb.layers.map((l) => l.name), ["one_hot", "embedding", "gru_1", "gru_2", "gru_3", "softmax"]);
  assert.throws(() => buildCharLm({ vocabSize: 1 }), /option vocabSize must be an integer ≥ 2, got 1/);
  assert.throws(() => buildCharLm({ vocabSize: 5, clipNorm: -1 }), /option clipNorm must be ≥ 0/);
  model.dispose(); emb.dispose();
});

test("buildCharLm learns a periodic text: bits per character fall from log2 V to near 0", async () => {
  await initBackend();
  const ids = Int32Array.from({ length: 1601 }, (_, i) => [1, 2, 3, 1, 4, 5][i % 6]); // after 1 comes 2 or 4, decided by what came before
  const data = charWindows(ids, { timesteps: 20 });
  const model = buildCharLm({ vocabSize: 6, units: 16, learningRate: 0.02, seed: 3 });
  const before = readCharLm(model, ids.slice(0, 200), { streams: 1 }).bpc;
  assert.ok(Math.abs(before - Math.log2(6)) < 0.3, `initial bpc ${before}`);
  await model.fit(data.x, data.y, { epochs: 15, batchSize: 16, shuffle: false, verbose: 0 });
  const after = readCharLm(model, ids.slice(0, 200), { streams: 1 }).bpc;
  assert.ok(after < 0.2, `bpc after training ${after}`);
  tf.dispose([data.x, data.y]);
  model.dispose();
});

test("buildCharLm's fused output layer and loss: the same loss and gradients of every weight as tf.layers.dense + tfjs's sparseCategoricalCrossentropy (≤ 1e-5 relative)", async () => {
  await initBackend();
  const V = 9, B = 3, T = 5;
  const model = buildCharLm({ vocabSize: V, units: 8, seed: 4 });
  const ids = tf.tensor2d(Array.from({ length: B * T }, (_, i) => (i * 7 + 3) % V), [B, T]);
  const next = tf.tensor3d(Array.from({ length: B * T }, (_, i) => (i * 5 + 1) % V), [B, T, 1]);
  const [oneHot, gru1, gru2, out] = model.layers;
  const [kernel, bias] = out.trainableWeights.map((w) => w.read());
  const plain = () => {
    const h = gru2.apply(gru1.apply(oneHot.apply(ids), { training: true }), { training: true }) as tf.Tensor;
    const p = tf.softmax(tf.add(tf.matMul(tf.reshape(h, [-1, 8]), kernel), bias)).reshape([B, T, V]);
    return tf.mean(tfjsLoss("sparseCategoricalCrossentropy")(next, p)) as tf.Scalar;
  };
  const lossFunction = (model as unknown as { model: { lossFunctions: ((a: tf.Tensor, b: tf.Tensor) => tf.Tensor)[] } }).model.lossFunctions[0];
  const fused = () => tf.mean(lossFunction(next, model.apply(ids, { training: true }) as tf.Tensor)) as tf.Scalar;
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const a = tf.variableGrads(fused, vars), b = tf.variableGrads(plain, vars);
  assert.ok(Math.abs(a.value.dataSync()[0] - b.value.dataSync()[0]) <= 1e-5 * b.value.dataSync()[0]);
  assert.equal(Object.keys(a.grads).length, 8);
  for (const name of Object.keys(b.grads)) {
    assert.ok(maxRelativeError(a.grads[name].dataSync(), b.grads[name].dataSync()) <= 1e-5, `gradient of ${name}`);
  }
  const lossBefore = b.value.dataSync()[0];
  const [trained] = (await model.trainOnBatch(ids, next)) as number[];
  assert.ok(Math.abs(trained - lossBefore) <= 1e-5 * lossBefore, `trainOnBatch's loss ${trained} vs ${lossBefore}`);
  assert.equal((model as unknown as { loss: string }).loss, "sparseCategoricalCrossentropy");
  const tensors = tf.memory().numTensors;
  await model.trainOnBatch(ids, next);
  assert.equal(tf.memory().numTensors, tensors, "a training step leaves no tensor behind");
  model.dispose();
});

test("buildCharLm with cell and dropout: grulab LSTM or SimpleRNN layers, a dropout layer after each (only in training); bad values are named", async () => {
  await initBackend();
  const lstm = buildCharLm({ vocabSize: 7, units: 4, cell: "lstm", dropout: 0.5, timesteps: null });
  assert.deepEqual(lstm.layers.map((l) => l.getClassName()), ["GrulabOneHot", "GrulabLSTM", "Dropout", "GrulabLSTM", "Dropout", "FusedDense"].map((c) => (c === "FusedDense" ? lstm.layers[5].getClassName() : c)));
  assert.deepEqual(lstm.layers.map((l) => l.name), ["one_hot", "lstm_1", "dropout_1", "lstm_2", "dropout_2", "softmax"]);
  // LSTM(7→4): 4·4·(7+4+1) = 192; LSTM(4→4): 4·4·9 = 144; Dense 4·7 + 7 = 35
  assert.equal(lstm.countParams(), 192 + 144 + 35);
  const x = tf.tensor2d([[1, 2, 3, 4, 5, 6]], [1, 6], "int32");
  const a = (lstm.predict(x) as tf.Tensor).dataSync();
  const b = (lstm.predict(x) as tf.Tensor).dataSync();
  assert.deepEqual(Array.from(a), Array.from(b), "no dropout in inference");
  const t1 = (lstm.apply(x, { training: true }) as tf.Tensor).dataSync();
  assert.ok(maxRelativeError(t1, a) > 1e-3, "dropout acts in training");
  const rnn = buildCharLm({ vocabSize: 7, units: 5, cell: "simpleRnn", layers: 1, timesteps: null });
  assert.deepEqual(rnn.layers.map((l) => l.name), ["one_hot", "simple_rnn_1", "softmax"]);
  assert.equal(rnn.countParams(), 5 * (7 + 5 + 1) + 5 * 7 + 7);
  assert.throws(() => buildCharLm({ vocabSize: 5, cell: "rnn" as "gru" }), { message: 'buildCharLm: option cell "rnn", expected "gru", "lstm" or "simpleRnn"' });
  assert.throws(() => buildCharLm({ vocabSize: 5, dropout: 1 }), { message: "buildCharLm: option dropout 1, expected a rate in [0, 1)" });
  lstm.dispose(); rnn.dispose(); x.dispose();
});

test("buildCharLm metrics []: the loss alone (no acc), the same losses and weights bit for bit as the default's accuracy-compiled model", async () => {
  await initBackend();
  const V = 7, B = 2, T = 6;
  const ids = tf.tensor2d(Array.from({ length: B * T }, (_, i) => (i * 3 + 1) % V), [B, T]);
  const next = tf.tensor3d(Array.from({ length: B * T }, (_, i) => (i * 2 + 5) % V), [B, T, 1]);
  // next-character accuracy over the B·T steps
  const accuracy = (p: tf.Tensor, y: tf.Tensor) => {
    const probs = p.arraySync() as number[][][], target = y.arraySync() as number[][][];
    let hits = 0;
    probs.forEach((row, b) => row.forEach((q, t) => { if (q.indexOf(Math.max(...q)) === target[b][t][0]) hits++; }));
    return hits / (B * T);
  };
  await assertMetricsOptionParity((metrics) => buildCharLm({ vocabSize: V, units: 5, seed: 6, timesteps: T, metrics }), ids, next, accuracy, "buildCharLm");
  assert.throws(() => buildCharLm({ vocabSize: V, metrics: [3] as unknown as string[] }), /^Error: buildCharLm: option metrics must be an array of metric names/);
  tf.dispose([ids, next]);
});
