import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { gruKernelBackward } from "../../src/kernels/gruKernelBackward";
import { gruKernelForward } from "../../src/kernels/gruKernelForward";
import { gruKernel } from "../../src/kernels/gruKernel";
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

test("kept states stay in the kernel's memory, two at a time, later calls laid out above them: a two-layer stack's forwards and backwards copy nothing; a third forward, or a backward below a kept state, copies out; the same gradients every way", async () => {
  await tf.setBackend("cpu");
  const c1: GruCase = { batch: 3, time: 4, inputDim: 2, units: 6, resetAfter: true, useBias: true };
  const c2: GruCase = { batch: 2, time: 5, inputDim: 3, units: 9, resetAfter: false, useBias: true };
  const a1 = randomGruArrays(c1, 1), a2 = randomGruArrays(c2, 2);
  const dh1 = randomArray(c1.batch * c1.time * c1.units, randomSource(3));
  const dh2 = randomArray(c2.batch * c2.time * c2.units, randomSource(4));
  const alone1 = gruKernelBackward(gruKernelForward(c1, a1, true).state!, dh1, null);
  const alone2 = gruKernelBackward(gruKernelForward(c2, a2, true).state!, dh2, null);
  const same = (g1: typeof alone1, g2: typeof alone2, label: string) => {
    for (const k of ["dx", "dh0", "dKernel", "dRecurrentKernel", "dBias"] as const) {
      assert.deepEqual(g1[k], alone1[k], `${label}, first: ${k}`);
      assert.deepEqual(g2[k], alone2[k], `${label}, second: ${k}`);
    }
  };
  // a stack: forward 1, forward 2, backward 2, backward 1
  const s1 = gruKernelForward(c1, a1, true).state!;
  const s2 = gruKernelForward(c2, a2, true).state!;
  assert.equal(s1.saved, null, "the second forward copied the first state out");
  const g2 = gruKernelBackward(s2, dh2, null);
  assert.equal(s1.saved, null, "the second backward copied the first state out");
  same(gruKernelBackward(s1, dh1, null), g2, "stack order");
  assert.throws(() => gruKernelBackward(s1, dh1, null), /this forward's state was already used by a backward/);
  // the lower state's backward first: the upper state is copied out, then copied back by its own backward
  const t1 = gruKernelForward(c1, a1, true).state!;
  const t2 = gruKernelForward(c2, a2, true).state!;
  const h1 = gruKernelBackward(t1, dh1, null);
  assert.ok((t2.saved as unknown) instanceof Float32Array, "the state above was not copied out");
  same(h1, gruKernelBackward(t2, dh2, null), "lower first");
  // a third kept state: the two kept ones are copied out
  const u1 = gruKernelForward(c1, a1, true).state!;
  const u2 = gruKernelForward(c2, a2, true).state!;
  const u3 = gruKernelForward(c1, a1, true).state!;
  assert.ok((u1.saved as unknown) instanceof Float32Array && (u2.saved as unknown) instanceof Float32Array, "a third state left two in place");
  assert.equal(u3.saved, null);
  assert.deepEqual(gruKernelBackward(u3, dh1, null).dKernel, alone1.dKernel);
  const k2 = gruKernelBackward(u2, dh2, null);
  same(gruKernelBackward(u1, dh1, null), k2, "three states");
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

test("views: dx, dh0, and dKernel and dRecurrentKernel where units need no padding, come back as views into the kernel's memory with the values of the copies", async () => {
  await tf.setBackend("cpu");
  const unpadded = gruKernel().unitAlign * 2; // units a multiple of the kernel's alignment: no padding
  for (const c of [
    { batch: 4, time: 6, inputDim: 3, units: unpadded, resetAfter: true, useBias: true },
    { batch: 3, time: 5, inputDim: 2, units: unpadded + 1, resetAfter: false, useBias: true },
  ] as GruCase[]) {
    const a = randomGruArrays(c, 5);
    const dh = randomArray(c.batch * c.time * c.units, randomSource(6));
    const copies = gruKernelBackward(gruKernelForward(c, a, true).state!, dh, null);
    const views = gruKernelBackward(gruKernelForward(c, a, true).state!, dh, null, true);
    const memory = gruKernel().memory.buffer;
    const padded = c.units % gruKernel().unitAlign !== 0;
    for (const k of ["dx", "dh0", "dKernel", "dRecurrentKernel"] as const) {
      assert.deepEqual(Array.from(views[k]), Array.from(copies[k]), `${k} (units ${c.units})`);
      assert.notEqual(copies[k].buffer, memory, `${k}: a copy without views`);
      const isView = k === "dx" || k === "dh0" || !padded;
      assert.equal(views[k].buffer === memory, isView, `${k} (units ${c.units}) ${isView ? "a view" : "a copy (padded rows)"}`);
    }
  }
});
