import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend, simpleRnn } from "../../src/index";
import { layerParity } from "../support/cellLayers";
import type { CellCase } from "../support/float64Cells";

before(() => initBackend("cpu"));

const cases: CellCase[] = [
  { cell: "simpleRnn", batch: 3, time: 6, inputDim: 4, units: 5, useBias: true },
  { cell: "simpleRnn", batch: 1, time: 1, inputDim: 1, units: 1, useBias: true },
  { cell: "simpleRnn", batch: 2, time: 4, inputDim: 40, units: 33, useBias: false },
];

test("outputs and gradients (input, kernel, recurrentKernel, bias) match tf.layers.simpleRNN and float64 within 1e-5 relative (cpu and wasm, reference and fused, odd sizes, batch 1, T 1)", async () => {
  for (const backend of ["cpu", "wasm"]) {
    await initBackend(backend);
    for (const impl of ["reference", "fused"] as const) {
      for (const k of cases) {
        const worst = layerParity(k, impl, k.units * 5 + k.time);
        const line = Object.entries(worst).map(([n, e]) => `${n} ${e.toExponential(1)}`).join(", ");
        console.log(`  [${backend}, ${impl}, B${k.batch} T${k.time} D${k.inputDim} H${k.units}] ${line}`);
        for (const [n, e] of Object.entries(worst)) assert.ok(e <= 1e-5, `${backend} ${impl} ${n}: ${e}`);
      }
    }
  }
  await initBackend("cpu");
});

test("Keras layout (kernel [D, H], recurrentKernel [H, H], bias [H]); relu runs the reference and matches tf.layers.simpleRNN", () => {
  const [B, T, D, H] = [2, 5, 3, 4];
  const ours = simpleRnn({ units: H, activation: "relu", returnSequences: true });
  const theirs = tf.layers.simpleRNN({ units: H, activation: "relu", returnSequences: true });
  ours.build([null, null, D]);
  tf.dispose(theirs.apply(tf.zeros([1, 1, D])) as tf.Tensor);
  assert.deepEqual(ours.getWeights().map((w) => w.shape), [[D, H], [H, H], [H]]);
  theirs.setWeights(ours.getWeights());
  const x = tf.randomUniform([B, T, D], -2, 2, "float32", 3);
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(ours.apply(x) as tf.Tensor, theirs.apply(x) as tf.Tensor))).dataSync()[0]);
  assert.ok(diff <= 1e-6, `diff ${diff}`);
  assert.throws(() => simpleRnn({ units: 2, implementation: "fused", activation: "relu" }).apply(tf.zeros([1, 2, 3])),
    /activation "relu" is not supported/);
});
