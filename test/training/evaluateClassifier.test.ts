import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { evaluateClassifier, initBackend } from "../../src/index";

test("evaluateClassifier scores the argmax of the model's outputs", async () => {
  await initBackend();
  // A model whose output is its input: predictions are the argmax of each row, known by hand.
  const input = tf.input({ shape: [3] });
  const model = tf.model({ inputs: input, outputs: tf.layers.activation({ activation: "linear" }).apply(input) as tf.SymbolicTensor });
  const x = tf.tensor2d([[0.9, 0, 0.1], [0.2, 0.7, 0.1], [0.1, 0.1, 0.8], [0.5, 0.4, 0.1]]);
  const m = await evaluateClassifier(model, x, [0, 1, 1, 1], ["a", "b", "c"]);
  // predicted 0, 1, 2, 0 vs actual 0, 1, 1, 1.
  assert.deepEqual(m.confusion, [[1, 0, 0], [1, 1, 1], [0, 0, 0]]);
  assert.equal(m.accuracy, 0.5);
  assert.equal(m.baselineClass, "b");
  assert.equal(m.baselineAccuracy, 0.75);
});
