import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend, lstm } from "../../src/index";
import { assertLayerParityEverywhere } from "../support/cellLayers";
import { referenceLstmSequence } from "../../src/models/referenceLstmSequence";

before(() => initBackend("cpu"));

test("outputs and gradients (input, kernel, recurrentKernel, bias) match tf.layers.lstm and float64 within 1e-5 relative (cpu and wasm, reference and fused, odd sizes, batch 1, T 1)", () => assertLayerParityEverywhere("lstm", 7));

test("unitForgetBias (default true, as Keras) starts the forget block of the bias at 1 and the rest from biasInitializer", () => {
  const H = 3;
  const withOnes = lstm({ units: H });
  withOnes.build([null, null, 2]);
  assert.deepEqual(Array.from(withOnes.getWeights()[2].dataSync()), [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  const plain = lstm({ units: H, unitForgetBias: false, biasInitializer: "ones" });
  plain.build([null, null, 2]);
  assert.deepEqual(Array.from(plain.getWeights()[2].dataSync()), new Array(4 * H).fill(1));
  const shapes = withOnes.getWeights().map((w) => w.shape);
  assert.deepEqual(shapes, [[2, 4 * H], [H, 4 * H], [4 * H]], "Keras layout: kernel [D, 4H], recurrentKernel [H, 4H], bias [4H]");
});

test("recurrentActivation is configurable (hardSigmoid runs the reference and matches tf.layers.lstm's default)", () => {
  const [B, T, D, H] = [2, 5, 3, 4];
  const ours = lstm({ units: H, recurrentActivation: "hardSigmoid", returnSequences: true });
  const theirs = tf.layers.lstm({ units: H, returnSequences: true }); // tfjs default: hardSigmoid
  const x = tf.randomUniform([B, T, D], -2, 2, "float32", 3);
  ours.build([null, null, D]);
  tf.dispose(theirs.apply(tf.zeros([1, 1, D])) as tf.Tensor);
  theirs.setWeights(ours.getWeights());
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(ours.apply(x) as tf.Tensor, theirs.apply(x) as tf.Tensor))).dataSync()[0]);
  assert.ok(diff <= 1e-6, `diff ${diff}`);
  assert.throws(() => lstm({ units: 2, recurrentActivation: "sigmod" }), /LSTM option recurrentActivation: unknown activation "sigmod"/);
  assert.throws(() => lstm({ units: 2, implementation: "fused", recurrentActivation: "hardSigmoid" }).apply(tf.zeros([1, 2, 3])),
    /recurrentActivation "hardSigmoid" are not supported/);
});

test("runSequence returns every step's h, c, i, f, cTilde and o with c = f·c₋₁ + i·c̃ and h = o·tanh(c)", () => {
  const layer = lstm({ units: 3 });
  const x = tf.randomUniform([2, 4, 2], -1, 1, "float32", 5);
  layer.apply(x);
  const s = layer.runSequence(x as tf.Tensor3D);
  const [h, c, i, f, ct, o] = [s.h, s.c, s.i, s.f, s.cTilde, s.o].map((t) => t.arraySync() as number[][][]);
  for (let b = 0; b < 2; b++) {
    for (let t = 0; t < 4; t++) {
      for (let j = 0; j < 3; j++) {
        const prev = t === 0 ? 0 : c[b][t - 1][j];
        assert.ok(Math.abs(c[b][t][j] - (f[b][t][j] * prev + i[b][t][j] * ct[b][t][j])) < 1e-6);
        assert.ok(Math.abs(h[b][t][j] - o[b][t][j] * Math.tanh(c[b][t][j])) < 1e-6);
      }
    }
  }
  tf.dispose(Object.values(s));
});

test("runSequence with gateOutputs false (reading text): h and c as referenceLstmSequence gives them from a given state, the gates empty [B, T, 0]", () => {
  const layer = lstm({ units: 3 });
  const x = tf.randomUniform([2, 4, 2], -1, 1, "float32", 6) as tf.Tensor3D;
  layer.apply(x);
  const state = [tf.randomUniform([2, 3], -1, 1, "float32", 7), tf.randomUniform([2, 3], -1, 1, "float32", 8)] as tf.Tensor2D[];
  const s = layer.runSequence(x, state, false, false);
  const [kernel, recurrentKernel, bias] = layer.getWeights() as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
  const want = referenceLstmSequence({ x, h0: state[0], c0: state[1], kernel, recurrentKernel, bias }, {});
  assert.ok(tf.max(tf.abs(tf.sub(s.h, want.h))).dataSync()[0] <= 1e-6, "h");
  assert.ok(tf.max(tf.abs(tf.sub(s.c, want.c))).dataSync()[0] <= 1e-6, "c");
  for (const g of [s.i, s.f, s.cTilde, s.o]) assert.deepEqual(g.shape, [2, 4, 0]);
  // lastCOnly (a reader carrying the state): the same h, and c of the last step alone (fused on cpu: [B, 1, H]).
  const last = layer.runSequence(x, state, false, false, true);
  assert.deepEqual([last.h.shape, last.c.shape], [[2, 4, 3], [2, 1, 3]]);
  assert.deepEqual(last.h.dataSync(), s.h.dataSync());
  assert.deepEqual(last.c.dataSync(), tf.slice(s.c, [0, 3, 0], [-1, 1, -1]).dataSync());
  tf.dispose([...Object.values(s), ...Object.values(last), ...Object.values(want), ...state, x]);
});

test("a loss on the gates trains with exact gradients: Σh + 10·Σf through runSequence, fused vs reference (cpu and wasm)", async () => {
  const [B, T, D, H] = [3, 5, 4, 7];
  for (const backend of ["cpu", "wasm"]) {
    await initBackend(backend);
    const x = tf.randomUniform([B, T, D], -1, 1, "float32", 21) as tf.Tensor3D;
    const grads = (["reference", "fused"] as const).map((implementation) => {
      const layer = lstm({ units: H, implementation, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }), recurrentInitializer: tf.initializers.glorotUniform({ seed: 2 }) });
      layer.build([null, null, D]);
      const vars = layer.trainableWeights.map((v) => v.read() as tf.Variable);
      const { grads: g } = tf.variableGrads(() => {
        const s = layer.runSequence(x);
        return tf.add(tf.sum(s.h), tf.mul(10, tf.sum(s.f))) as tf.Scalar;
      }, vars);
      return vars.map((v) => g[v.name].dataSync() as Float32Array);
    });
    grads[0].forEach((want, i) => {
      let worst = 0;
      want.forEach((w, j) => (worst = Math.max(worst, Math.abs(grads[1][i][j] - w) / Math.max(1, Math.abs(w)))));
      assert.ok(worst <= 1e-5, `${backend} weight ${i}: fused vs reference ${worst}`);
      assert.ok(want.some((w) => Math.abs(w) > 0.1), "the gate term moves the gradient");
    });
  }
  await initBackend("cpu");
});
