// rnnKernelForward / rnnKernelBackward (the JS side of the fused LSTM/SimpleRNN kernel, whichever
// build runs): outputs and gradients against float64 (test/support/float64Cells.ts), the views,
// last-step and gate options against the full run, and the errors' messages.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { rnnKernelBackward, rnnKernelForward } from "../../src/kernels/rnnKernel";
import { float64Backward, float64Forward, type CellCase } from "../support/float64Cells";
import { maxRelativeError, randomArray, randomSource } from "../support/gruTestReferences";
import { randomCellArrays } from "../support/rnnTestCases";

const k: CellCase = { cell: "lstm", batch: 2, time: 3, inputDim: 2, units: 3, useBias: true };
const n = k.batch * k.time * k.units;
const lastOf = (a: Float32Array, B: number, T: number, H: number) => Float32Array.from({ length: B * H }, (_, i) => a[(Math.floor(i / H) * T + T - 1) * H + (i % H)]);

test("forward: h, c and the gates match float64; views hold the same values as copies; withGates false leaves the gates out", () => {
  const a = randomCellArrays(k, 1);
  const want = float64Forward(k, a);
  const copies = rnnKernelForward(k, a, false);
  assert.ok(maxRelativeError(copies.h, want.h) <= 1e-5 && maxRelativeError(copies.c!, want.c) <= 1e-5);
  ["i", "f", "cTilde", "o"].forEach((q, i) => assert.ok(maxRelativeError(copies.gates[i], want[q]) <= 1e-5, q));
  assert.equal(copies.state, null);
  const views = rnnKernelForward(k, a, false, true);
  assert.deepEqual([Array.from(views.h), Array.from(views.c!)], [Array.from(copies.h), Array.from(copies.c!)]);
  assert.equal(rnnKernelForward(k, a, false, false, false).gates.length, 0);
});

test("lastStepOnly: h and c of the last step alone ([batch, 1, units]); it needs withGates false for the LSTM", () => {
  const a = randomCellArrays(k, 2);
  const full = rnnKernelForward(k, a, false);
  const last = rnnKernelForward(k, a, false, false, false, true);
  assert.deepEqual(last.h, lastOf(full.h, 2, 3, 3));
  assert.deepEqual(last.c, lastOf(full.c!, 2, 3, 3));
  const lastC = rnnKernelForward(k, a, false, false, false, false, true);
  assert.deepEqual([lastC.h, lastC.c], [full.h, lastOf(full.c!, 2, 3, 3)], "lastCOnly: h of every step, c of the last");
  assert.throws(() => rnnKernelForward(k, a, false, false, true, true), { message: "fused lstm: lastStepOnly needs withGates false (the gates of every step are not copied out then)" });
});

test("backward: gradients match float64 BPTT; dL/dh of the last step alone equals a full dL/dh that is 0 elsewhere", () => {
  const a = randomCellArrays(k, 3);
  const rand = randomSource(3);
  const dh = randomArray(n, rand), dc = randomArray(n, rand);
  const got = rnnKernelBackward(rnnKernelForward(k, a, true).state!, { h: dh, c: dc });
  const want = float64Backward(k, a, { h: dh, c: dc });
  for (const name of ["dx", "dh0", "dc0", "dKernel", "dRecurrentKernel", "dBias"] as const) {
    assert.ok(maxRelativeError(got[name]!, want[name]!) <= 1e-5, `${name}: ${maxRelativeError(got[name]!, want[name]!)}`);
  }
  const lastDh = randomArray(k.batch * k.units, rand);
  const padded = new Float32Array(n);
  for (let b = 0; b < k.batch; b++) padded.set(lastDh.subarray(b * 3, b * 3 + 3), (b * 3 + 2) * 3);
  const fromLast = rnnKernelBackward(rnnKernelForward(k, a, true).state!, { h: lastDh });
  const fromFull = rnnKernelBackward(rnnKernelForward(k, a, true).state!, { h: padded });
  assert.ok(maxRelativeError(fromLast.dx, fromFull.dx) <= 1e-6 && maxRelativeError(fromLast.dKernel, fromFull.dKernel) <= 1e-6);
});

test("SimpleRNN without bias: no c, no gates, dBias null; dc0 null", () => {
  const s: CellCase = { cell: "simpleRnn", batch: 3, time: 2, inputDim: 1, units: 5, useBias: false };
  const a = randomCellArrays(s, 4);
  const fwd = rnnKernelForward(s, a, true);
  assert.deepEqual([fwd.c, fwd.gates.length], [null, 0]);
  assert.ok(maxRelativeError(fwd.h, float64Forward(s, a).h) <= 1e-5);
  const g = rnnKernelBackward(fwd.state!, { h: new Float32Array(30).fill(1) });
  assert.deepEqual([g.dc0, g.dBias], [null, null]);
  assert.ok(maxRelativeError(g.dRecurrentKernel, float64Backward(s, a, { h: new Float32Array(30).fill(1) }).dRecurrentKernel) <= 1e-5);
});

test("bad inputs are refused naming the input, the expected count and the shape", () => {
  const a = randomCellArrays(k, 5);
  assert.throws(() => rnnKernelForward(k, { ...a, x: new Float32Array(5) }, false),
    { message: "fused lstm: input x must be a Float32Array of 12 values for batch 2, time 3, inputDim 2, units 3; got 5" });
  assert.throws(() => rnnKernelForward(k, { ...a, c0: null }, false), /input c0 must be a Float32Array of 6 values .*; got null/);
  const state = rnnKernelForward(k, a, true).state!;
  assert.throws(() => rnnKernelBackward(state, { h: new Float32Array(7) }),
    { message: "fused lstm backward: dL/dh must be a Float32Array of 18 values ([2, 3, 3]) or, for the last step only, 6 ([2, 1, 3])" });
  assert.throws(() => rnnKernelBackward(state, { h: new Float32Array(n), gates: [new Float32Array(n)] }), /gates must list 4 gradients \(i, f, cTilde, o\)/);
  // a copy of the state object is not the kept one: it must bring its own saved buffers
  assert.throws(() => rnnKernelBackward({ ...state, saved: new Float32Array(5) }, { h: new Float32Array(n) }), /fused lstm backward: state does not match its shape/);
  rnnKernelBackward(state, { h: new Float32Array(n) });
  assert.throws(() => rnnKernelBackward(state, { h: new Float32Array(n) }), { message: "fused lstm backward: this forward's state was already used by a backward (one backward per forward)" });
});

test("kept states: two stay in place, a third copies them out; the backward gives the same gradients either way, in any order", () => {
  const cases = [1, 2, 3].map((seed) => randomCellArrays(k, 10 + seed));
  const dh = Float32Array.from({ length: n }, (_, i) => Math.sin(i));
  const alone = cases.map((a) => rnnKernelBackward(rnnKernelForward(k, a, true).state!, { h: dh }));
  const states = cases.map((a) => rnnKernelForward(k, a, true).state!);
  assert.ok(states[0].saved !== null && states[1].saved !== null, "the third forward copied the first two out");
  assert.equal(states[2].saved, null, "the last one stays in place");
  for (const i of [1, 2, 0]) {
    const g = rnnKernelBackward(states[i], { h: dh });
    for (const name of ["dx", "dh0", "dc0", "dKernel", "dRecurrentKernel", "dBias"] as const) assert.deepEqual(g[name], alone[i][name], `${name} of case ${i}`);
  }
  // a forward without a tape in between leaves a kept state where it is
  const kept = rnnKernelForward(k, cases[0], true).state!;
  rnnKernelForward(k, cases[1], false);
  assert.equal(kept.saved, null);
  assert.deepEqual(rnnKernelBackward(kept, { h: dh }).dKernel, alone[0].dKernel);
});
