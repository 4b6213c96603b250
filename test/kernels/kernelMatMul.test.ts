import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gruKernelBackward } from "../../src/kernels/gruKernelBackward";
import { gruKernelForward } from "../../src/kernels/gruKernelForward";
import { kernelMatMul } from "../../src/kernels/kernelMatMul";
import { maxRelativeError, randomArray, randomGruArrays, randomSource } from "../support/gruTestReferences";

// op(a)·op(b) in float64, from row-major [rows, cols] arrays (op = transpose when asked).
function reference(a: Float32Array, aRows: number, aCols: number, aT: boolean, b: Float32Array, bRows: number, bCols: number, bT: boolean): Float64Array {
  const at = (i: number, p: number) => (aT ? a[p * aCols + i] : a[i * aCols + p]);
  const bt = (p: number, j: number) => (bT ? b[j * bCols + p] : b[p * bCols + j]);
  const [m, k] = aT ? [aCols, aRows] : [aRows, aCols];
  const n = bT ? bRows : bCols;
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += at(i, p) * bt(p, j);
    c[i * n + j] = s;
  }
  return c;
}

test("kernelMatMul: a·b, aᵀ·b, a·bᵀ, aᵀ·bᵀ equal a float64 product (≤ 1e-5 relative), across the GEMM's 256-deep blocks", () => {
  const rand = randomSource(7);
  for (const [m, k, n] of [[7, 5, 3], [70, 300, 40], [1, 1, 1], [33, 96, 128]]) {
    for (const aT of [false, true]) for (const bT of [false, true]) {
      const [aRows, aCols] = aT ? [k, m] : [m, k];
      const [bRows, bCols] = bT ? [n, k] : [k, n];
      const a = randomArray(aRows * aCols, rand), b = randomArray(bRows * bCols, rand);
      const got = kernelMatMul({ data: a, rows: aRows, cols: aCols, transpose: aT }, { data: b, rows: bRows, cols: bCols, transpose: bT });
      assert.equal(got.length, m * n);
      const want = reference(a, aRows, aCols, aT, b, bRows, bCols, bT);
      const err = maxRelativeError(got, want);
      assert.ok(err <= 1e-5, `m ${m} k ${k} n ${n} aT ${aT} bT ${bT}: error ${err}`);
    }
  }
});

test("kernelMatMul: a −0 in a gives the bits +0 gives (every tile sum starts from +0), and a row of zeros is +0, not −0", () => {
  // The GEMM's tile broadcasts a's values as they are (src/kernels/native/simd.h, bcast), where it
  // computed 0 + a first (which makes −0 into +0): the same bits only because each sum starts at +0.
  const rand = randomSource(11);
  const [m, k, n] = [9, 300, 37];
  const b = randomArray(k * n, rand);
  const a = randomArray(m * k, rand);
  for (let i = 0; i < a.length; i += 3) a[i] = -0;
  for (let p = 0; p < k; p++) a[4 * k + p] = -0; // row 4: all −0
  const plus = a.map((v) => (Object.is(v, -0) ? 0 : v));
  // a as given and transposed (the tile reads it along rows, as the step GEMMs do, or down columns, as dU = hsᵀ·dgh does)
  const aOp = (x: Float32Array, aT: boolean) => (aT ? { data: transpose(x, m, k), rows: k, cols: m, transpose: true } : { data: x, rows: m, cols: k });
  for (const aT of [false, true]) {
    const bOp = { data: b, rows: k, cols: n };
    const got = kernelMatMul(aOp(a, aT), bOp);
    const want = kernelMatMul(aOp(plus, aT), bOp);
    assert.deepEqual(new Uint32Array(got.buffer, got.byteOffset, got.length), new Uint32Array(want.buffer, want.byteOffset, want.length));
    for (let j = 0; j < n; j++) assert.ok(Object.is(got[4 * n + j], 0), `aT ${aT}, row 4, column ${j}: ${Object.is(got[4 * n + j], -0) ? "−0" : got[4 * n + j]}`);
  }
});

function transpose(x: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(x.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = x[i * cols + j];
  return t;
}

test("kernelMatMul between a GRU forward and its backward leaves the kept state in place (same gradients, nothing evicted)", () => {
  const shape = { batch: 4, time: 6, inputDim: 5, units: 12, resetAfter: true };
  const arrays = randomGruArrays({ ...shape, useBias: true }, 3);
  const dh = randomArray(shape.batch * shape.time * shape.units, randomSource(4));
  const alone = gruKernelBackward(gruKernelForward(shape, arrays, true).state!, dh, null);
  const forward = gruKernelForward(shape, arrays, true);
  const big = randomArray(200 * 64, randomSource(5));
  kernelMatMul({ data: big, rows: 200, cols: 64 }, { data: big, rows: 200, cols: 64, transpose: true });
  assert.equal(forward.state!.saved, null, "the state was copied out (evicted) by the matmul");
  const after = gruKernelBackward(forward.state!, dh, null);
  for (const key of ["dx", "dh0", "dKernel", "dRecurrentKernel", "dBias"] as const) assert.deepEqual(after[key], alone[key], key);
});

test("kernelMatMul: operands of the wrong size or inner dimensions that differ are errors saying which", () => {
  const a = new Float32Array(6);
  assert.throws(() => kernelMatMul({ data: a, rows: 2, cols: 4 }, { data: a, rows: 3, cols: 2 }), /operand a has 6 values, not 2 × 4/);
  assert.throws(() => kernelMatMul({ data: a, rows: 2, cols: 3 }, { data: a, rows: 2, cols: 3 }), /inner dimensions differ: a gives 2 × 3, b gives 2 × 3/);
});
