import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { dropoutMask } from "../../src/models/dropoutMask";

test("dropoutMask: 0 with probability rate, else 1 / (1 − rate)", () => {
  const mask = dropoutMask([2000], 0.25);
  const values = mask.dataSync();
  assert.ok(values.every((v) => v === 0 || Math.abs(v - 4 / 3) < 1e-6));
  const dropped = values.filter((v) => v === 0).length / values.length;
  assert.ok(dropped > 0.2 && dropped < 0.3, `dropped fraction ${dropped}`);
  mask.dispose();
  const none = dropoutMask([100], 0);
  assert.ok(none.dataSync().every((v) => v === 1));
  none.dispose();
  assert.equal(tf.memory().numTensors, 0, "the intermediate tensors are freed");
});
