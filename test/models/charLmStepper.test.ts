// CharLmStepper: consecutive chunks with carried states give what the model gives on the whole
// text at once (model.predict, the reference), per stream; its errors.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { CharLmStepper } from "../../src/models/charLmStepper";
import { gru } from "../../src/models/gru";
import { initBackend } from "../../src/index";
import { buildCharLm } from "../../src/studies/index";
import { maxRelativeError } from "../support/gruTestReferences";

const V = 5, S = 2, T = 6;
const ids = Int32Array.from({ length: S * T }, (_, i) => (i * 3 + 1) % V); // stream-major
const chunk = (from: number, to: number) => Int32Array.from({ length: S * (to - from) }, (_, i) => ids[Math.floor(i / (to - from)) * T + from + (i % (to - from))]);

test("two chunks with carried states equal one prediction over the whole text; dispose starts again from zero states", async () => {
  await initBackend();
  const model = buildCharLm({ vocabSize: V, units: 4, layers: 2, timesteps: null });
  const whole = tf.tidy(() => (model.predict(tf.tensor2d(ids, [S, T], "int32")) as tf.Tensor).dataSync() as Float32Array);
  const stepper = new CharLmStepper(model, S);
  assert.equal(stepper.vocabSize, V);
  const first = stepper.step(chunk(0, 2), 2).probabilities;
  const second = stepper.step(chunk(2, 6), 4, true);
  const wholeOf = (from: number, to: number) => Float32Array.from({ length: S * (to - from) * V }, (_, i) => {
    const s = Math.floor(i / ((to - from) * V)), t = from + Math.floor(i / V) % (to - from);
    return whole[(s * T + t) * V + (i % V)];
  });
  assert.ok(maxRelativeError(first, wholeOf(0, 2)) <= 1e-5);
  assert.ok(maxRelativeError(second.probabilities, wholeOf(2, 6)) <= 1e-5);
  const grus = model.layers.filter((l) => l.getClassName() === "GrulabGRU");
  assert.deepEqual(second.layers.map((l) => [l.layer, l.cell, l.units, l.values.h!.length, l.values.z!.length]), grus.map((l) => [l.name, "gru", 4, S * 4 * 4, S * 4 * 4]));
  assert.ok(second.layers.every((l) => l.values.z!.every((v) => v > 0 && v < 1) && l.values.r!.every((v) => v > 0 && v < 1)));
  stepper.dispose();
  assert.ok(maxRelativeError(stepper.step(chunk(0, 2), 2).probabilities, first) <= 1e-6, "after dispose: zero states again");
  stepper.dispose();
});

for (const cell of ["lstm", "simpleRnn"] as const) {
  test(`${cell}: three chunks with carried states (an LSTM's h and c, carried from a step without and one with the states) equal one prediction over the whole text; dropout layers pass through`, async () => {
    await initBackend();
    const model = buildCharLm({ vocabSize: V, units: 3, layers: 2, timesteps: null, cell, dropout: 0.3, seed: 5 });
    const whole = tf.tidy(() => (model.predict(tf.tensor2d(ids, [S, T], "int32")) as tf.Tensor).dataSync() as Float32Array);
    const stepper = new CharLmStepper(model, S);
    const chunks = [stepper.step(chunk(0, 2), 2), stepper.step(chunk(2, 4), 2, true), stepper.step(chunk(4, 6), 2)];
    const got = new Float32Array(S * T * V);
    for (let s = 0; s < S; s++) chunks.forEach((c, j) => got.set(c.probabilities.subarray(s * 2 * V, (s + 1) * 2 * V), (s * T + 2 * j) * V));
    assert.ok(maxRelativeError(got, whole) <= 1e-5);
    const columns = cell === "lstm" ? ["h", "c", "i", "f", "cTilde", "o"] : ["h"];
    assert.deepEqual(chunks[1].layers.map((l) => [l.layer, l.cell, Object.keys(l.values)]), [1, 2].map((k) => [`${cell === "lstm" ? "lstm" : "simple_rnn"}_${k}`, cell, columns]));
    if (cell === "lstm") assert.ok(chunks[1].layers.every((l) => l.values.c!.length === S * 2 * 3), "with the states: c of every step");
    stepper.dispose();
    model.dispose();
  });
}

test("wrong id counts, a model without a grulab GRU and a backwards GRU are refused with what to do", () => {
  const model = buildCharLm({ vocabSize: V, units: 3, layers: 1, timesteps: null });
  const stepper = new CharLmStepper(model, S);
  assert.throws(() => stepper.step(new Int32Array(5), 3), { message: "CharLmStepper.step: 5 ids, expected streams × steps = 2 × 3" });
  stepper.dispose();
  const dense = tf.sequential({ name: "plain", layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });
  assert.throws(() => new CharLmStepper(dense, 1), { message: 'char LM "plain": no grulab recurrent layer (build it with buildCharLm)' });
  const back = tf.sequential({ name: "back", layers: [gru({ units: 2, goBackwards: true, returnSequences: true, inputShape: [3, 1], name: "g" })] });
  assert.throws(() => new CharLmStepper(back, 1), { message: 'char LM "back": GRU layer g runs backwards; reading text left to right needs forward layers' });
});
