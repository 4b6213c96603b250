import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { buildMatchedRnn } from "../../src/studies/buildMatchedRnn";

test("buildMatchedRnn: GRU, LSTM and SimpleRNN models have parameter counts within 3 % (an LSTM grows by 8H + … per unit) of each other", async () => {
  await tf.setBackend("cpu");
  for (const [gruUnits, inputDim, outputs, task] of [[32, 2, 1, "regression"], [64, 9, 8, "classification"], [16, 9, 8, "classification"]] as const) {
    const counts = (["gru", "lstm", "simpleRnn"] as const).map((cell) => {
      const m = buildMatchedRnn(cell, { gruUnits, timesteps: 10, inputDim, outputs, task });
      const c = m.countParams();
      m.dispose();
      return c;
    });
    // The GRU's recurrent count by hand: 3·(D·H + H² + 2H), plus the Dense head H·O + O.
    assert.equal(counts[0], 3 * (inputDim * gruUnits + gruUnits * gruUnits + 2 * gruUnits) + gruUnits * outputs + outputs);
    for (const c of counts.slice(1)) assert.ok(Math.abs(c - counts[0]) / counts[0] < 0.03, `counts ${counts} (GRU(${gruUnits}), D ${inputDim})`);
  }
});

test("buildMatchedRnn: the head and loss follow the task; the same seed gives the same weights; bad options named", async () => {
  await tf.setBackend("cpu");
  const opts = { gruUnits: 8, timesteps: 5, inputDim: 3, outputs: 4, task: "classification" as const, seed: 4 };
  const a = buildMatchedRnn("lstm", opts);
  const b = buildMatchedRnn("lstm", opts);
  assert.equal(a.loss, "categoricalCrossentropy");
  const p = a.predict(tf.ones([2, 5, 3])) as tf.Tensor;
  assert.ok((p.sum(1).arraySync() as number[]).every((v) => Math.abs(v - 1) < 1e-5), "softmax rows sum to 1");
  a.getWeights().forEach((w, i) => assert.deepEqual(w.arraySync(), b.getWeights()[i].arraySync()));
  const r = buildMatchedRnn("simpleRnn", { ...opts, task: "regression", outputs: 1 });
  assert.equal(r.loss, "meanSquaredError");
  [a, b, r].forEach((m) => m.dispose());
  assert.throws(() => buildMatchedRnn("gru", { ...opts, gruUnits: 0 }), /buildMatchedRnn option gruUnits: 0, expected a positive integer/);
  assert.throws(() => buildMatchedRnn("gru", { ...opts, task: "ranking" as never }), /buildMatchedRnn option task: "ranking"/);
});

test("buildMatchedRnn's study options reach the model: Adam with clipNorm, the GRU's reset convention, the LSTM's forget bias; refused learning rate named", () => {
  const o = { gruUnits: 4, timesteps: 6, inputDim: 2, outputs: 1, task: "regression" as const };
  const gru = buildMatchedRnn("gru", { ...o, clipNorm: 1, resetAfter: false });
  assert.equal((gru.optimizer as unknown as { clipNorm: number }).clipNorm, 1);
  assert.equal(gru.optimizer.getClassName(), "Adam");
  assert.equal(gru.layers[0].getConfig().resetAfter, false);
  assert.deepEqual(gru.layers[0].getWeights()[2].shape, [12], "reset-before: one bias row");
  const lstm = buildMatchedRnn("lstm", { ...o, unitForgetBias: false });
  assert.equal(lstm.layers[0].getConfig().unitForgetBias, false);
  assert.equal((lstm.optimizer as unknown as { clipNorm: number }).clipNorm, 0, "no clipping unless asked");
  assert.throws(() => buildMatchedRnn("gru", { ...o, learningRate: -1 }), /buildMatchedRnn: option learningRate must be > 0/);
  gru.dispose(); lstm.dispose();
});
