// src/kernels/wasm/lstm.ts (the LSTM's per-step forward and backward element-wise work) through
// rnn.wasm's LSTM phases, against the float64 LSTM written from the equations (test/support/float64Cells.ts).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { rnnKernelBackward, rnnKernelForward } from "../../../src/kernels/rnnKernel";
import { float64Backward, float64Forward, type CellCase } from "../../support/float64Cells";
import { maxRelativeError, randomArray, randomSource } from "../../support/gruTestReferences";
import { randomCellArrays } from "../../support/rnnTestCases";

process.env.GRULAB_KERNEL = "wasm";
process.env.GRULAB_THREADS = "1";

const k: CellCase = { cell: "lstm", batch: 2, time: 3, inputDim: 2, units: 3, useBias: true }; // units padded 3 → 4
const n = k.batch * k.time * k.units;

test("LSTM step forward: h, c and the gates i, f, c̃, o of every step match float64 within 1e-5", () => {
  const a = randomCellArrays(k, 3);
  const got = rnnKernelForward(k, a, false);
  const want = float64Forward(k, a);
  const [i, f, cTilde, o] = got.gates;
  const pairs: [string, Float32Array][] = [["h", got.h], ["c", got.c!], ["i", i], ["f", f], ["cTilde", cTilde], ["o", o]];
  for (const [name, v] of pairs) assert.ok(maxRelativeError(v, want[name]) <= 1e-5, `${name}: ${maxRelativeError(v, want[name])}`);
});

test("LSTM step backward: gradients of a loss through h, c and every gate match float64 BPTT within 1e-5", () => {
  const a = randomCellArrays(k, 4);
  const rand = randomSource(40);
  const weights: Record<string, Float32Array> = Object.fromEntries(["h", "c", "i", "f", "cTilde", "o"].map((q) => [q, randomArray(n, rand)]));
  const fwd = rnnKernelForward(k, a, true);
  const got = rnnKernelBackward(fwd.state!, { h: weights.h, c: weights.c, gates: [weights.i, weights.f, weights.cTilde, weights.o] });
  const want = float64Backward(k, a, weights);
  for (const name of ["dx", "dh0", "dc0", "dKernel", "dRecurrentKernel", "dBias"] as const) {
    const e = maxRelativeError(got[name]!, want[name]!);
    assert.ok(e <= 1e-5, `${name}: ${e}`);
  }
});

test("LSTM step backward flushes gradients below 1e-30 to 0 (no denormal arithmetic), where float64 keeps them", () => {
  const a = randomCellArrays(k, 5);
  const tiny = new Float32Array(n).fill(1e-33);
  const got = rnnKernelBackward(rnnKernelForward(k, a, true).state!, { h: tiny });
  const want = float64Backward(k, a, { h: tiny });
  assert.ok(Math.max(...want.dx.map(Math.abs)) > 1e-36, "the float64 gradient is not 0");
  for (const name of ["dx", "dh0", "dc0", "dKernel", "dRecurrentKernel", "dBias"] as const) {
    assert.ok(got[name]!.every((v) => v === 0), `${name} is flushed to 0`);
  }
});
