import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { denseHead } from "../../src/models/denseHead";
import { FusedDenseLayer } from "../../src/models/fusedDenseLayer";
import { withOtherBackend } from "../support/otherBackend";

before(() => tf.setBackend("cpu"));

test("denseHead: undefined and \"tfjs\" make tf.layers.dense, \"fused\" a FusedDenseLayer with the same settings, initial weights and outputs", () => {
  const x = tf.randomNormal([3, 4], 0, 1, "float32", 5);
  const layer = (head: "tfjs" | "fused" | undefined, activation: "linear" | "softmax") =>
    denseHead("builder", head)({ units: 2, activation, kernelInitializer: tf.initializers.glorotUniform({ seed: 9 }) });
  for (const activation of ["linear", "softmax"] as const) {
    const [byDefault, plain, fused] = [layer(undefined, activation), layer("tfjs", activation), layer("fused", activation)];
    assert.equal(byDefault.getClassName(), "Dense");
    assert.equal(plain.getClassName(), "Dense");
    assert.ok(fused instanceof FusedDenseLayer);
    assert.equal(fused.activation, activation);
    const outputs = [byDefault, plain, fused].map((l) => Array.from((l.apply(x) as tf.Tensor).dataSync()));
    assert.deepEqual([plain, fused].map((l) => l.getWeights().map((w) => Array.from(w.dataSync()))), [0, 0].map(() => byDefault.getWeights().map((w) => Array.from(w.dataSync()))));
    assert.ok(byDefault.getWeights()[1].dataSync().every((v) => v === 0), "zero bias");
    assert.deepEqual(outputs[1], outputs[0]);
    outputs[2].forEach((v, i) => assert.ok(Math.abs(v - outputs[0][i]) <= 1e-6, `${activation} output ${i}: ${v} vs ${outputs[0][i]}`));
    // Independent of both layers: the kernel is tfjs's seeded Glorot-uniform draw itself, and every
    // output is x · kernel + bias (then softmax over the units) computed in float64 here.
    const kernel = Array.from(byDefault.getWeights()[0].dataSync());
    assert.deepEqual(kernel, Array.from(tf.initializers.glorotUniform({ seed: 9 }).apply([4, 2]).dataSync()));
    assert.ok(kernel.some((v) => v !== 0), "a non-zero kernel");
    const xs = Array.from(x.dataSync()), bias = Array.from(byDefault.getWeights()[1].dataSync());
    const reference = [0, 1, 2].flatMap((r) => {
      const z = [0, 1].map((u) => [0, 1, 2, 3].reduce((a, k) => a + xs[r * 4 + k] * kernel[k * 2 + u], bias[u]));
      if (activation === "linear") return z;
      const m = Math.max(...z), e = z.map((v) => Math.exp(v - m)), s = e[0] + e[1];
      return e.map((v) => v / s);
    });
    for (const [name, out] of [["tfjs", outputs[0]], ["fused", outputs[2]]] as const) {
      assert.equal(out.length, reference.length, `${name} ${activation}: 3 rows × 2 units`);
      out.forEach((v, i) => assert.ok(Math.abs(v - reference[i]) <= 1e-6 * Math.max(1, Math.abs(reference[i])), `${name} ${activation} output ${i}: ${v} vs float64 ${reference[i]}`));
    }
  }
});

test("denseHead names the builder, the option and the accepted values; \"fused\" only on the cpu and wasm backends", async () => {
  assert.throws(() => denseHead("buildX", "keras" as "tfjs"), /^Error: buildX: option head "keras", expected "tfjs" or "fused"$/);
  assert.throws(() => denseHead("buildX", "" as "tfjs"), /buildX: option head "", expected "tfjs" or "fused"/);
  await withOtherBackend("test-dense-head", () => {
    assert.throws(() => denseHead("buildX", "fused"), /buildX: option head "fused" runs on the cpu and wasm backends, the active backend is "test-dense-head": use head "tfjs" \(the default\) there/);
    assert.equal(typeof denseHead("buildX", "tfjs"), "function", "the default head builds on any backend");
  });
});
