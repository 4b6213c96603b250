// addRecurrent: one grulab GRU / LSTM / SimpleRNN layer (or a bidirectional pair) as one ONNX
// GRU / LSTM / RNN node, run in onnxruntime, against the layer's own output in tfjs; its refusals.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { gru, initBackend, lstm, simpleRnn } from "../../src/index";
import type { GrulabRecurrent } from "../../src/models/recurrentLayer";
import { OnnxGraph } from "../../src/onnx/onnxGraph";
import { addRecurrent, isGrulabRecurrent } from "../../src/onnx/onnxRecurrent";
import { graphModel, ORT_SKIP, runGraph } from "../support/onnxGraphRun";
import { randomizeWeights } from "./onnxCases";

const [B, T, D] = [2, 4, 3];
const x = tf.tidy(() => tf.randomUniform([B, T, D], -1.5, 1.5, "float32", 5));
before(async () => { await initBackend("cpu"); });
after(() => x.dispose());

// The layer's output in tfjs and the ONNX node's in onnxruntime (batch-major again), for the same input.
async function both(layers: tf.layers.Layer[], pair: GrulabRecurrent[], merge: string | null = null): Promise<{ got: Float32Array; want: Float32Array; dims: number[] }> {
  const model = tf.sequential({ layers });
  randomizeWeights(model, 7, 0.8);
  const want = (model.predict(x) as tf.Tensor);
  const g = new OnnxGraph();
  g.reserve("x");
  const v = addRecurrent(g, { name: "x", rank: 3, timeMajor: false }, pair, "rnn", pair[0].getClassName(), merge);
  const out = v.timeMajor ? g.op("Transpose", [v.name], "batch_major", { perm: [1, 0, 2] }) : v.name;
  const r = await runGraph(graphModel(g, "x", [B, T, D], out, want.shape as number[]), "x", out, x.dataSync() as Float32Array, [B, T, D]);
  const result = { got: r.data, want: want.dataSync() as Float32Array, dims: r.dims };
  assert.deepEqual(r.dims, want.shape);
  model.dispose();
  return result;
}
const close = (r: { got: Float32Array; want: Float32Array }, what: string) =>
  r.got.forEach((v, i) => assert.ok(Math.abs(v - r.want[i]) <= 2e-6, `${what}[${i}]: onnxruntime ${v}, tfjs ${r.want[i]}`));

const single: [string, () => tf.layers.Layer][] = [
  ["GRU reset after, every step", () => gru({ units: 5, returnSequences: true, inputShape: [T, D] })],
  ["GRU reset before, last step", () => gru({ units: 5, resetAfter: false, inputShape: [T, D] })],
  ["GRU going backwards, every step (processing order)", () => gru({ units: 3, goBackwards: true, returnSequences: true, inputShape: [T, D] })],
  ["LSTM, every step", () => lstm({ units: 4, returnSequences: true, inputShape: [T, D] })],
  ["LSTM without bias, hardSigmoid gates, last step", () => lstm({ units: 4, useBias: false, recurrentActivation: "hardSigmoid", inputShape: [T, D] })],
  ["SimpleRNN relu going backwards, last step", () => simpleRnn({ units: 6, activation: "relu", goBackwards: true, inputShape: [T, D] })],
  ["SimpleRNN linear, every step", () => simpleRnn({ units: 2, activation: "linear", returnSequences: true, inputShape: [T, D] })],
];

for (const [name, make] of single) {
  test(`${name}: the ONNX node gives the layer's output within 2e-6`, { skip: ORT_SKIP }, async () => {
    const layer = make();
    assert.ok(isGrulabRecurrent(layer));
    close(await both([layer], [layer as unknown as GrulabRecurrent]), name);
  });
}

for (const merge of ["concat", "ave"] as const) {
  test(`bidirectional LSTM (merge ${merge}): one bidirectional node gives the wrapper's output within 2e-6`, { skip: ORT_SKIP }, async () => {
    const wrapper = tf.layers.bidirectional({ layer: lstm({ units: 3, returnSequences: true }) as unknown as tf.RNN, mergeMode: merge, inputShape: [T, D] });
    const inner = wrapper as unknown as { forwardLayer: GrulabRecurrent; backwardLayer: GrulabRecurrent };
    close(await both([wrapper], [inner.forwardLayer, inner.backwardLayer], merge), `bidirectional ${merge}`);
  });
}

test("refusals name the layer, its class and the option: returnState, a rank-2 input, an activation ONNX's RNN lacks, two directions without a merge", () => {
  const g = new OnnxGraph();
  const input = { name: "x", rank: 3, timeMajor: false };
  const build = (layer: tf.layers.Layer) => { layer.apply(tf.input({ shape: [T, D] })); return layer as unknown as GrulabRecurrent; };
  const stateful = build(gru({ units: 2, returnState: true }));
  assert.throws(() => addRecurrent(g, input, [stateful], "g", "GrulabGRU", null),
    { message: 'exportOnnx: layer "g" (class GrulabGRU): unsupported returnState: true (the export has one output); build the model without it' });
  const plain = build(gru({ units: 2 }));
  assert.throws(() => addRecurrent(g, { ...input, rank: 2 }, [plain], "g", "GrulabGRU", null), /unsupported an input of rank 2; expected \[batch, time, features\]/);
  const selu = build(simpleRnn({ units: 2, activation: "selu" }));
  assert.throws(() => addRecurrent(g, input, [selu], "s", "GrulabSimpleRNN", null),
    { message: 'exportOnnx: layer "s" (class GrulabSimpleRNN): unsupported activation: "selu" (ONNX\'s RNN takes tanh, sigmoid, hardSigmoid, relu, linear, softsign, elu)' });
  // A name inherited from Object.prototype (set past the layer's own check, as a deserialised layer could be) is not an entry of the table.
  for (const name of ["toString", "constructor", "__proto__"]) {
    const odd = build(simpleRnn({ units: 2 }));
    (odd as unknown as { activation: string }).activation = name;
    assert.throws(() => addRecurrent(g, input, [odd], "s", "GrulabSimpleRNN", null),
      { message: `exportOnnx: layer "s" (class GrulabSimpleRNN): unsupported activation: "${name}" (ONNX's RNN takes tanh, sigmoid, hardSigmoid, relu, linear, softsign, elu)` });
  }
  assert.throws(() => addRecurrent(g, input, [plain, plain], "b", "Bidirectional", null), /unsupported mergeMode: null \(two outputs\); use concat, sum, mul or ave/);
  assert.equal(isGrulabRecurrent(tf.layers.dense({ units: 1 })), false);
});
