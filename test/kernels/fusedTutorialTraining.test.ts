import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { gru, loadSeattleWeather, train, type GruImplementation } from "../../src/index";

// The tutorial's model (GRU(128, tanh, Keras 2+ defaults) → Dense(softmax), adam, categorical
// cross-entropy) on a slice of the bundled Seattle weather windows, trained 3 epochs with the
// fused kernel and with the reference from the same initial weights and the same shuffling.
function tutorialModel(implementation: GruImplementation, timesteps: number, inputDim: number, classes: number): tf.Sequential {
  const model = tf.sequential();
  model.add(gru({
    units: 128, implementation, inputShape: [timesteps, inputDim],
    kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }), recurrentInitializer: tf.initializers.orthogonal({ seed: 8 }),
  }));
  model.add(tf.layers.dense({ units: classes, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 9 }) }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  return model;
}

test("training the tutorial model 3 epochs: fused and reference give the same loss curve", async () => {
  await tf.setBackend("wasm");
  const data = await loadSeattleWeather({ verbose: false });
  const take = (s: { x: tf.Tensor3D; y: tf.Tensor2D }, n: number) => ({ x: s.x.slice(0, n), y: s.y.slice(0, n) });
  const trainSet = take(data.train, 192);
  const validation = take(data.validation, 64);
  const [, timesteps, inputDim] = trainSet.x.shape;
  const classes = data.classes.length;
  const curves: Record<string, number[][]> = {};
  const growth: Record<string, number> = {};
  const reference = tutorialModel("reference", timesteps, inputDim, classes);
  const fused = tutorialModel("fused", timesteps, inputDim, classes);
  fused.setWeights(reference.getWeights());
  for (const [name, model] of [["reference", reference], ["fused", fused]] as const) {
    const before = tf.memory().numTensors;
    const { rows } = await train(model, { ...trainSet, validation }, { epochs: 3, batchSize: 32, seed: 3, progress: "none" });
    curves[name] = rows.map((r) => [r.loss, r.val_loss!, r.acc, r.val_acc!]);
    growth[name] = tf.memory().numTensors - before; // adam's slots (2 per weight) stay with the model
  }
  for (let e = 0; e < 3; e++) {
    const [r, f] = [curves.reference[e], curves.fused[e]];
    console.log(`  epoch ${e + 1}: loss ${r[0].toFixed(6)} vs ${f[0].toFixed(6)}, val_loss ${r[1].toFixed(6)} vs ${f[1].toFixed(6)}, ` +
      `acc ${r[2].toFixed(4)} vs ${f[2].toFixed(4)} (reference vs fused)`);
    for (const i of [0, 1]) assert.ok(Math.abs(r[i] - f[i]) <= 1e-4 * Math.max(1, Math.abs(r[i])), `epoch ${e + 1}: ${r[i]} vs ${f[i]}`);
  }
  assert.ok(curves.fused[2][0] < curves.fused[0][0], "the loss should fall over 3 epochs");
  console.log(`  tensors kept after training: reference ${growth.reference}, fused ${growth.fused} (adam: 2 per weight, 5 weights)`);
  assert.equal(growth.fused, 10);
  assert.equal(growth.reference, 10);
  tf.dispose([trainSet.x, trainSet.y, validation.x, validation.y]);
  reference.dispose();
  fused.dispose();
});
