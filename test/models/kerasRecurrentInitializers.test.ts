import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { kerasRecurrentInitializers } from "../../src/models/kerasRecurrentInitializers";

test("kerasRecurrentInitializers: Glorot-uniform kernel (seed), orthogonal recurrent kernel (seed + 1), reproducible", async () => {
  await tf.setBackend("cpu");
  const a = kerasRecurrentInitializers(7);
  const b = kerasRecurrentInitializers(7);
  const kernel = a.kernelInitializer.apply([5, 12]);
  const recurrent = a.recurrentInitializer.apply([4, 12]);
  assert.deepEqual(Array.from(kernel.dataSync()), Array.from(b.kernelInitializer.apply([5, 12]).dataSync()), "same seed, same kernel");
  assert.deepEqual(Array.from(recurrent.dataSync()), Array.from(b.recurrentInitializer.apply([4, 12]).dataSync()));
  // Glorot uniform: |w| ≤ sqrt(6 / (fanIn + fanOut)) = sqrt(6 / 17).
  assert.ok(Array.from(kernel.dataSync()).every((w) => Math.abs(w) <= Math.sqrt(6 / 17)));
  assert.deepEqual(a.kernelInitializer.getConfig(), { scale: 1, mode: "fanAvg", distribution: "uniform", seed: 7 });
  // Orthogonal rows: R Rᵀ = I for the [4, 12] recurrent kernel.
  const r = recurrent.arraySync() as number[][];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const dot = r[i].reduce((s, x, k) => s + x * r[j][k], 0);
      assert.ok(Math.abs(dot - (i === j ? 1 : 0)) < 1e-5, `row ${i} · row ${j} = ${dot}`);
    }
  }
  assert.equal(a.recurrentInitializer.getConfig().seed, 8);
  assert.notDeepEqual(Array.from(kerasRecurrentInitializers(8).kernelInitializer.apply([5, 12]).dataSync()), Array.from(kernel.dataSync()), "another seed, other weights");
});
