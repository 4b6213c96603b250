import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { buildForecaster } from "../../src/models/buildForecaster";
import { FusedDenseLayer } from "../../src/models/fusedDenseLayer";
import { GrulabGRU } from "../../src/models/gru";
import { assertHeadOptionChecked } from "../support/headOption";

test("buildForecaster: grulab GRU → Dense(horizon); the output is the Dense map of the GRU's last state", async () => {
  await tf.setBackend("cpu");
  const model = buildForecaster({ timesteps: 5, inputDim: 3, horizon: 4, units: 6, seed: 3 });
  assert.ok(model.layers[0] instanceof GrulabGRU);
  // GRU reset after: 3·(units·(inputDim + units) + 2·units); Dense: (units + 1)·horizon
  assert.equal(model.countParams(), 3 * (6 * (3 + 6) + 2 * 6) + (6 + 1) * 4);
  const x = tf.randomUniform([2, 5, 3], -1, 1, "float32", 1) as tf.Tensor3D;
  const h = (model.layers[0] as GrulabGRU).runSequence(x).h.arraySync() as number[][][];
  const [W, b] = model.layers[1].getWeights().map((w) => w.arraySync()) as [number[][], number[]];
  const out = (model.predict(x) as tf.Tensor).arraySync() as number[][];
  for (let s = 0; s < 2; s++) {
    const last = h[s][4];
    b.forEach((bk, k) => assert.ok(Math.abs(out[s][k] - last.reduce((acc, v, u) => acc + v * W[u][k], bk)) < 1e-5, `sample ${s}, step ${k + 1}`));
  }
  model.dispose();
});

test("buildForecaster names a bad option", () => {
  assert.throws(() => buildForecaster({ timesteps: 5, inputDim: 3, horizon: 0 }), /buildForecaster: option horizon must be an integer ≥ 1, got 0/);
  assert.throws(() => buildForecaster({ timesteps: 5, inputDim: 3, horizon: 2, learningRate: 0 }), /buildForecaster: option learningRate must be > 0, got 0/);
});

test("buildForecaster head \"fused\": the same initial weights, losses and forecasts as the default head over a few steps", async () => {
  await tf.setBackend("cpu");
  const x = tf.randomNormal([8, 6, 2], 0, 1, "float32", 4);
  const y = tf.randomNormal([8, 3], 0, 1, "float32", 5);
  const run = async (head: "tfjs" | "fused" | undefined) => {
    const model = buildForecaster({ timesteps: 6, inputDim: 2, horizon: 3, units: 5, seed: 7, head });
    const initial = model.getWeights().map((w) => Array.from(w.dataSync()));
    const losses: number[] = [];
    for (let i = 0; i < 4; i++) losses.push(await model.trainOnBatch(x, y) as number);
    const p = model.predict(x) as tf.Tensor;
    const out = { model, initial, losses, forecasts: Array.from(p.dataSync()) };
    p.dispose();
    return out;
  };
  const byDefault = await run(undefined);
  const plain = await run("tfjs");
  const fused = await run("fused");
  assert.equal(plain.model.layers[1].getClassName(), "Dense");
  assert.equal(fused.model.layers[1].getClassName(), "GrulabFusedDense");
  assert.equal((fused.model.layers[1] as FusedDenseLayer).activation, "linear");
  assert.deepEqual([byDefault.losses, byDefault.forecasts], [plain.losses, plain.forecasts], "the default is the tfjs head");
  assert.deepEqual(fused.model.getWeights().map((w) => w.shape), plain.model.getWeights().map((w) => w.shape));
  assert.deepEqual(fused.initial, plain.initial, "the same seeded initial weights");
  assert.equal(fused.model.loss, "meanSquaredError");
  assert.ok(plain.losses[3] < plain.losses[0], `the loss falls: ${plain.losses}`);
  fused.losses.forEach((loss, i) => assert.ok(Math.abs(loss - plain.losses[i]) <= 1e-5 * Math.abs(plain.losses[i]), `step ${i}: loss ${loss} vs ${plain.losses[i]}`));
  fused.forecasts.forEach((v, i) => assert.ok(Math.abs(v - plain.forecasts[i]) <= 1e-5, `forecast ${i}: ${v} vs ${plain.forecasts[i]}`));
  for (const r of [byDefault, plain, fused]) r.model.dispose();
});

test("buildForecaster rejects an unknown head by name, and head \"fused\" off the cpu and wasm backends", async () => {
  await assertHeadOptionChecked("buildForecaster", (head) => buildForecaster({ timesteps: 5, inputDim: 3, horizon: 2, head }));
});
