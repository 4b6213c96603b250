import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { gruKernelBackward } from "../../src/kernels/gruKernelBackward";
import { gruKernelForward } from "../../src/kernels/gruKernelForward";
import { referenceGruSequence } from "../../src/models/referenceGruSequence";
import { gruTensors, maxRelativeError, randomArray, randomGruArrays, randomSource, type GruCase } from "../support/gruTestReferences";

// Gradients of L = Σ h·dh (+ Σ z·dz + Σ r·dr + Σ h̃·dh̃ with gate gradients) by tfjs autograd
// through referenceGruSequence (backend cpu).
function autogradReference(c: GruCase, a: ReturnType<typeof randomGruArrays>, dh: Float32Array,
                           gates: { z: Float32Array; r: Float32Array; hTilde: Float32Array } | null) {
  return tf.tidy(() => {
    const H = c.units;
    const shape3 = [c.batch, c.time, H] as [number, number, number];
    const t = gruTensors(c, a);
    const args = t.bias ? [t.x, t.h0, t.kernel, t.recurrentKernel, t.bias] : [t.x, t.h0, t.kernel, t.recurrentKernel];
    const grads = tf.grads((...ts: tf.Tensor[]) => {
      const o = referenceGruSequence({
        x: ts[0] as tf.Tensor3D, h0: ts[1] as tf.Tensor2D, kernel: ts[2] as tf.Tensor2D, recurrentKernel: ts[3] as tf.Tensor2D,
        bias: (ts[4] ?? null) as tf.Tensor1D | tf.Tensor2D | null,
      }, { resetAfter: c.resetAfter });
      let loss = o.h.mul(tf.tensor3d(dh, shape3)).sum();
      if (gates) {
        loss = loss.add(o.z.mul(tf.tensor3d(gates.z, shape3)).sum()).add(o.r.mul(tf.tensor3d(gates.r, shape3)).sum())
          .add(o.hTilde.mul(tf.tensor3d(gates.hTilde, shape3)).sum());
      }
      return loss as tf.Scalar;
    })(args);
    return grads.map((g) => g.dataSync() as Float32Array);
  });
}

const cases: [GruCase, boolean][] = [
  [{ batch: 3, time: 5, inputDim: 1, units: 7, resetAfter: true, useBias: true }, false],
  [{ batch: 3, time: 5, inputDim: 1, units: 7, resetAfter: false, useBias: true }, false],
  [{ batch: 1, time: 1, inputDim: 3, units: 4, resetAfter: true, useBias: true }, false],
  [{ batch: 1, time: 1, inputDim: 3, units: 4, resetAfter: false, useBias: false }, false],
  [{ batch: 5, time: 4, inputDim: 8, units: 13, resetAfter: true, useBias: false }, true],
  [{ batch: 6, time: 3, inputDim: 9, units: 33, resetAfter: false, useBias: true }, true],
  [{ batch: 7, time: 6, inputDim: 8, units: 64, resetAfter: true, useBias: true }, false],
  [{ batch: 4, time: 9, inputDim: 2, units: 20, resetAfter: false, useBias: true }, false],
  [{ batch: 2, time: 3, inputDim: 300, units: 3, resetAfter: true, useBias: true }, false],
  [{ batch: 3, time: 70, inputDim: 1, units: 2, resetAfter: false, useBias: true }, false], // rows T·B > one K block
];

for (const [c, withGates] of cases) {
  const name = `B${c.batch} T${c.time} D${c.inputDim} H${c.units} resetAfter ${c.resetAfter} bias ${c.useBias}${withGates ? " + gate gradients" : ""}`;
  test(`fused BPTT gradients match autograd through referenceGruSequence within 1e-5 relative (${name})`, async () => {
    await tf.setBackend("cpu");
    const a = randomGruArrays(c, c.batch * 77 + c.units);
    const rand = randomSource(c.units * 31 + c.time);
    const count = c.batch * c.time * c.units;
    const dh = randomArray(count, rand);
    const gates = withGates ? { z: randomArray(count, rand), r: randomArray(count, rand), hTilde: randomArray(count, rand) } : null;
    const fwd = gruKernelForward(c, a, true);
    const got = gruKernelBackward(fwd.state!, dh, gates);
    const want = autogradReference(c, a, dh, gates);
    const pairs: [string, Float32Array | null, ArrayLike<number>][] = [
      ["dx", got.dx, want[0]], ["dh0", got.dh0, want[1]], ["dKernel", got.dKernel, want[2]],
      ["dRecurrentKernel", got.dRecurrentKernel, want[3]],
    ];
    if (c.useBias) pairs.push(["dBias", got.dBias, want[4]]);
    else assert.equal(got.dBias, null);
    const errors = pairs.map(([k, g, w]) => [k, maxRelativeError(g!, w)] as const);
    console.log(`  ${name}: ${errors.map(([k, e]) => `${k} ${e.toExponential(2)}`).join(", ")}`);
    for (const [k, e] of errors) assert.ok(e <= 1e-5, `${k}: max relative error ${e}`);
  });
}

test("a forward's state stays in the kernel's memory until another call needs it, then is copied out: interleaved forwards and backwards give the same gradients", async () => {
  await tf.setBackend("cpu");
  const c1: GruCase = { batch: 3, time: 4, inputDim: 2, units: 6, resetAfter: true, useBias: true };
  const c2: GruCase = { batch: 2, time: 5, inputDim: 3, units: 9, resetAfter: false, useBias: true };
  const a1 = randomGruArrays(c1, 1), a2 = randomGruArrays(c2, 2);
  const dh1 = randomArray(c1.batch * c1.time * c1.units, randomSource(3));
  const dh2 = randomArray(c2.batch * c2.time * c2.units, randomSource(4));
  const alone1 = gruKernelBackward(gruKernelForward(c1, a1, true).state!, dh1, null);
  const alone2 = gruKernelBackward(gruKernelForward(c2, a2, true).state!, dh2, null);
  const s1 = gruKernelForward(c1, a1, true).state!;
  assert.equal(s1.saved, null, "resident: nothing copied yet");
  const s2 = gruKernelForward(c2, a2, true).state!;
  assert.ok((s1.saved as unknown) instanceof Float32Array, "the second forward copied the first state out");
  const g2 = gruKernelBackward(s2, dh2, null);
  const g1 = gruKernelBackward(s1, dh1, null);
  assert.throws(() => gruKernelBackward(s1, dh1, null), /this forward's state was already used by a backward/);
  for (const k of ["dx", "dh0", "dKernel", "dRecurrentKernel", "dBias"] as const) {
    assert.deepEqual(g1[k], alone1[k], `first: ${k}`);
    assert.deepEqual(g2[k], alone2[k], `second: ${k}`);
  }
});

test("dh of the last step alone ([batch, 1, units]) gives bitwise the gradients of a full dh that is zero before the last step; a wrong length names both sizes", () => {
  const c = { batch: 4, time: 6, inputDim: 3, units: 7, resetAfter: false, useBias: true };
  const a = randomGruArrays(c, 41);
  const last = randomArray(c.batch * c.units, randomSource(42));
  const full = new Float32Array(c.batch * c.time * c.units);
  for (let b = 0; b < c.batch; b++) full.set(last.subarray(b * c.units, (b + 1) * c.units), (b * c.time + c.time - 1) * c.units);
  const grads = (dh: Float32Array) => {
    const g = gruKernelBackward(gruKernelForward(c, a, true).state!, dh, null);
    return [g.dx, g.dh0, g.dKernel, g.dRecurrentKernel, g.dBias!];
  };
  const want = grads(full);
  grads(last).forEach((g, i) => assert.deepEqual(g, want[i], `gradient ${i}`));
  assert.throws(() => grads(new Float32Array(5)), /dh must be a Float32Array of 168 values \(\[4, 6, 7\]\) or, for the last step only, 28 \(\[4, 1, 7\]\)/);
});
