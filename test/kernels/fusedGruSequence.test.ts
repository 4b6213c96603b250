import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { fusedGruSequence, fusedSupports } from "../../src/kernels/fusedGruSequence";
import { referenceGruSequence } from "../../src/models/referenceGruSequence";
import { gruKernel } from "../../src/kernels/gruKernel";
import { gruTensors, maxRelativeError, randomArray, randomGruArrays, randomSource, type GruCase } from "../support/gruTestReferences";

const tensorsOf = (c: GruCase, seed: number) => gruTensors(c, randomGruArrays(c, seed));

function disposeAll(t: ReturnType<typeof tensorsOf>): void {
  tf.dispose([t.x, t.h0, t.kernel, t.recurrentKernel, ...(t.bias ? [t.bias] : [])]);
}

// Outputs and gradients of L = Σ h·dh for one implementation, as plain arrays.
function run(c: GruCase, impl: "fused" | "reference", seed: number): Float32Array[] {
  return tf.tidy(() => {
    const t = tensorsOf(c, seed);
    const dh = tf.tensor3d(randomArray(c.batch * c.time * c.units, randomSource(seed + 1)), [c.batch, c.time, c.units]);
    const list = t.bias ? [t.x, t.h0, t.kernel, t.recurrentKernel, t.bias] : [t.x, t.h0, t.kernel, t.recurrentKernel];
    const forward = (ts: tf.Tensor[]) => {
      const [x, h0, kernel, recurrentKernel] = ts as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const bias = (ts[4] ?? null) as tf.Tensor1D | tf.Tensor2D | null;
      const fn = impl === "fused" ? fusedGruSequence : referenceGruSequence;
      return fn({ x, h0, kernel, recurrentKernel, bias }, { resetAfter: c.resetAfter });
    };
    const out = [forward(list)].flatMap((o) => [o.h, o.z, o.r, o.hTilde]).map((g) => g.dataSync() as Float32Array);
    const grads = tf.grads((...ts: tf.Tensor[]) => forward(ts).h.mul(dh).sum() as tf.Scalar)(list);
    return [...out, ...grads.map((g) => g.dataSync() as Float32Array)];
  });
}

const names = ["h", "z", "r", "hTilde", "dx", "dh0", "dKernel", "dRecurrentKernel", "dBias"];
const cases: GruCase[] = [
  { batch: 3, time: 4, inputDim: 1, units: 6, resetAfter: true, useBias: true },
  { batch: 2, time: 5, inputDim: 3, units: 9, resetAfter: false, useBias: true },
  { batch: 1, time: 1, inputDim: 2, units: 5, resetAfter: true, useBias: false },
  { batch: 5, time: 3, inputDim: 8, units: 16, resetAfter: false, useBias: false },
];

for (const backend of ["cpu", "wasm"]) {
  for (const c of cases) {
    const name = `${backend}: B${c.batch} T${c.time} D${c.inputDim} H${c.units} resetAfter ${c.resetAfter} bias ${c.useBias}`;
    test(`fusedGruSequence outputs and tape gradients match referenceGruSequence (${name})`, async () => {
      await tf.setBackend(backend);
      const seed = c.units * 13 + c.batch;
      const got = run(c, "fused", seed);
      const want = run(c, "reference", seed);
      assert.equal(got.length, want.length);
      const errors = got.map((g, i) => [names[i], maxRelativeError(g, want[i])] as const);
      console.log(`  ${name}: ${errors.map(([k, e]) => `${k} ${e.toExponential(1)}`).join(", ")}`);
      for (const [k, e] of errors) assert.ok(e <= 1e-5, `${k}: max relative error ${e}`);
    });
  }
}

// Gradients of a loss that uses the gate outputs too: L = Σ_k Σ (w_k ⊙ o_k) over the outputs
// o = h, z, r, hTilde with weights w_k (random arrays, a constant such as 10, or absent).
type Weights = Partial<Record<"h" | "z" | "r" | "hTilde", number | "random">>;
function gateLossGradients(c: GruCase, impl: "fused" | "reference", seed: number, weights: Weights): Float32Array[] {
  return tf.tidy(() => {
    const t = tensorsOf(c, seed);
    const rand = randomSource(seed + 7);
    const list = t.bias ? [t.x, t.h0, t.kernel, t.recurrentKernel, t.bias] : [t.x, t.h0, t.kernel, t.recurrentKernel];
    const shape: [number, number, number] = [c.batch, c.time, c.units];
    const w = Object.entries(weights).map(([k, v]) =>
      [k, v === "random" ? tf.tensor3d(randomArray(c.batch * c.time * c.units, rand), shape) : tf.scalar(v)] as const);
    const loss = (...ts: tf.Tensor[]) => {
      const [x, h0, kernel, recurrentKernel] = ts as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const bias = (ts[4] ?? null) as tf.Tensor1D | tf.Tensor2D | null;
      const fn = impl === "fused" ? fusedGruSequence : referenceGruSequence;
      const o = fn({ x, h0, kernel, recurrentKernel, bias }, { resetAfter: c.resetAfter });
      return tf.addN(w.map(([k, wk]) => o[k as keyof typeof o].mul(wk).sum())) as tf.Scalar;
    };
    return tf.grads(loss)(list).map((g) => g.dataSync() as Float32Array);
  });
}

const gateCases: GruCase[] = [
  { batch: 3, time: 5, inputDim: 2, units: 7, resetAfter: true, useBias: true },
  { batch: 3, time: 5, inputDim: 2, units: 7, resetAfter: false, useBias: true },
  { batch: 1, time: 1, inputDim: 3, units: 5, resetAfter: true, useBias: false },
  { batch: 4, time: 3, inputDim: 1, units: 9, resetAfter: false, useBias: false },
];
const losses: [string, Weights][] = [
  ["Σh + 10·Σz", { h: 1, z: 10 }],
  ["Σ w⊙z", { z: "random" }],
  ["Σ w⊙r", { r: "random" }],
  ["Σ w⊙hTilde", { hTilde: "random" }],
  ["Σ w⊙h + Σ w⊙z + Σ w⊙r + Σ w⊙hTilde", { h: "random", z: "random", r: "random", hTilde: "random" }],
];
for (const backend of ["cpu", "wasm"]) {
  for (const c of gateCases) {
    const name = `${backend}: B${c.batch} T${c.time} D${c.inputDim} H${c.units} resetAfter ${c.resetAfter} bias ${c.useBias}`;
    test(`fusedGruSequence: exact gradients through h, z, r and hTilde match referenceGruSequence (${name})`, async () => {
      await tf.setBackend(backend);
      for (const [lossName, weights] of losses) {
        const seed = c.units * 7 + c.time;
        const got = gateLossGradients(c, "fused", seed, weights);
        const want = gateLossGradients(c, "reference", seed, weights);
        assert.equal(got.length, want.length);
        const errors = got.map((g, i) => [names[4 + i], maxRelativeError(g, want[i])] as const);
        console.log(`  ${name}, L = ${lossName}: ${errors.map(([k, e]) => `${k} ${e.toExponential(1)}`).join(", ")}`);
        for (const [k, e] of errors) assert.ok(e <= 1e-5, `L = ${lossName}: ${k}: max relative error ${e}`);
      }
    });
  }
}

test("fusedSupports accepts tanh/sigmoid only, and fusedGruSequence says why it refuses the rest", async () => {
  await tf.setBackend("cpu");
  assert.equal(fusedSupports({ resetAfter: true }), true);
  assert.equal(fusedSupports({ resetAfter: false, activation: "tanh", recurrentActivation: "sigmoid" }), true);
  assert.equal(fusedSupports({ resetAfter: false, recurrentActivation: "hardSigmoid" }), false);
  assert.equal(fusedSupports({ resetAfter: true, activation: "relu" }), false);
  const t = tensorsOf({ batch: 2, time: 3, inputDim: 2, units: 4, resetAfter: true, useBias: true }, 5);
  assert.throws(() => fusedGruSequence(t, { resetAfter: true, recurrentActivation: "hardSigmoid" }), /recurrentActivation "hardSigmoid"/);
  assert.throws(() => fusedGruSequence(t, { resetAfter: false }), /input bias must be float32 \[12\] \(resetAfter false\), got float32 \[2,12\]/);
  disposeAll(t);
});

for (const backend of ["cpu", "wasm"]) {
  test(`200 fused training steps leave tf.memory().numTensors and the kernel's memory flat (${backend})`, async () => {
    await tf.setBackend(backend);
    const c: GruCase = { batch: 4, time: 6, inputDim: 3, units: 8, resetAfter: true, useBias: true };
    const t = tensorsOf(c, 9);
    const kernel = tf.variable(t.kernel);
    const optimizer = tf.train.adam(0.01);
    const step = () => optimizer.minimize(() => {
      const out = fusedGruSequence({ ...t, kernel: kernel as tf.Tensor2D }, { resetAfter: true });
      return out.h.square().mean() as tf.Scalar;
    });
    step(); // optimizer slots and the kernel's memory are allocated on the first step
    const tensors = tf.memory().numTensors;
    const bytes = gruKernel().memory.buffer.byteLength;
    for (let i = 0; i < 200; i++) step();
    console.log(`  ${backend}: numTensors ${tensors} → ${tf.memory().numTensors}, kernel memory ${bytes} → ${gruKernel().memory.buffer.byteLength} bytes`);
    assert.equal(tf.memory().numTensors, tensors);
    assert.equal(gruKernel().memory.buffer.byteLength, bytes);
    optimizer.dispose();
    kernel.dispose();
    disposeAll(t);
  });
}

test("gateOutputs false (a layer's call): the same h and gradients, z, r and hTilde empty [batch, time, 0]", async () => {
  await tf.setBackend("wasm");
  const c: GruCase = { batch: 3, time: 4, inputDim: 2, units: 5, resetAfter: true, useBias: true };
  const t = tensorsOf(c, 21);
  const lossOf = (gateOutputs: boolean) => (k: tf.Tensor) =>
    fusedGruSequence({ ...t, kernel: k as tf.Tensor2D }, { resetAfter: true, gateOutputs }).h.square().sum() as tf.Scalar;
  const all = fusedGruSequence(t, { resetAfter: true });
  const hOnly = fusedGruSequence(t, { resetAfter: true, gateOutputs: false });
  assert.deepEqual(hOnly.h.dataSync(), all.h.dataSync());
  for (const g of [hOnly.z, hOnly.r, hOnly.hTilde]) assert.deepEqual(g.shape, [3, 4, 0]);
  assert.deepEqual(tf.grad(lossOf(false))(t.kernel).dataSync(), tf.grad(lossOf(true))(t.kernel).dataSync());
  tf.dispose([all.h, all.z, all.r, all.hTilde, hOnly.h, hOnly.z, hOnly.r, hOnly.hTilde]);
  disposeAll(t);
});

for (const backend of ["cpu", "wasm"]) {
  for (const resetAfter of [true, false]) {
    test(`lastStepOnly (returnSequences false): h is the last step [batch, 1, units]; every gradient matches the reference's through its last step, and bitwise the fused full sequence's with dL/dh zero before the last step (${backend}, resetAfter ${resetAfter})`, async () => {
      await tf.setBackend(backend);
      const c: GruCase = { batch: 3, time: 7, inputDim: 2, units: 5, resetAfter, useBias: true };
      const t = tensorsOf(c, 31);
      const weights = tf.tensor2d(randomArray(c.batch * c.units, randomSource(32)), [c.batch, c.units]);
      const list = [t.x, t.h0, t.kernel, t.recurrentKernel, t.bias!];
      const lastOf = (impl: "fused" | "fusedFull" | "reference", ts: tf.Tensor[]): tf.Tensor2D => {
        const [x, h0, kernel, recurrentKernel, bias] = ts as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const inputs = { x, h0, kernel, recurrentKernel, bias };
        if (impl === "fusedFull") {
          // every step's h out, the loss reading the last: dL/dh of the earlier steps is zeros
          const h = fusedGruSequence(inputs, { resetAfter, gateOutputs: false }).h;
          return h.slice([0, c.time - 1, 0], [-1, 1, -1]).reshape([c.batch, c.units]);
        }
        if (impl === "fused") {
          const h = fusedGruSequence(inputs, { resetAfter, gateOutputs: false, lastStepOnly: true }).h;
          assert.deepEqual(h.shape, [c.batch, 1, c.units]);
          return h.reshape([c.batch, c.units]);
        }
        const h = referenceGruSequence(inputs, { resetAfter }).h;
        return h.slice([0, c.time - 1, 0], [-1, 1, -1]).reshape([c.batch, c.units]);
      };
      const results = (["fused", "reference", "fusedFull"] as const).map((impl) => tf.tidy(() => {
        const value = lastOf(impl, list).dataSync() as Float32Array;
        const grads = tf.grads((...ts: tf.Tensor[]) => lastOf(impl, ts).mul(weights).sum() as tf.Scalar)(list);
        return [value, ...grads.map((g) => g.dataSync() as Float32Array)];
      }));
      const labels = ["h last", "dx", "dh0", "dKernel", "dRecurrentKernel", "dBias"];
      results[0].forEach((got, i) => {
        const e = maxRelativeError(got, results[1][i]);
        assert.ok(e <= 1e-5, `${labels[i]}: max relative error ${e}`);
        // the last step's dL/dh alone starts the carried dh (no dhOut of zeros): the same bits
        assert.deepEqual(Array.from(got), Array.from(results[2][i]), `${labels[i]}: lastStepOnly and the full sequence differ`);
      });
      assert.throws(() => fusedGruSequence(t, { resetAfter, lastStepOnly: true }), /lastStepOnly needs gateOutputs false/);
      tf.dispose([weights]);
      disposeAll(t);
    });
  }
}
