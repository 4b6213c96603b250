import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/index";
import { FusedAdam } from "../../src/models/fusedAdam";
import { cpuVariant, NATIVE_VARIANTS, nativeKernelPath } from "../../src/kernels/nativeKernel";
import * as fs from "node:fs";
import { maxRelativeError, randomArray, randomSource, runTestsWith } from "../support/gruTestReferences";

// tfjs's Adam on gradients clipped by tensor ops (what adamOptimizer did before FusedAdam).
function plainStep(adam: tf.Optimizer, grads: { name: string; tensor: tf.Tensor }[], clipNorm: number): void {
  const clipped = grads.map(({ name, tensor }) => ({
    name, tensor: clipNorm > 0 ? tf.tidy(() => tf.mul(tensor, tf.div(clipNorm, tf.maximum(tf.norm(tensor), clipNorm)))) : tensor,
  }));
  adam.applyGradients(clipped);
}

for (const clipNorm of [0, 0.5]) {
  test(`FusedAdam (clipNorm ${clipNorm}): 4 steps on 3 weights equal tf.train.adam on tensor-op-clipped gradients (≤ 1e-5 relative), moments and their names included`, async () => {
    await initBackend();
    const rand = randomSource(7);
    // (41 × 25: the native step's vector loop and its tail)
    const shapes = [[5, 6], [6], [3, 2, 4], [41, 25]];
    const make = (tag: string) => shapes.map((s, k) => tf.variable(tf.tensor(randomArray(s.reduce((a, b) => a * b, 1), randomSource(k)), s), true, `fa_${tag}_${clipNorm}_${k}`));
    const fastVars = make("fast"), plainVars = make("plain");
    const fast = new FusedAdam(0.01, clipNorm), plain = tf.train.adam(0.01);
    for (let step = 0; step < 4; step++) {
      const g = shapes.map((s) => tf.tensor(randomArray(s.reduce((a, b) => a * b, 1), rand, 2), s));
      fast.applyGradients(fastVars.map((v, k) => ({ name: v.name, tensor: g[k] })));
      plainStep(plain, plainVars.map((v, k) => ({ name: v.name, tensor: g[k] })), clipNorm);
      tf.dispose(g);
    }
    fastVars.forEach((v, k) => assert.ok(maxRelativeError(v.dataSync(), plainVars[k].dataSync()) <= 1e-5, `weight ${k}`));
    // On the wasm backend the same bits (a run resumed with tfjs's own Adam continues exactly).
    if (tf.getBackend() === "wasm") fastVars.forEach((v, k) => assert.deepEqual(Array.from(v.dataSync()), Array.from(plainVars[k].dataSync()), `weight ${k} bitwise`));
    const [a, b] = [await fast.getWeights(), await plain.getWeights()];
    assert.equal(a.length, 1 + 2 * shapes.length);
    assert.deepEqual(a.map((w) => w.name.replace("fast", "x")), b.map((w) => w.name.replace("plain", "x")));
    a.forEach((w, i) => assert.ok(maxRelativeError(w.tensor.dataSync(), b[i].tensor.dataSync()) <= 1e-5, `optimizer weight ${w.name}`));
    assert.equal(fast.getClassName(), "Adam");
    tf.dispose([...fastVars, ...plainVars]);
    fast.dispose(); plain.dispose();
  });
}

for (const clipNorm of [0, 0.5]) {
  test(`FusedAdam (clipNorm ${clipNorm}) on the wasm backend steps the moments in place (their data kept) and gives each weight a new tensor (as tfjs's Adam), with the bits of tf.train.adam; a live reshape of a weight keeps its values`, async () => {
    await initBackend("wasm");
    const rand = randomSource(11);
    const shapes = [[41, 25], [7], [3, 2, 4]];
    const make = (tag: string) => shapes.map((s, k) => tf.tidy(() => tf.variable(tf.tensor(randomArray(s.reduce((a, b) => a * b, 1), randomSource(k)), s), true, `fa_inplace_${tag}_${clipNorm}_${k}`)));
    const fastVars = make("fast"), plainVars = make("plain");
    const fast = new FusedAdam(0.01, clipNorm), plain = tf.train.adam(0.01);
    const shared = tf.reshape(fastVars[1], [7, 1]); // shares weight 1's data until its first step
    const before = Array.from(shared.dataSync());
    let moments: object[] = [];
    for (let step = 0; step < 5; step++) {
      const ids = fastVars.map((v) => v.dataId);
      const g = shapes.map((s) => tf.tensor(randomArray(s.reduce((a, b) => a * b, 1), rand, 2), s));
      fast.applyGradients(fastVars.map((v, k) => ({ name: v.name, tensor: g[k] })));
      plainStep(plain, plainVars.map((v, k) => ({ name: v.name, tensor: g[k] })), clipNorm);
      tf.dispose(g);
      fastVars.forEach((v, k) => assert.notEqual(v.dataId, ids[k], `step ${step}: weight ${k} has a new tensor`));
      const now = (await fast.getWeights()).slice(1).map((w) => w.tensor.dataId);
      if (step > 0) now.forEach((id, i) => assert.equal(id, moments[i], `step ${step}: moment ${i} stepped in place`));
      moments = now;
    }
    fastVars.forEach((v, k) => assert.deepEqual(Array.from(v.dataSync()), Array.from(plainVars[k].dataSync()), `weight ${k} bitwise`));
    const [a, b] = [await fast.getWeights(), await plain.getWeights()];
    a.forEach((w, i) => assert.deepEqual(Array.from(w.tensor.dataSync()), Array.from(b[i].tensor.dataSync()), `optimizer weight ${w.name} bitwise`));
    assert.deepEqual(Array.from(shared.dataSync()), before, "the reshape sharing weight 1's old data is unchanged");
    tf.dispose([shared, ...fastVars, ...plainVars]);
    fast.dispose(); plain.dispose();
  });
}

test("FusedAdam on the wasm backend trains a model whose Dense layer runs on tfjs's matmul (which caches its prepared weight by tensor) to the bits of tf.train.adam, step by step", async () => {
  await initBackend("wasm");
  // a weight overwritten in place would leave that cache stale: the next forward would use the old kernel
  const build = (optimizer: tf.Optimizer) => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 16, inputShape: [12], activation: "tanh", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 3, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) })] });
    m.compile({ optimizer, loss: "categoricalCrossentropy" });
    return m;
  };
  const fast = build(new FusedAdam(0.05)), plain = build(tf.train.adam(0.05));
  const x = tf.tensor2d(randomArray(32 * 12, randomSource(3)), [32, 12]);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 3), "int32"), 3).toFloat();
  for (let step = 0; step < 6; step++) {
    const [lf, lp] = [await fast.trainOnBatch(x, y), await plain.trainOnBatch(x, y)];
    assert.equal(lf, lp, `step ${step}: the same loss`);
  }
  fast.getWeights().forEach((w, k) => assert.deepEqual(Array.from(w.dataSync()), Array.from(plain.getWeights()[k].dataSync()), `weight ${k} bitwise`));
  tf.dispose([x, y]);
  fast.dispose(); plain.dispose();
});

test("FusedAdam resumes from its weights: setWeights on a fresh optimizer, then the same next step as the original", async () => {
  await initBackend();
  const w1 = tf.variable(tf.tensor1d([1, -2, 3]), true, "fa_resume_a"), w2 = tf.variable(tf.tensor1d([1, -2, 3]), true, "fa_resume_b");
  const first = new FusedAdam(0.1, 1);
  const g = [tf.tensor1d([3, 4, 0]), tf.tensor1d([0.3, -0.4, 0.1]), tf.tensor1d([-6, 0, 8])];
  first.applyGradients([{ name: w1.name, tensor: g[0] }]);
  first.applyGradients([{ name: w1.name, tensor: g[1] }]);
  w2.assign(w1);
  const copy = new FusedAdam(0.1, 1);
  await copy.setWeights(await first.getWeights());
  first.applyGradients([{ name: w1.name, tensor: g[2] }]);
  copy.applyGradients([{ name: w2.name, tensor: g[2] }]);
  // (setWeights recomputes accBeta as β^(t+1), the original multiplied it step by step: as tfjs's Adam, equal to rounding)
  assert.ok(maxRelativeError(w2.dataSync(), w1.dataSync()) <= 1e-6);
  assert.ok(maxRelativeError(w2.dataSync(), [1, -2, 3]) > 0.1, "the steps moved the weight");
  tf.dispose([w1, w2, ...g]);
});

test("instanceof FusedAdam is true for a FusedAdam (and its subclasses) only: not tfjs's Adam or SGD, which tfjs's duck-typed Optimizer instanceof accepts", () => {
  const adam = tf.train.adam(0.01), sgd = tf.train.sgd(0.1), fused = new FusedAdam(0.01, 5);
  class Sub extends FusedAdam {}
  const sub = new Sub(0.01);
  assert.equal(adam instanceof tf.Optimizer && sgd instanceof tf.Optimizer, true, "tfjs's own instanceof: by duck typing");
  assert.equal(adam instanceof FusedAdam, false, "tf.train.adam is not a FusedAdam");
  assert.equal(sgd instanceof FusedAdam, false, "tf.train.sgd is not a FusedAdam");
  assert.equal(({ minimize() {}, computeGradients() {}, applyGradients() {} }) instanceof FusedAdam, false, "a look-alike object is not");
  assert.equal((null as unknown) instanceof FusedAdam, false);
  assert.equal(fused instanceof FusedAdam && fused instanceof tf.AdamOptimizer && fused instanceof tf.Optimizer, true);
  assert.equal(sub instanceof FusedAdam && sub instanceof Sub, true);
  assert.equal(fused instanceof Sub, false, "a FusedAdam is not a subclass's instance");
  [adam, sgd, fused, sub].forEach((o) => o.dispose());
});

// The step runs in the GRU addon's C (src/kernels/native/adam.h) where the native kernel is in use,
// else in JS: each native build this CPU runs, and the JS loop, pass the bitwise tests above.
const level = cpuVariant();
const runnable = level === null ? [] : NATIVE_VARIANTS.slice(NATIVE_VARIANTS.indexOf(level)).filter((v) => fs.existsSync(nativeKernelPath("gru", v)));
for (const kernel of [...runnable.map((v) => `native-${v}`), "wasm"]) {
  test(`FusedAdam with GRULAB_KERNEL=${kernel} (${kernel === "wasm" ? "the JS loop" : "the addon's adamStep"}) passes the tests above, bitwise ones included`,
    { skip: process.env.GRULAB_KERNEL ? "nested run" : false }, () => {
      if (kernel !== "wasm") {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const addon = require(nativeKernelPath("gru", kernel.slice("native-".length) as (typeof NATIVE_VARIANTS)[number])) as { adamStep(...a: Float32Array[]): void };
        assert.throws(() => addon.adamStep(new Float32Array(2), new Float32Array(3), ...Array.from({ length: 5 }, () => new Float32Array(2)), new Float32Array(9)), /differ in length/);
        assert.throws(() => addon.adamStep(new Float32Array(2)), /eight Float32Arrays/);
        const inPlace = (addon as unknown as { adamStepInPlace(...a: Float32Array[]): void }).adamStepInPlace;
        assert.throws(() => inPlace(new Float32Array(2), new Float32Array(3), new Float32Array(2), new Float32Array(2), new Float32Array(9)), /differ in length/);
        assert.throws(() => inPlace(new Float32Array(2)), /five Float32Arrays/);
        assert.throws(() => inPlace(...Array.from({ length: 4 }, () => new Float32Array(2)), new Float32Array(8)), /9 constants/);
      }
      const { pass, fail } = runTestsWith(["../models/fusedAdam.test.js"], { GRULAB_KERNEL: kernel });
      assert.equal(fail, 0);
      assert.ok(pass >= 3, `${pass} tests passed`);
    });
}
