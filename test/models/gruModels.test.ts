import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { gru, initBackend } from "../../src/index";
import { GrulabGRU } from "../../src/advanced/index";
import { float64Gru, maxAbsDiff, seededArray } from "../support/float64Gru";

before(() => initBackend("cpu")); // the reference runs on the pure-JS backend here; wasm gets its own parity check

type Arr3 = number[][][];
const reverseTime = (a: Arr3): Arr3 => a.map((s) => s.slice().reverse());
const weightsOf = (layer: tf.layers.Layer) => {
  const [kernel, recurrentKernel, bias] = layer.getWeights().map((t) => t.arraySync());
  return { kernel: kernel as number[][], recurrentKernel: recurrentKernel as number[][], bias: (bias ?? null) as number[][] | null };
};
// Non-zero biases so that the reference checks them too.
const randomBias = () => ({ biasInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 3 }) });

test("two stacked GRU layers (resetAfter true and false) match the float64 reference chained", () => {
  const [B, T, D, H1, H2] = [3, 6, 4, 5, 3];
  const x = seededArray([B, T, D], 1) as Arr3;
  const first = gru({ units: H1, returnSequences: true, inputShape: [T, D], ...randomBias() });
  const second = gru({ units: H2, resetAfter: false, ...randomBias() });
  const model = tf.sequential({ layers: [first, second] });
  assert.deepEqual(model.outputs[0].shape, [null, H2]);
  const got = tf.tidy(() => (model.predict(tf.tensor3d(x)) as tf.Tensor).arraySync()) as number[][];
  const h1 = float64Gru(x, weightsOf(first), true).h;
  const h2 = float64Gru(h1, weightsOf(second), false).h.map((s) => s[T - 1]);
  const diff = maxAbsDiff(got, h2);
  console.log(`stacked GRU vs float64 reference: max abs diff ${diff.toExponential(2)}`);
  assert.ok(diff <= 1e-5, `diff ${diff}`);
});

test("inside tf.layers.bidirectional: shapes, and numbers equal the forward run concatenated with the re-reversed backward run", () => {
  const [B, T, D, H] = [2, 5, 3, 4];
  const x = seededArray([B, T, D], 2) as Arr3;
  const bi = tf.layers.bidirectional({ layer: gru({ units: H, returnSequences: true, ...randomBias() }) as unknown as tf.RNN, mergeMode: "concat" });
  const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [T, D] }), bi] });
  assert.deepEqual(model.outputs[0].shape, [null, T, 2 * H]);
  const weights = bi.getWeights().map((t) => t.arraySync());
  assert.equal(weights.length, 6);
  const fw = { kernel: weights[0] as number[][], recurrentKernel: weights[1] as number[][], bias: weights[2] as number[][] };
  const bw = { kernel: weights[3] as number[][], recurrentKernel: weights[4] as number[][], bias: weights[5] as number[][] };
  const forward = float64Gru(x, fw, true).h;
  const backward = reverseTime(float64Gru(reverseTime(x), bw, true).h);
  const expected = forward.map((s, b) => s.map((row, t) => [...row, ...backward[b][t]]));
  const got = tf.tidy(() => (model.predict(tf.tensor3d(x)) as tf.Tensor).arraySync());
  const diff = maxAbsDiff(got, expected);
  console.log(`bidirectional GRU vs float64 reference: max abs diff ${diff.toExponential(2)}`);
  assert.ok(diff <= 1e-5, `diff ${diff}`);

  // The last-step form: forward's last state beside the backward layer's last (= first input step) state.
  const last = tf.layers.bidirectional({ layer: gru({ units: H }) as unknown as tf.RNN, mergeMode: "concat" });
  const lastModel = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [T, D] }), last] });
  const lw = last.getWeights().map((t) => t.arraySync());
  const f = float64Gru(x, { kernel: lw[0] as number[][], recurrentKernel: lw[1] as number[][], bias: lw[2] as number[][] }, true).h;
  const r = float64Gru(reverseTime(x), { kernel: lw[3] as number[][], recurrentKernel: lw[4] as number[][], bias: lw[5] as number[][] }, true).h;
  const gotLast = tf.tidy(() => (lastModel.predict(tf.tensor3d(x)) as tf.Tensor).arraySync());
  assert.ok(maxAbsDiff(gotLast, f.map((s, b) => [...s[T - 1], ...r[b][T - 1]])) <= 1e-5);
});

async function roundTrip(model: tf.LayersModel): Promise<tf.LayersModel> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }));
  assert.ok(saved !== null);
  const json = JSON.stringify((saved as tf.io.ModelArtifacts).modelTopology);
  assert.match(json, /"class_name":"GrulabGRU"/);
  return tf.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
}

test("a model with the layer (plain and bidirectional) saves, loads as GrulabGRU with the same config, and predicts the same", async () => {
  const [T, D] = [6, 3];
  const x = tf.tensor3d(seededArray([2, T, D], 3) as Arr3);
  const model = tf.sequential({
    layers: [
      gru({ units: 4, returnSequences: true, goBackwards: true, resetAfter: false, dropout: 0.2, inputShape: [T, D], kernelRegularizer: "l1l2", ...randomBias() }),
      tf.layers.bidirectional({ layer: gru({ units: 3, recurrentDropout: 0.1 }) as unknown as tf.RNN }),
      tf.layers.dense({ units: 2, activation: "softmax" }),
    ],
  });
  const loaded = await roundTrip(model);
  const before = (model.predict(x) as tf.Tensor).arraySync();
  const after = (loaded.predict(x) as tf.Tensor).arraySync();
  assert.equal(maxAbsDiff(before, after), 0);
  const original = model.layers[0] as GrulabGRU;
  const copy = loaded.layers[0] as GrulabGRU;
  assert.ok(copy instanceof GrulabGRU);
  const { name: _a, ...c1 } = original.getConfig();
  const { name: _b, ...c2 } = copy.getConfig();
  // As model.json stores it (an unset seed comes back as null).
  const normalize = (c: object) => JSON.parse(JSON.stringify(c, (_k, v) => (v === null ? undefined : v)));
  assert.deepEqual(normalize(c2), normalize(c1));
  assert.equal(copy.goBackwards, true);
  assert.equal(copy.resetAfter, false);
  assert.deepEqual(copy.getWeights()[2].shape, [12]);
});

test("a functional model whose GRU starts from an initial-state input saves, loads and predicts the same", async () => {
  const [T, D, H] = [4, 2, 3];
  const xIn = tf.input({ shape: [T, D] });
  const hIn = tf.input({ shape: [H] });
  const [seq, state] = gru({ units: H, returnSequences: true, returnState: true, ...randomBias() }).apply(xIn, { initialState: hIn }) as tf.SymbolicTensor[];
  const model = tf.model({ inputs: [xIn, hIn], outputs: [seq, state] });
  const loaded = await roundTrip(model);
  const inputs = [tf.tensor3d(seededArray([2, T, D], 5) as Arr3), tf.tensor2d(seededArray([2, H], 6) as number[][])];
  const a = (model.predict(inputs) as tf.Tensor[]).map((t) => t.arraySync());
  const b = (loaded.predict(inputs) as tf.Tensor[]).map((t) => t.arraySync());
  assert.deepEqual(b, a);
  const zeroStart = (loaded.predict([inputs[0], tf.zerosLike(inputs[1])]) as tf.Tensor[])[1].arraySync();
  assert.ok(maxAbsDiff(zeroStart, a[1]) > 1e-3, "the loaded model still uses its state input");
});

test("tf.memory().numTensors is unchanged after repeated fit and predict (with dropout and recurrent dropout)", async () => {
  const [T, D] = [5, 3];
  const model = tf.sequential({
    layers: [
      gru({ units: 4, returnSequences: true, dropout: 0.2, recurrentDropout: 0.2, inputShape: [T, D] }),
      gru({ units: 3, resetAfter: false }),
      tf.layers.dense({ units: 2, activation: "softmax" }),
    ],
  });
  model.compile({ optimizer: "adam", loss: "categoricalCrossentropy" });
  const x = tf.tensor3d(seededArray([8, T, D], 4) as Arr3);
  const y = tf.oneHot(tf.tensor1d([0, 1, 0, 1, 1, 0, 0, 1], "int32"), 2);
  const cycle = async () => {
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    tf.dispose(model.predict(x));
  };
  await cycle(); // warm-up: the optimizer creates its slots once
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) await cycle();
  const after = tf.memory().numTensors;
  console.log(`numTensors before ${before}, after 3 fit+predict cycles ${after}`);
  assert.equal(after, before);
});
