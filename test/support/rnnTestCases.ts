// Shared pieces of the fused LSTM / SimpleRNN tests: seeded random cases, their tensors, and the
// check of one case against the float64 oracle (test/support/float64Cells.ts) and the tf-ops reference.
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { fusedLstmSequence, fusedLstmStates } from "../../src/kernels/fusedLstmSequence";
import { rnnKernelBackward, rnnKernelForward } from "../../src/kernels/rnnKernel";
import { fusedSimpleRnnSequence } from "../../src/kernels/fusedSimpleRnnSequence";
import { referenceLstmSequence } from "../../src/models/referenceLstmSequence";
import { referenceSimpleRnnSequence } from "../../src/models/referenceSimpleRnnSequence";
import { float64Backward, float64Forward, OUTPUT_NAMES, type CellArrays, type CellCase } from "./float64Cells";
import { maxRelativeError, randomArray, randomSource } from "./gruTestReferences";

export function randomCellArrays(k: CellCase, seed: number): CellArrays {
  const rand = randomSource(seed);
  const G = k.cell === "lstm" ? 4 : 1;
  const H = k.units;
  return {
    x: randomArray(k.batch * k.time * k.inputDim, rand, 1.5),
    h0: randomArray(k.batch * H, rand, 0.8),
    c0: k.cell === "lstm" ? randomArray(k.batch * H, rand, 0.8) : null,
    kernel: randomArray(k.inputDim * G * H, rand, 1.2 / Math.sqrt(k.inputDim)),
    recurrentKernel: randomArray(H * G * H, rand, 1.2 / Math.sqrt(H)),
    bias: k.useBias ? randomArray(G * H, rand, 0.5) : null,
  };
}

const GRAD_NAMES = ["dx", "dh0", "dc0", "dKernel", "dRecurrentKernel", "dBias"] as const;

// The outputs (in OUTPUT_NAMES order) and the gradients (GRAD_NAMES order, absent ones skipped) of L = Σ outputs ⊙ weights.
function runTf(k: CellCase, a: CellArrays, impl: "fused" | "reference", weights: Record<string, Float32Array>): Float32Array[] {
  return tf.tidy(() => {
    const G = k.cell === "lstm" ? 4 : 1;
    const [B, T, D, H] = [k.batch, k.time, k.inputDim, k.units];
    const list: tf.Tensor[] = [tf.tensor3d(a.x, [B, T, D]), tf.tensor2d(a.h0, [B, H])];
    if (a.c0) list.push(tf.tensor2d(a.c0, [B, H]));
    list.push(tf.tensor2d(a.kernel, [D, G * H]), tf.tensor2d(a.recurrentKernel, [H, G * H]));
    if (a.bias) list.push(tf.tensor1d(a.bias));
    const forward = (ts: tf.Tensor[]): Record<string, tf.Tensor> => {
      const [x, h0] = ts as [tf.Tensor3D, tf.Tensor2D];
      const rest = ts.slice(a.c0 ? 3 : 2) as tf.Tensor2D[];
      const [kernel, recurrentKernel] = rest;
      const bias = (rest[2] ?? null) as unknown as tf.Tensor1D | null;
      if (k.cell === "lstm") {
        const fn = impl === "fused" ? fusedLstmSequence : referenceLstmSequence;
        return fn({ x, h0, c0: ts[2] as tf.Tensor2D, kernel, recurrentKernel, bias }, {}) as unknown as Record<string, tf.Tensor>;
      }
      const fn = impl === "fused" ? fusedSimpleRnnSequence : referenceSimpleRnnSequence;
      return fn({ x, h0, kernel, recurrentKernel, bias }, {}) as unknown as Record<string, tf.Tensor>;
    };
    const names = OUTPUT_NAMES[k.cell];
    const outs = forward(list);
    const values = names.map((n) => outs[n].dataSync() as Float32Array);
    const loss = (...ts: tf.Tensor[]) => {
      const o = forward(ts);
      return tf.addN(Object.entries(weights).map(([n, w]) => tf.sum(tf.mul(o[n], tf.tensor3d(w, [B, T, H]))))) as tf.Scalar;
    };
    return [...values, ...tf.grads(loss)(list).map((g) => g.dataSync() as Float32Array)];
  });
}

/**
 * Checks the fused kernel on case `k` under the active backend: every output against float64 and
 * the reference, and every gradient of two losses (Σ h ⊙ w only, and a weighted sum of all
 * outputs) against float64 BPTT and the reference's autograd, within 1e-5 relative
 * (|a − b| / max(1, |b|)). Returns the worst error of each quantity (printed by the caller).
 *
 * @example
 * checkFusedCase({ cell: "lstm", batch: 2, time: 3, inputDim: 1, units: 3, useBias: true }, 5);
 */
export function checkFusedCase(k: CellCase, seed: number, withReference = true): Record<string, number> {
  const a = randomCellArrays(k, seed);
  const n = k.batch * k.time * k.units;
  const names = OUTPUT_NAMES[k.cell];
  const rand = randomSource(seed + 7);
  const allWeights = Object.fromEntries(names.map((name) => [name, randomArray(n, rand)]));
  const worst: Record<string, number> = {};
  const note = (name: string, e: number) => (worst[name] = Math.max(worst[name] ?? 0, e));
  const f64Out = float64Forward(k, a);
  for (const weights of [{ h: allWeights.h }, allWeights]) {
    const f64 = float64Backward(k, a, weights);
    const grads = GRAD_NAMES.map((g) => f64[g]).filter((g): g is Float64Array => g !== null);
    const fused = runTf(k, a, "fused", weights);
    const reference = withReference ? runTf(k, a, "reference", weights) : null;
    const expected = [...names.map((nm) => f64Out[nm]), ...grads];
    assert.equal(fused.length, expected.length);
    const labels = [...names, ...GRAD_NAMES.filter((g) => f64[g] !== null)];
    fused.forEach((v, i) => {
      note(labels[i], maxRelativeError(v, expected[i]));
      if (reference) note(`${labels[i]} vs reference`, maxRelativeError(v, reference[i]));
    });
    // The gradients are not trivially small (a wrong term would show).
    assert.ok(grads.every((g) => g.some((v) => Math.abs(v) > 1e-3)), "every gradient has entries above 1e-3");
  }
  for (const [name, e] of Object.entries(worst)) assert.ok(e <= 1e-5, `${name}: max relative error ${e.toExponential(2)} (B${k.batch} T${k.time} D${k.inputDim} H${k.units})`);
  return worst;
}

/** One line of the worst errors, for the log. */
export function describe(worst: Record<string, number>): string {
  return Object.entries(worst).filter(([n]) => !n.endsWith("reference")).map(([n, e]) => `${n} ${e.toExponential(1)}`).join(", ");
}

/**
 * lastStepOnly (a layer with returnSequences false): the fused op's h (and the LSTM's c) are the
 * last step, [batch, 1, units], and match the reference's last step; every gradient of a loss on
 * them matches the reference's within 1e-5; and the kernel's BPTT from dL/dh (dL/dc) of the last
 * step alone equals, bitwise, its BPTT from those gradients zero-padded to every step.
 *
 * @example
 * checkLastStepOnly({ cell: "lstm", batch: 3, time: 7, inputDim: 2, units: 5, useBias: true }, 31);
 */
export function checkLastStepOnly(k: CellCase, seed: number): void {
  const a = randomCellArrays(k, seed);
  const [B, T, D, H] = [k.batch, k.time, k.inputDim, k.units];
  const G = k.cell === "lstm" ? 4 : 1;
  const lstm = k.cell === "lstm";
  const rand = randomSource(seed + 1);
  const wh = randomArray(B * H, rand);
  const wc = randomArray(B * H, rand);
  const results = (["fused", "reference"] as const).map((impl) => tf.tidy(() => {
    const list: tf.Tensor[] = [tf.tensor3d(a.x, [B, T, D]), tf.tensor2d(a.h0, [B, H]), ...(a.c0 ? [tf.tensor2d(a.c0, [B, H])] : []),
      tf.tensor2d(a.kernel, [D, G * H]), tf.tensor2d(a.recurrentKernel, [H, G * H]), tf.tensor1d(a.bias!)];
    const last = (ts: tf.Tensor[]): tf.Tensor2D[] => {
      const [x, h0] = ts as [tf.Tensor3D, tf.Tensor2D];
      const [kernel, recurrentKernel, bias] = ts.slice(lstm ? 3 : 2) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
      const lastOf = (s: tf.Tensor3D) => tf.reshape(tf.slice(s, [0, T - 1, 0], [-1, 1, -1]), [B, H]) as tf.Tensor2D;
      if (lstm) {
        const inputs = { x, h0, c0: ts[2] as tf.Tensor2D, kernel, recurrentKernel, bias };
        if (impl === "reference") { const o = referenceLstmSequence(inputs, {}); return [lastOf(o.h), lastOf(o.c)]; }
        const o = fusedLstmStates(inputs, { lastStepOnly: true });
        assert.deepEqual([o.h.shape, o.c.shape], [[B, 1, H], [B, 1, H]]);
        return [tf.reshape(o.h, [B, H]), tf.reshape(o.c, [B, H])];
      }
      const inputs = { x, h0, kernel, recurrentKernel, bias };
      if (impl === "reference") return [lastOf(referenceSimpleRnnSequence(inputs, {}).h)];
      const h = fusedSimpleRnnSequence(inputs, { lastStepOnly: true }).h;
      assert.deepEqual(h.shape, [B, 1, H]);
      return [tf.reshape(h, [B, H])];
    };
    const loss = (...ts: tf.Tensor[]) => {
      const [h, c] = last(ts);
      const lh = tf.sum(tf.mul(h, tf.tensor2d(wh, [B, H])));
      return (c ? tf.add(lh, tf.sum(tf.mul(c, tf.tensor2d(wc, [B, H])))) : lh) as tf.Scalar;
    };
    return [...last(list).map((t) => t.dataSync() as Float32Array), ...tf.grads(loss)(list).map((g) => g.dataSync() as Float32Array)];
  }));
  const labels = [...(lstm ? ["h last", "c last", "dx", "dh0", "dc0"] : ["h last", "dx", "dh0"]), "dKernel", "dRecurrentKernel", "dBias"];
  results[0].forEach((got, i) => {
    const e = maxRelativeError(got, results[1][i]);
    assert.ok(e <= 1e-5, `${k.cell} lastStepOnly ${labels[i]}: max relative error ${e}`);
  });
  // the kernel: last-step gradients against the same gradients zero-padded to every step (bitwise)
  const shape = { cell: k.cell, batch: B, time: T, inputDim: D, units: H };
  const padded = (w: Float32Array) => { const p = new Float32Array(B * T * H); for (let i = 0; i < B; i++) p.set(w.subarray(i * H, (i + 1) * H), (i * T + T - 1) * H); return p; };
  const grads = (last: boolean) => {
    const f = rnnKernelForward(shape, a, true, false, false, last);
    const g = rnnKernelBackward(f.state!, { h: last ? wh : padded(wh), c: lstm ? (last ? wc : padded(wc)) : null });
    return [...(last ? [f.h, ...(f.c ? [f.c] : [])] : []), g.dx, g.dh0, ...(g.dc0 ? [g.dc0] : []), g.dKernel, g.dRecurrentKernel, g.dBias!];
  };
  const [mine, full] = [grads(true), grads(false)];
  const fullOut = rnnKernelForward(shape, a, false, false, false);
  const lastOf = (s: Float32Array) => Float32Array.from({ length: B * H }, (_, j) => s[(Math.floor(j / H) * T + T - 1) * H + (j % H)]);
  assert.deepEqual(mine.slice(0, lstm ? 2 : 1), [lastOf(fullOut.h), ...(fullOut.c ? [lastOf(fullOut.c)] : [])], "last step of the full forward");
  assert.deepEqual(mine.slice(lstm ? 2 : 1), full, "BPTT from the last step's gradients vs zero-padded ones");
}

/**
 * Checks the float64 oracle itself: its BPTT gradients of L = Σ over outputs of w ⊙ output (every
 * output of the cell, random weights) against central differences of its forward, within 1e-5.
 */
export function checkOracleAgainstDifferences(k: CellCase, seed: number): void {
  const a = randomCellArrays(k, seed);
  const n = k.batch * k.time * k.units;
  const rand = randomSource(seed + 1);
  const weights = Object.fromEntries(OUTPUT_NAMES[k.cell].map((name) => [name, randomArray(n, rand)]));
  const loss = () => {
    const out = float64Forward(k, a);
    return Object.entries(weights).reduce((s, [name, w]) => s + out[name].reduce((t, v, i) => t + v * w[i], 0), 0);
  };
  const g = float64Backward(k, a, weights);
  const eps = 1e-4; // central differences of a float64 forward: truncation O(eps²)
  const inputs: [string, Float32Array | null, ArrayLike<number> | null][] = [["x", a.x, g.dx], ["c0", a.c0 ?? null, g.dc0 ?? null],
    ["h0", a.h0, g.dh0], ["kernel", a.kernel, g.dKernel], ["recurrentKernel", a.recurrentKernel, g.dRecurrentKernel], ["bias", a.bias, g.dBias]];
  for (const [name, arr, grad] of inputs) {
    if (arr === null || grad === null) continue;
    const numeric = Array.from(arr, (v, i) => {
      arr[i] = v + eps;
      const [up, hi] = [loss(), arr[i]];
      arr[i] = v - eps;
      const [down, lo] = [loss(), arr[i]];
      arr[i] = v;
      return (up - down) / (hi - lo); // the steps float32 really took
    });
    const err = maxRelativeError(grad, numeric);
    assert.ok(err < 1e-5, `${name}: float64 BPTT vs central differences ${err}`);
  }
}

/** The parity sizes of either cell: odd units (1, 3, 7, 33 pad to 4, 4, 8, 36), batch 1, T 1, inputDim 1 and large, with and without bias. */
export function oddSizeCases(cell: CellCase["cell"]): CellCase[] {
  return [
    { batch: 1, time: 1, inputDim: 1, units: 1, useBias: true },
    { batch: 3, time: 4, inputDim: 1, units: 3, useBias: true },
    { batch: 2, time: 5, inputDim: 3, units: 7, useBias: false },
    { batch: 5, time: 3, inputDim: 6, units: 33, useBias: true },
    { batch: 1, time: 6, inputDim: 300, units: 7, useBias: true },
    { batch: 4, time: 1, inputDim: 2, units: 33, useBias: false },
  ].map((k) => ({ cell, ...k }));
}
