// Truncated BPTT with the state carried (GrulabRecurrent.carryTrainingState and its model-level
// switch): two training windows with the carried state give the stateless reference's outputs on
// one long sequence, the gradient of the second window is the reference's with the first window's
// final state as a constant, inference is unaffected, and training a char LM on a tiny corpus
// (streamWindows, train with shuffle false and a reset per epoch) equals an independent loop of
// reference forward passes and SGD steps.
import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/index";
import { GrulabRecurrent } from "../../src/models/recurrentLayer";
import { carryTrainingState } from "../../src/models/carryTrainingState";
import { buildCharLm } from "../../src/models/buildCharLm";
import { gru } from "../../src/models/gru";
import { lstm } from "../../src/models/lstm";
import { simpleRnn } from "../../src/models/simpleRnn";
import { referenceGruSequence } from "../../src/models/referenceGruSequence";
import { referenceLstmSequence } from "../../src/models/referenceLstmSequence";
import { referenceSimpleRnnSequence } from "../../src/models/referenceSimpleRnnSequence";
import { streamWindows } from "../../src/data/streamWindows";
import { train } from "../../src/training/train";
import { maxRelativeError } from "../support/gruTestReferences";

before(() => initBackend());

const B = 2, T = 4, D = 3, H = 5;
type Cell = "gru" | "lstm" | "simpleRnn";

function layerOf(cell: Cell): GrulabRecurrent {
  const common = { units: H, returnSequences: true, seed: 3, biasInitializer: "glorotUniform" as const };
  const l = cell === "gru" ? gru(common) : cell === "lstm" ? lstm(common) : simpleRnn(common);
  l.build([B, T, D]);
  return l;
}

/** The stateless reference over x from the given states; returns every state sequence. */
function reference(cell: Cell, l: GrulabRecurrent, x: tf.Tensor3D, states: tf.Tensor2D[]): tf.Tensor3D[] {
  const w = { kernel: l.kernel!.read() as tf.Tensor2D, recurrentKernel: l.recurrentKernel!.read() as tf.Tensor2D, bias: l.bias!.read() as tf.Tensor1D };
  if (cell === "gru") return [referenceGruSequence({ x, h0: states[0], ...w }, { resetAfter: true }).h];
  if (cell === "lstm") { const o = referenceLstmSequence({ x, h0: states[0], c0: states[1], ...w }, {}); return [o.h, o.c]; }
  return [referenceSimpleRnnSequence({ x, h0: states[0], ...w }, {}).h];
}
const lastStep = (s: tf.Tensor3D) => tf.reshape(tf.slice(s, [0, s.shape[1] - 1, 0], [-1, 1, -1]), [s.shape[0], s.shape[2]]) as tf.Tensor2D;

for (const cell of ["gru", "lstm", "simpleRnn"] as const) {
  test(`${cell}: two training windows with the carried state equal the stateless reference on one long sequence; the second window's gradient is the reference's with the first window's final state as a constant`, () => {
    const l = layerOf(cell);
    const x = tf.randomUniform([B, 2 * T, D], -1, 1, "float32", 7) as tf.Tensor3D;
    const [x1, x2] = [tf.slice(x, [0, 0, 0], [-1, T, -1]), tf.slice(x, [0, T, 0], [-1, T, -1])] as tf.Tensor3D[];
    const zeros = Array.from({ length: l.stateCount }, () => tf.zeros([B, H]) as tf.Tensor2D);
    const whole = reference(cell, l, x, zeros)[0];
    l.carryTrainingState(true);
    assert.equal(l.carriesTrainingState, true);
    const first = l.apply(x1, { training: true }) as tf.Tensor;
    assert.ok(maxRelativeError(first.dataSync(), tf.slice(whole, [0, 0, 0], [-1, T, -1]).dataSync()) <= 1e-5);
    // inference does not read or move the carried state
    const predicted = l.apply(x2) as tf.Tensor;
    assert.ok(maxRelativeError(predicted.dataSync(), reference(cell, l, x2, zeros)[0].dataSync()) <= 1e-5, "inference starts from zeros");
    const weights = [l.kernel!, l.recurrentKernel!, l.bias!].map((v) => (v as unknown as { val: tf.Variable }).val);
    const loss = (h: tf.Tensor) => tf.sum(tf.mul(h, tf.linspace(-1, 1, h.size).reshape(h.shape)));
    const got = tf.variableGrads(() => {
      const h = l.apply(x2, { training: true }) as tf.Tensor;
      assert.ok(maxRelativeError(h.dataSync(), tf.slice(whole, [0, T, 0], [-1, T, -1]).dataSync()) <= 1e-5, "window 2 continues window 1");
      return loss(h) as tf.Scalar;
    }, weights);
    // The reference: window 1's final states as constants (no gradient through the boundary).
    const carried = reference(cell, l, x1, zeros).map((s) => lastStep(s));
    const want = tf.variableGrads(() => loss(reference(cell, l, x2, carried)[0]) as tf.Scalar, weights);
    for (const v of weights) assert.ok(maxRelativeError(got.grads[v.name].dataSync(), want.grads[v.name].dataSync()) <= 1e-4, `gradient of ${v.name}`);
    // a third call continues from window 2; resetCarriedState starts again from zeros
    l.resetCarriedState();
    assert.ok(maxRelativeError((l.apply(x2, { training: true }) as tf.Tensor).dataSync(), reference(cell, l, x2, zeros)[0].dataSync()) <= 1e-5, "after reset: zeros");
    assert.throws(() => l.apply(tf.zeros([B + 1, T, D]), { training: true }), { message: `${l.cell} layer ${l.name}: carrying the training state from a batch of ${B} to one of ${B + 1}: every batch must have the same streams (resetCarriedState between epochs)` });
    l.carryTrainingState(false);
    assert.ok(maxRelativeError((l.apply(x2, { training: true }) as tf.Tensor).dataSync(), reference(cell, l, x2, zeros)[0].dataSync()) <= 1e-5, "off: every call from zeros");
  });
}

test("carryTrainingState: a model without grulab recurrent layers is refused", () => {
  const m = tf.sequential({ name: "plain", layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
  assert.throws(() => carryTrainingState(m, true), { message: 'carryTrainingState: model "plain" has no grulab recurrent layer (GRU, LSTM or SimpleRNN from grulab)' });
});

test("training a char LM with the state carried on a tiny corpus equals an independent loop of reference passes and SGD steps", async () => {
  const V = 4, U = 3, streams = 2, steps = 3, lr = 0.5;
  const text = Int32Array.from({ length: 2 * 2 * steps + 3 }, (_, i) => (i * i + 1) % V); // 2 streams × 2 windows of 3, and a remainder
  const data = streamWindows(text, { streams, timesteps: steps });
  assert.equal(data.windowsPerStream, 2);
  const model = buildCharLm({ vocabSize: V, units: U, layers: 1, timesteps: null, seed: 4 });
  model.compile({ optimizer: tf.train.sgd(lr), loss: "sparseCategoricalCrossentropy" });
  // The independent computation, on copies of the initial weights: one-hot → reference GRU → softmax.
  const [kernel, recurrentKernel, bias, dense, denseBias] = model.getWeights().map((w) => tf.variable(w.clone()));
  let carried: tf.Tensor2D | null = null;
  for (let epoch = 1; epoch <= 2; epoch++) {
    carried = null; // reset at each epoch's start
    for (let w = 0; w < 2; w++) {
      const x = tf.oneHot(tf.tensor2d(Array.from({ length: streams }, (_, s) => Array.from(text.slice(s * 2 * steps + w * steps, s * 2 * steps + w * steps + steps))), [streams, steps], "int32"), V).toFloat() as tf.Tensor3D;
      const targets = tf.oneHot(tf.tensor2d(Array.from({ length: streams }, (_, s) => Array.from(text.slice(s * 2 * steps + w * steps + 1, s * 2 * steps + w * steps + steps + 1))), [streams, steps], "int32"), V).toFloat();
      const h0: tf.Tensor2D = carried ?? tf.zeros([streams, U]);
      let next: tf.Tensor2D | null = null;
      const { grads } = tf.variableGrads(() => {
        const hSeq = referenceGruSequence({ x, h0, kernel: kernel as tf.Tensor2D, recurrentKernel: recurrentKernel as tf.Tensor2D, bias: bias as tf.Tensor2D }, { resetAfter: true }).h;
        next = tf.keep(tf.clone(lastStep(hSeq)));
        const logits = tf.add(tf.matMul(tf.reshape(hSeq, [-1, U]), dense as tf.Tensor2D), denseBias);
        return tf.neg(tf.mean(tf.sum(tf.mul(targets.reshape([-1, V]), tf.logSoftmax(logits)), -1))) as tf.Scalar;
      }, [kernel, recurrentKernel, bias, dense, denseBias]);
      for (const v of [kernel, recurrentKernel, bias, dense, denseBias]) v.assign(tf.sub(v, tf.mul(grads[v.name], lr)));
      carried = next!;
    }
  }
  await train(model, data, { epochs: 2, batchSize: streams, shuffle: false, onEpochStart: () => { carryTrainingState(model, true); }, progress: "none" });
  carryTrainingState(model, false);
  model.getWeights().forEach((w, k) => assert.ok(maxRelativeError(w.dataSync(), [kernel, recurrentKernel, bias, dense, denseBias][k].dataSync()) <= 1e-4, `weight ${k} (${model.weights[k].name})`));
  // Without the carried state the same training gives other weights (the test can tell them apart).
  const stateless = buildCharLm({ vocabSize: V, units: U, layers: 1, timesteps: null, seed: 4 });
  stateless.compile({ optimizer: tf.train.sgd(lr), loss: "sparseCategoricalCrossentropy" });
  await train(stateless, data, { epochs: 2, batchSize: streams, shuffle: false, progress: "none" });
  assert.ok(maxRelativeError(stateless.getWeights()[1].dataSync(), recurrentKernel.dataSync()) > 1e-3, "the carried state changes the gradients");
});
