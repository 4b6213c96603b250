import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { firstShape } from "../../src/models/initialState";
import { lstm, simpleRnn } from "../../src/index";

test("firstShape: the sequence input's shape, alone or followed by state shapes", () => {
  assert.deepEqual(firstShape([null, 5, 3]), [null, 5, 3]);
  assert.deepEqual(firstShape([[null, 5, 3], [null, 4]]), [null, 5, 3]);
});

test("initial states in apply: as kwargs or further inputs, concrete or symbolic; both at once or a wrong count is an error naming the layer", () => {
  const x = tf.ones([2, 3, 1]);
  const h0 = tf.fill([2, 2], 0.5) as tf.Tensor2D;
  const layer = simpleRnn({ units: 2, kernelInitializer: "ones", recurrentInitializer: "ones" });
  const viaKwargs = layer.apply(x, { initialState: h0 }) as tf.Tensor;
  const viaInputs = layer.apply([x, h0]) as tf.Tensor;
  const fromZeros = layer.apply(x) as tf.Tensor;
  assert.deepEqual(Array.from(viaKwargs.dataSync()), Array.from(viaInputs.dataSync()));
  assert.notDeepEqual(Array.from(viaKwargs.dataSync()), Array.from(fromZeros.dataSync()));
  assert.throws(() => layer.apply([x, h0], { initialState: h0 }), new RegExp(`^Error: SimpleRNN layer ${layer.name}: initial state given both as a second input and as initialState$`));
  const cell = lstm({ units: 2 });
  assert.throws(() => cell.apply(x, { initialState: [h0] }), new RegExp(`^Error: LSTM layer ${cell.name}: initialState has 1 tensors, expected 2 \\(\\[batch, 2\\] each\\)$`));
  const input = tf.input({ shape: [3, 1] }), state = tf.input({ shape: [2] });
  const model = tf.model({ inputs: [input, state], outputs: simpleRnn({ units: 2 }).apply(input, { initialState: state }) as tf.SymbolicTensor });
  assert.deepEqual(model.outputs[0].shape, [null, 2]);
  tf.dispose([x, h0, viaKwargs, viaInputs, fromZeros]);
});
