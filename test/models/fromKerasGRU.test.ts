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
