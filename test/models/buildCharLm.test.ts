import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/index";
import { GrulabGRU } from "../../src/advanced/index";
import { buildCharLm, charWindows, OneHotLayer, readCharLm } from "../../src/studies/index";

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
