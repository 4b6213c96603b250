import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { buildForecaster } from "../../src/models/buildForecaster";
import { GrulabGRU } from "../../src/models/gru";

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
