// src/kernels/wasm/gemm.ts through gru.wasm's exports (gemm, packedSize), against a float64 matmul.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gruWasm } from "../../../src/kernels/gruWasm";
import { randomArray, randomSource } from "../../support/gruTestReferences";

interface Case { m: number; k: number; n: number; transA?: boolean; transB?: boolean; acc?: boolean; ldcExtra?: number }

// C (+)= A·B in float64; A [m,k] and B [k,n] given in the layout the kernel reads (transposed or not).
function reference(c: Case, a: Float32Array, b: Float32Array, c0: Float32Array, ldc: number): { want: Float64Array; bound: Float64Array } {
  const want = Float64Array.from(c0);
  const bound = new Float64Array(c0.length);
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < c.n; j++) {
      let s = 0, mag = 0;
      for (let k = 0; k < c.k; k++) {
        const av = c.transA ? a[k * c.m + i] : a[i * c.k + k];
        const bv = c.transB ? b[j * c.k + k] : b[k * c.n + j];
        s += av * bv;
        mag += Math.abs(av * bv);
      }
      want[i * ldc + j] = (c.acc ? c0[i * ldc + j] : 0) + s;
      bound[i * ldc + j] = (c.k + 2) * 2 ** -23 * (mag + Math.abs(c.acc ? c0[i * ldc + j] : 0)) + 1e-30;
    }
  }
  return { want, bound };
}

function runGemm(c: Case, seed: number): void {
  const w = gruWasm();
  const rand = randomSource(seed);
  const ldc = c.n + (c.ldcExtra ?? 0);
  const a = randomArray(c.m * c.k, rand), b = randomArray(c.k * c.n, rand), c0 = randomArray(c.m * ldc, rand);
  const pad8 = Math.ceil(c.n / 8) * 8;
  const bytes = (floats: number) => Math.ceil((floats * 4) / 64) * 64;
  const at = { a: w.heapBase, b: 0, c: 0, scratch: 0, tmp: 0 };
  at.b = at.a + bytes(a.length); at.c = at.b + bytes(b.length); at.scratch = at.c + bytes(c0.length); at.tmp = at.scratch + bytes(256 * pad8);
  w.reserve(at.tmp + 64);
  const mem = w.f32();
  mem.set(a, at.a / 4); mem.set(b, at.b / 4); mem.set(c0, at.c / 4);
  const [ars, acs] = c.transA ? [1, c.m] : [c.k, 1];
  const [brs, bcs] = c.transB ? [1, c.k] : [c.n, 1];
  w.exports.gemm(at.a, ars, acs, at.b, brs, bcs, c.m, c.k, c.n, at.c, ldc, c.acc ? 1 : 0, at.scratch, at.tmp);
  const got = w.f32().slice(at.c / 4, at.c / 4 + c0.length);
  const { want, bound } = reference(c, a, b, c0, ldc);
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < ldc; j++) {
      const idx = i * ldc + j;
      if (j >= c.n) assert.equal(got[idx], c0[idx], `column ${j} ≥ n = ${c.n} of row ${i} must stay untouched`);
      else assert.ok(Math.abs(got[idx] - want[idx]) <= bound[idx], `C[${i},${j}] = ${got[idx]}, float64 ${want[idx]} (${JSON.stringify(c)})`);
    }
  }
}

const cases: Case[] = [
  { m: 1, k: 1, n: 1 },
  { m: 5, k: 3, n: 7 }, // rows beyond the 4-row tile, a partial 8-column panel
  { m: 8, k: 16, n: 16 },
  { m: 5, k: 260, n: 8 }, // two K blocks (KC = 256): the second adds to the first
  { m: 6, k: 300, n: 9, acc: true }, // two K blocks, accumulate into C
  { m: 7, k: 5, n: 11, transA: true, ldcExtra: 3 }, // A read transposed, C rows wider than n
  { m: 4, k: 9, n: 13, transB: true, acc: true }, // B read transposed (the backward's Uᵀ)
  { m: 3, k: 0, n: 5 }, // empty sum: C = 0
  { m: 3, k: 0, n: 5, acc: true }, // empty sum accumulated: C unchanged
];

for (const [i, c] of cases.entries()) {
  test(`gemm: C ${c.acc ? "+=" : "="} A${c.transA ? "ᵀ" : ""}·B${c.transB ? "ᵀ" : ""} for m ${c.m}, k ${c.k}, n ${c.n} matches float64`, () => runGemm(c, 11 + i));
}

test("packedSize is k rows of n columns rounded up to whole 8-column panels", () => {
  const e = gruWasm().exports;
  assert.deepEqual([[3, 1], [3, 8], [3, 9], [0, 5], [256, 17]].map(([k, n]) => e.packedSize(k, n)), [24, 24, 48, 0, 256 * 24]);
});
