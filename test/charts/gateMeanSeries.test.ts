import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { gateMeans, gateMeanSeries, gru, initBackend, lstm, simpleRnn, traceGates } from "../../src/index";
import { traceValues } from "../../src/advanced/index";

test("gateMeanSeries: each sigmoid gate's mean over samples and units per step, as tf.mean computes it; no series for a SimpleRNN; gateMeans draws them", async () => {
  await initBackend("cpu");
  const model = tf.sequential({
    layers: [
      gru({ units: 5, returnSequences: true, inputShape: [7, 3], name: "g" }),
      lstm({ units: 4, returnSequences: true, name: "l" }),
      simpleRnn({ units: 3, name: "s" }),
    ],
  });
  const x = tf.randomNormal([6, 7, 3], 0, 1, "float32", 7);
  const traces = traceGates(model, x);
  const series = gateMeanSeries(traces);
  assert.deepEqual(series.map((s) => `${s.layer}.${s.gate}`), ["g.z", "g.r", "l.i", "l.f", "l.o"]);
  for (const s of series) {
    const trace = traces.layers.find((l) => l.layer === s.layer)!;
    const want = tf.tidy(() => tf.mean(tf.tensor3d(traceValues(trace, s.gate), trace.shape), [0, 2]).arraySync() as number[]);
    assert.equal(s.mean.length, 7);
    for (let t = 0; t < 7; t++) assert.ok(Math.abs(s.mean[t] - want[t]) < 1e-6, `${s.layer}.${s.gate} at t=${t}: ${s.mean[t]} vs ${want[t]}`);
  }
  const figure = gateMeans(series);
  assert.equal(figure.data.length, 5);
  x.dispose();
  model.dispose();
});
