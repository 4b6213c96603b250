import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/index";
import { fusedDense, type FusedDenseActivation } from "../../src/kernels/fusedDense";
import { maxRelativeError, randomArray, randomSource } from "../support/gruTestReferences";

// tfjs's own chain for a dense layer: matMul + bias (+ softmax), differentiated by autograd.
function plainDense(x: tf.Tensor, w: tf.Tensor2D, b: tf.Tensor1D | null, activation: FusedDenseActivation): tf.Tensor {
  const z = tf.matMul(tf.reshape(x, [-1, w.shape[0]]), w);
  const zb = b ? tf.add(z, b) : z;
  return tf.reshape(activation === "softmax" ? tf.softmax(zb) : zb, [...x.shape.slice(0, -1), w.shape[1]]);
}

// Float64 reference from the equations: y = act(x·W + b); loss = Σ y ⊙ g; gradients by hand.
function float64Dense(x: Float32Array, w: Float32Array, b: Float32Array | null, g: Float32Array, rows: number, inDim: number, units: number, softmax: boolean) {
  const y = new Float64Array(rows * units), dx = new Float64Array(rows * inDim), dw = new Float64Array(inDim * units), db = new Float64Array(units);
  for (let i = 0; i < rows; i++) {
    const z = new Float64Array(units);
    for (let j = 0; j < units; j++) {
      let s = b ? b[j] : 0;
      for (let k = 0; k < inDim; k++) s += x[i * inDim + k] * w[k * units + j];
      z[j] = s;
    }
    let dz: Float64Array;
    if (softmax) {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const sum = e.reduce((a, v) => a + v, 0);
      const p = e.map((v) => v / sum);
      let dot = 0;
      for (let j = 0; j < units; j++) dot += g[i * units + j] * p[j];
      dz = p.map((pj, j) => pj * (g[i * units + j] - dot));
      p.forEach((v, j) => { y[i * units + j] = v; });
    } else {
      dz = Float64Array.from({ length: units }, (_, j) => g[i * units + j]);
      z.forEach((v, j) => { y[i * units + j] = v; });
    }
    for (let j = 0; j < units; j++) {
      db[j] += dz[j];
      for (let k = 0; k < inDim; k++) {
        dw[k * units + j] += x[i * inDim + k] * dz[j];
        dx[i * inDim + k] += dz[j] * w[k * units + j];
      }
    }
  }
  return { y, dx, dw, db };
}

const cases: { shape: number[]; units: number; activation: FusedDenseActivation; bias: boolean }[] = [
  { shape: [3, 5, 7], units: 6, activation: "softmax", bias: true },
  { shape: [4, 9], units: 5, activation: "softmax", bias: false },
  { shape: [2, 3, 4], units: 3, activation: "linear", bias: true },
  { shape: [5, 8], units: 11, activation: "linear", bias: false },
];

for (const c of cases) {
  test(`fusedDense ${c.activation} on [${c.shape}] → ${c.units}${c.bias ? "" : " (no bias)"}: values and gradients equal tfjs's chain and a float64 reference (≤ 1e-5 relative)`, async () => {
    await initBackend();
    const rand = randomSource(c.shape.length * 100 + c.units);
    const inDim = c.shape[c.shape.length - 1];
    const rows = c.shape.reduce((a, v) => a * v, 1) / inDim;
    const xa = randomArray(rows * inDim, rand), wa = randomArray(inDim * c.units, rand, 0.7), ba = c.bias ? randomArray(c.units, rand, 0.5) : null;
    const ga = randomArray(rows * c.units, rand);
    const x = tf.tensor(xa, c.shape), w = tf.tensor2d(wa, [inDim, c.units]), b = ba ? tf.tensor1d(ba) : null;
    const gt = tf.tensor(ga, [...c.shape.slice(0, -1), c.units]);
    const run = (f: typeof plainDense) => {
      const inputs = b ? [x, w, b] : [x, w];
      const { value, grads } = tf.valueAndGrads((...t: tf.Tensor[]) => tf.sum(tf.mul(f(t[0], t[1] as tf.Tensor2D, (t[2] ?? null) as tf.Tensor1D | null, c.activation), gt)) as tf.Scalar)(inputs);
      const y = f(x, w, b, c.activation);
      assert.deepEqual(y.shape, [...c.shape.slice(0, -1), c.units]);
      return { loss: value.dataSync()[0], y: y.dataSync(), grads: grads.map((g) => g.dataSync()) };
    };
    const fast = run(fusedDense), plain = run(plainDense);
    assert.ok(maxRelativeError(fast.y, plain.y) <= 1e-5, "values vs tfjs");
    assert.ok(Math.abs(fast.loss - plain.loss) / Math.max(1, Math.abs(plain.loss)) <= 1e-5, "loss vs tfjs");
    fast.grads.forEach((g, i) => assert.ok(maxRelativeError(g, plain.grads[i]) <= 1e-5, `gradient ${i} vs tfjs: ${maxRelativeError(g, plain.grads[i])}`));
    const ref = float64Dense(xa, wa, ba, ga, rows, inDim, c.units, c.activation === "softmax");
    assert.ok(maxRelativeError(fast.y, ref.y) <= 1e-5, "values vs float64");
    const refGrads = [ref.dx, ref.dw, ...(ba ? [ref.db] : [])];
    fast.grads.forEach((g, i) => assert.ok(maxRelativeError(g, refGrads[i]) <= 1e-5, `gradient ${i} vs float64: ${maxRelativeError(g, refGrads[i])}`));
  });
}

test("fusedDense: a wrong shape or activation is an error naming it", async () => {
  await initBackend();
  const w = tf.zeros([4, 3]) as tf.Tensor2D;
  assert.throws(() => fusedDense(tf.zeros([2, 5]), w, null, "softmax"), /input x must be \[\.\.\., 4\].*got \[2,5\]/);
  assert.throws(() => fusedDense(tf.zeros([2, 4]), w, tf.zeros([2]) as tf.Tensor1D, "linear"), /bias must be \[3\], got \[2\]/);
  assert.throws(() => fusedDense(tf.zeros([2, 4]), w, null, "relu" as FusedDenseActivation), /activation "relu", expected linear or softmax/);
});
