// addActivation: each activation's ONNX node(s), run in onnxruntime, against tfjs's own activation
// layer of that name; an activation it cannot write is refused naming layer, class and the list.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { addActivation } from "../../src/onnx/onnxActivation";
import { OnnxGraph } from "../../src/onnx/onnxGraph";
import { graphModel, ORT_SKIP, runGraph } from "../support/onnxGraphRun";

const NAMES = ["linear", "relu", "relu6", "sigmoid", "tanh", "softmax", "softplus", "softsign", "elu", "selu", "hardSigmoid", "swish"];
const x = Float32Array.from([-7, -2.5, -1, -0.3, 0, 0.2, 1, 2.6, 5, 6.5]);

for (const name of NAMES) {
  test(`${name}: the ONNX graph computes what tfjs's activation "${name}" does (within 1e-6)`, { skip: ORT_SKIP }, async () => {
    const g = new OnnxGraph();
    g.reserve("x");
    const out = addActivation(g, "x", name, "dense_1", "Dense");
    g.node("Identity", [out], "y"); // the output under a fixed name
    const y = g.nodes[g.nodes.length - 1].output as string[];
    const got = await runGraph(graphModel(g, "x", [2, 5], y[0], [2, 5]), "x", y[0], x, [2, 5]);
    const want = tf.tidy(() => (tf.layers.activation({ activation: name as "relu" }).apply(tf.tensor2d(x, [2, 5])) as tf.Tensor).dataSync());
    assert.deepEqual(got.dims, [2, 5]);
    got.data.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= 1e-6 * Math.max(1, Math.abs(want[i])), `${name}(${x[i]}) = ${v}, tfjs ${want[i]}`));
  });
}

test("an activation ONNX lacks here is refused naming the layer, its class and the exported ones", () => {
  assert.throws(() => addActivation(new OnnxGraph(), "x", "gelu", "dense_2", "Dense"),
    { message: `exportOnnx: layer "dense_2" (class Dense): unsupported activation: "gelu" (exported: ${NAMES.join(", ")})` });
  for (const name of ["toString", "constructor", "__proto__"]) { // not Object.prototype's members
    assert.throws(() => addActivation(new OnnxGraph(), "x", name, "dense_2", "Dense"),
      { message: `exportOnnx: layer "dense_2" (class Dense): unsupported activation: "${name}" (exported: ${NAMES.join(", ")})` });
  }
});
