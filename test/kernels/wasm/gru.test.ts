// src/kernels/wasm/gru.ts (gru.wasm's entry: the phases, their split over two parts, and the
// memory helpers) through its exports, against float64 (test/support/float64Gru.ts, central
// differences of it) and plain-JS index arithmetic.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gruKernelBackward } from "../../../src/kernels/gruKernelBackward";
import { gruKernelForward } from "../../../src/kernels/gruKernelForward";
import { gruWasm } from "../../../src/kernels/gruWasm";
import { float64Gru } from "../../support/float64Gru";
import { float64GruGradients, maxRelativeError, nested, randomArray, randomGruArrays, randomSource, type GruCase } from "../../support/gruTestReferences";

process.env.GRULAB_KERNEL = "wasm";

const cases: GruCase[] = [
  { batch: 3, time: 4, inputDim: 2, units: 5, resetAfter: true, useBias: true },
  { batch: 2, time: 3, inputDim: 3, units: 4, resetAfter: false, useBias: true },
  { batch: 4, time: 2, inputDim: 1, units: 2, resetAfter: true, useBias: false },
];

for (const threads of ["1", "2"]) {
  for (const c of cases) {
    test(`B${c.batch} T${c.time} D${c.inputDim} H${c.units} resetAfter ${c.resetAfter}, ${threads} thread(s): h and BPTT gradients match float64 within 1e-5`, () => {
      process.env.GRULAB_THREADS = threads; // 2: every phase in two parts (rows, batch elements, units)
      const a = randomGruArrays(c, c.units * 7 + c.time);
      const H = c.units;
      const dh = randomArray(c.batch * c.time * H, randomSource(c.units));
      const fwd = gruKernelForward(c, a, true);
      const ref = float64Gru(nested(a.x, [c.batch, c.time, c.inputDim]), {
        kernel: nested(a.kernel, [c.inputDim, 3 * H]), recurrentKernel: nested(a.recurrentKernel, [H, 3 * H]),
        bias: a.bias ? (c.resetAfter ? nested(a.bias, [2, 3 * H]) : nested(a.bias, [3 * H])) : null,
      }, c.resetAfter, nested(a.h0, [c.batch, H]));
      assert.ok(maxRelativeError(fwd.h, ref.h.flat(2)) <= 1e-5, "h");
      const got = gruKernelBackward(fwd.state!, dh, null);
      const want = float64GruGradients(c, a, { h: dh });
      (["dx", "dh0", "dKernel", "dRecurrentKernel", "dBias"] as const).forEach((name, i) => {
        if (!a.bias && name === "dBias") { assert.equal(got.dBias, null); return; }
        assert.ok(maxRelativeError(got[name]!, want[i]) <= 1e-5, `${name}: ${maxRelativeError(got[name]!, want[i])}`);
      });
    });
  }
}

interface GruWasmHelpers {
  toTimeMajor(src: number, dst: number, b: number, t: number, f: number, fp: number): void;
  fromTimeMajor(src: number, dst: number, b: number, t: number, f: number, fp: number): void;
  columnSums(src: number, rows: number, cols: number, dst: number): void;
  packedRecurrentSize(hp: number): number;
  scratchSize(n: number): number;
}

test("toTimeMajor: [B, T, F] → [T, B, Fp] with columns F..Fp zero; fromTimeMajor is its inverse", () => {
  const w = gruWasm();
  const e = w.exports as unknown as GruWasmHelpers;
  const [B, T, F, Fp] = [3, 2, 5, 8];
  const src = Float32Array.from({ length: B * T * F }, (_, i) => i + 1);
  const a = w.heapBase, mid = a + 4096, back = mid + 4096;
  w.reserve(back + 4096);
  w.f32().set(src, a / 4);
  w.f32().fill(-1, mid / 4, mid / 4 + T * B * Fp);
  e.toTimeMajor(a, mid, B, T, F, Fp);
  const tm = w.f32().slice(mid / 4, mid / 4 + T * B * Fp);
  for (let s = 0; s < T; s++) {
    for (let b = 0; b < B; b++) {
      for (let f = 0; f < Fp; f++) assert.equal(tm[(s * B + b) * Fp + f], f < F ? src[(b * T + s) * F + f] : 0, `(t ${s}, b ${b}, f ${f})`);
    }
  }
  e.fromTimeMajor(mid, back, B, T, F, Fp);
  assert.deepEqual(w.f32().slice(back / 4, back / 4 + src.length), src);
});

test("columnSums: the sum of every column of a [rows, cols] matrix", () => {
  const w = gruWasm();
  const e = w.exports as unknown as GruWasmHelpers;
  const [rows, cols] = [5, 8];
  const m = Float32Array.from({ length: rows * cols }, (_, i) => (i % 7) - 3 + i / 8);
  const at = w.heapBase, dst = at + 4096;
  w.reserve(dst + 64);
  w.f32().set(m, at / 4);
  e.columnSums(at, rows, cols, dst);
  const want = Array.from({ length: cols }, (_, c) => Array.from({ length: rows }, (_, r) => m[r * cols + c]).reduce((s, v) => s + v, 0));
  assert.deepEqual(Array.from(w.f32().slice(dst / 4, dst / 4 + cols)), want);
});

test("packedRecurrentSize and scratchSize count 8-column panels as documented", () => {
  const e = gruWasm().exports as unknown as GruWasmHelpers;
  // hp 4: U for the forward 4 × 16, Uᵀ for the backward 2·4 × 8 and 4 × 8 → 64 + 64 + 32
  assert.equal(e.packedRecurrentSize(4), 160);
  // hp 12: 12 × 40 + 24 × 16 + 12 × 16
  assert.equal(e.packedRecurrentSize(12), 480 + 384 + 192);
  assert.deepEqual([1, 8, 9].map((n) => e.scratchSize(n)), [256 * 8, 256 * 8, 256 * 16]);
});
