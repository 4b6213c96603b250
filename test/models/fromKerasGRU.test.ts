import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { fromKerasGRU, gru, initBackend } from "../../src/index";
import { seededArray } from "../support/float64Gru";

before(() => initBackend("cpu")); // the reference runs on the pure-JS backend here; wasm gets its own parity check

test("fromKerasGRU returns kernel, recurrentKernel, bias in setWeights order for both bias layouts", () => {
  const [D, H] = [4, 3];
  const k = seededArray([D, 3 * H], 1) as number[][];
  const u = seededArray([H, 3 * H], 2) as number[][];
  const b2 = seededArray([2, 3 * H], 3) as number[][];
  const after = fromKerasGRU(k, u, b2);
  assert.deepEqual(after.map((t) => t.shape), [[D, 3 * H], [H, 3 * H], [2, 3 * H]]);
  const layer = gru({ units: H });
  layer.build([null, null, D]);
  layer.setWeights(after);
  assert.deepEqual(layer.getWeights()[1].arraySync(), tf.tensor(u).arraySync());
  const before = fromKerasGRU(tf.tensor(k), tf.tensor(u), b2[0]);
  assert.deepEqual(before[2].shape, [3 * H]);
  assert.equal(fromKerasGRU(k, u).length, 2);
});

test("fromKerasGRU errors name the argument and the expected shape", () => {
  const [D, H] = [4, 3];
  const k = seededArray([D, 3 * H], 1) as number[][];
  const u = seededArray([H, 3 * H], 2) as number[][];
  assert.throws(() => fromKerasGRU(k, seededArray([H, 2 * H], 2)), /recurrentKernel has shape \[3, 6\], expected \[units, 3·units\]/);
  assert.throws(() => fromKerasGRU(seededArray([D, 6], 1), u), /kernel has shape \[4, 6\], expected \[inputDim, 9\]/);
  assert.throws(() => fromKerasGRU(k, u, seededArray([3, 9], 1)), /bias has shape \[3, 9\], expected \[9\] \(reset_after=False\) or \[2, 9\]/);
});

test("fromKerasGRU rejects NaN and infinite values in tensors and arrays, naming them and their index, and leaks nothing", () => {
  const [D, H] = [2, 2];
  const k = seededArray([D, 3 * H], 1) as number[][];
  const u = seededArray([H, 3 * H], 2) as number[][];
  const before = tf.memory().numTensors;
  const badU = u.map((row) => row.slice());
  badU[1][4] = NaN;
  assert.throws(() => fromKerasGRU(k, badU), /fromKerasGRU: recurrentKernel: value at \[1\]\[4\] is NaN, expected a finite number/);
  const badK = tf.tensor2d(k);
  const data = badK.bufferSync();
  data.set(Infinity, 1, 3);
  const inf = data.toTensor();
  assert.throws(() => fromKerasGRU(inf, u), /fromKerasGRU: kernel: value at \[1\]\[3\] is Infinity, expected a finite number/);
  const bias = tf.tensor1d([0, 0, 0, -Infinity, 0, 0]);
  assert.throws(() => fromKerasGRU(k, u, bias), /bias: value at \[3\] is -Infinity/);
  assert.throws(() => fromKerasGRU(null as unknown as number[][], u), /kernel: expected a tf\.Tensor or a nested array of numbers, got null/);
  tf.dispose([badK, inf, bias]);
  assert.equal(tf.memory().numTensors, before);
});
