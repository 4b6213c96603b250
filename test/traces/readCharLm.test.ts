import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/index";
import { bitsPerCharacter, buildCharLm, readCharLm } from "../../src/studies/index";
import { readCharLmAsync } from "../../src/traces/readCharLm";

const ids = Int32Array.from({ length: 23 }, (_, i) => (i * 7 + (i >> 2)) % 6);

/** model.predict on the whole text in one call: the independent reference (one zero state, never cut). */
function wholePass(model: tf.LayersModel, part: Int32Array): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor2d(part, [1, part.length], "int32")) as tf.Tensor).dataSync() as Float32Array);
}

test("readCharLm carries the state across chunks: with one stream it equals one pass of model.predict over the text", async () => {
  await initBackend();
  const model = buildCharLm({ vocabSize: 6, units: 5, seed: 1 });
  const full = wholePass(model, ids);
  const got = readCharLm(model, ids, { streams: 1, chunk: 4, states: true });
  assert.equal(got.probability.length, ids.length - 1);
  for (let i = 0; i + 1 < ids.length; i++) {
    assert.ok(Math.abs(got.probability[i] - full[i * 6 + ids[i + 1]]) < 1e-5, `position ${i}: ${got.probability[i]} vs ${full[i * 6 + ids[i + 1]]}`);
  }
  assert.ok(Math.abs(got.bpc - bitsPerCharacter(got.probability)) < 1e-9);
  // states: two layers, [characters, units] each; gru_2's h at the end equals the model's GRU output
  assert.deepEqual(got.layers.map((l) => [l.layer, l.shape, l.h.length, l.hTilde!.length]), [["gru_1", [1, 23, 5], 23 * 5, 23 * 5], ["gru_2", [1, 23, 5], 23 * 5, 23 * 5]]);
  const sub = tf.model({ inputs: model.inputs, outputs: model.getLayer("gru_2").output as tf.SymbolicTensor });
  const h = tf.tidy(() => (sub.predict(tf.tensor2d(ids, [1, 23], "int32")) as tf.Tensor).dataSync());
  for (let k = 0; k < h.length; k++) assert.ok(Math.abs(got.layers[1].h[k] - h[k]) < 1e-5, `h[${k}]`);
  assert.ok(got.layers[0].z!.every((v) => v > 0 && v < 1) && got.layers[0].r!.every((v) => v > 0 && v < 1));
  model.dispose();
});

test("readCharLm with streams reads contiguous pieces side by side, each from a zero state", async () => {
  await initBackend();
  const model = buildCharLm({ vocabSize: 6, units: 4, seed: 2 });
  const before = tf.memory().numTensors;
  const got = readCharLm(model, ids, { streams: 3, chunk: 5 }); // 23 → pieces of 8, 8, 7
  assert.equal(tf.memory().numTensors, before, "no tensor left behind");
  for (const [start, end] of [[0, 8], [8, 16], [16, 23]]) {
    const piece = ids.slice(start, end);
    const full = wholePass(model, piece);
    for (let t = 0; t < piece.length; t++) {
      const i = start + t;
      if (i + 1 >= ids.length) break;
      assert.ok(Math.abs(got.probability[i] - full[t * 6 + ids[i + 1]]) < 1e-5, `position ${i}`);
    }
  }
  assert.throws(() => readCharLm(model, [1]), /1 ids, expected at least 2/);
  assert.throws(() => readCharLm(model, [1, 9]), /id 9 at position 1, expected an integer in 0…5/);
  model.dispose();
});

test("readCharLmAsync gives readCharLm's numbers bitwise, in chunks: a long read logs its progress, an abort stops it between two chunks, no tensor left behind", async () => {
  await initBackend();
  const model = buildCharLm({ vocabSize: 6, units: 5, seed: 3 });
  const long = Int32Array.from({ length: 400 }, (_, i) => (i * 5 + (i >> 3)) % 6);
  for (const options of [{}, { streams: 3, chunk: 7, states: true }, { streams: 1, chunk: 4 }]) {
    const want = readCharLm(model, long, options);
    const lines: string[] = [];
    const got = await readCharLmAsync(model, long, { ...options, log: (l) => lines.push(l), label: "validation" });
    assert.deepEqual(Array.from(got.probability), Array.from(want.probability), JSON.stringify(options));
    assert.equal(got.bpc, want.bpc);
    assert.deepEqual(got.layers.map((l) => Array.from(l.h)), want.layers.map((l) => Array.from(l.h)));
    // ≥ 10 chunks: the line at once (64 streams of 7 characters: 1 chunk, no line)
    assert.deepEqual(lines, "chunk" in options ? [`validation: ${options.streams === 1 ? 400 : 402} characters (${options.streams} streams side by side) in chunks of ${options.chunk! * options.streams!} (a line every 5 s)…`] : []);
  }
  const before = tf.memory().numTensors;
  const controller = new AbortController();
  let chunks = 0;
  const stop = new Error("SIGINT during validation");
  await assert.rejects(readCharLmAsync(model, long, { streams: 1, chunk: 10, signal: controller.signal, log: () => { chunks++; controller.abort(stop); } }), (err) => err === stop);
  assert.equal(chunks, 1);
  assert.equal(tf.memory().numTensors, before, "the stepper is freed when the read is aborted");
  model.dispose();
});
