import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { lazyInputGradients } from "../../src/kernels/lazyInputGradients";
import { fusedGruSequence } from "../../src/kernels/fusedGruSequence";
import { randomArray, randomSource } from "../support/gruTestReferences";

// y = a·b·c elementwise, recording which gradient thunks the tape calls, in which order
function product(a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, calls: number[]): tf.Tensor {
  const y = lazyInputGradients([a, b, c], () => tf.mul(tf.mul(a, b), c), (dy) => [
    () => { calls.push(0); return tf.mul(dy, tf.mul(b, c)); },
    () => { calls.push(1); return tf.mul(dy, tf.mul(a, c)); },
    () => { calls.push(2); return tf.mul(dy, tf.mul(a, b)); },
  ]);
  assert.ok(y, "this tfjs has Engine.runKernelFunc");
  return y;
}

for (const backend of ["cpu", "wasm"]) {
  test(`lazyInputGradients (${backend}): the tape calls only the thunks of the inputs on the path, in input order, and the gradients are right`, async () => {
    await tf.setBackend(backend);
    const [a, b, c]: tf.Tensor[] = [tf.tensor1d([1, 2]), tf.tensor1d([3, 4]), tf.tensor1d([5, 6])];
    const cases: [tf.Tensor[], number[]][] = [[[a, b, c], [0, 1, 2]], [[b], [1]], [[c, a], [0, 2]], [[c], [2]], [[b, c], [1, 2]]];
    for (const [xs, expected] of cases) {
      const calls: number[] = [];
      const grads = tf.grads((...ts: tf.Tensor[]) => {
        const [aa, bb, cc] = [a, b, c].map((t) => ts[xs.indexOf(t)] ?? t);
        return product(aa, bb, cc, calls).sum() as tf.Scalar;
      })(xs);
      assert.deepEqual(calls, expected, `thunks called for xs ${xs.map((t) => ([a, b, c] as tf.Tensor[]).indexOf(t))}`);
      const want = { [a.id]: [15, 24], [b.id]: [5, 12], [c.id]: [3, 8] };
      grads.forEach((g, i) => assert.deepEqual(Array.from(g.dataSync()), want[xs[i].id]));
      tf.dispose(grads);
    }
    // an input computed from a differentiated one is on the path: its thunk is called too
    const calls: number[] = [];
    const [ga] = tf.grads((aa: tf.Tensor) => product(tf.mul(aa, 2), b, c, calls).sum() as tf.Scalar)([a]);
    assert.deepEqual(calls, [0]);
    assert.deepEqual(Array.from(ga.dataSync()), [30, 48]);
    tf.dispose([a, b, c, ga]);
  });
}

test("fusedGruSequence: the gradients of the weights alone (x needs none: the backward skips dx) and of x alone equal bitwise those of all inputs together", async () => {
  for (const backend of ["cpu", "wasm"]) {
    await tf.setBackend(backend);
    const [B, T, D, H] = [4, 6, 8, 16];
    const t = {
      x: tf.tensor3d(randomArray(B * T * D, randomSource(1)), [B, T, D]), h0: tf.tensor2d(randomArray(B * H, randomSource(2), 0.5), [B, H]),
      kernel: tf.tensor2d(randomArray(D * 3 * H, randomSource(3), 0.5), [D, 3 * H]),
      recurrentKernel: tf.tensor2d(randomArray(H * 3 * H, randomSource(4), 0.3), [H, 3 * H]), bias: tf.tensor2d(randomArray(6 * H, randomSource(5), 0.2), [2, 3 * H]),
    };
    const w = tf.tensor3d(randomArray(B * T * H, randomSource(6)), [B, T, H]);
    const names = ["x", "h0", "kernel", "recurrentKernel", "bias"] as const;
    const gradsOf = (which: (typeof names)[number][]) => tf.grads((...ts: tf.Tensor[]) => {
      const inputs = { ...t } as Record<string, tf.Tensor>;
      which.forEach((n, i) => { inputs[n] = ts[i]; });
      return fusedGruSequence(inputs as typeof t, { resetAfter: true, gateOutputs: false }).h.mul(w).sum() as tf.Scalar;
    })(which.map((n) => t[n])).map((g) => Array.from(g.dataSync()));
    const all = gradsOf([...names]);
    assert.deepEqual(gradsOf(["kernel", "recurrentKernel", "bias"]), all.slice(2), `${backend}: weights alone`);
    assert.deepEqual(gradsOf(["h0"]), [all[1]], `${backend}: h0 alone`);
    assert.deepEqual(gradsOf(["x"]), [all[0]], `${backend}: x alone`);
    assert.deepEqual(gradsOf(["recurrentKernel", "x"]), [all[3], all[0]], `${backend}: U and x`);
    tf.dispose([...Object.values(t), w]);
  }
});
