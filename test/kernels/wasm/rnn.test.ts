// src/kernels/wasm/rnn.ts (rnn.wasm's entry: the phases, the SimpleRNN step, toGateRows,
// packedRecurrentSize) through its exports, against float64 (test/support/float64Cells.ts) and
// plain-JS index arithmetic.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { rnnKernelBackward, rnnKernelForward } from "../../../src/kernels/rnnKernel";
import { rnnWasm } from "../../../src/kernels/rnnWasm";
import { float64Backward, float64Forward, type CellCase } from "../../support/float64Cells";
import { maxRelativeError, randomArray, randomSource } from "../../support/gruTestReferences";
import { randomCellArrays } from "../../support/rnnTestCases";

process.env.GRULAB_KERNEL = "wasm";

const cases: CellCase[] = [
  { cell: "simpleRnn", batch: 3, time: 4, inputDim: 2, units: 5, useBias: true },
  { cell: "simpleRnn", batch: 2, time: 2, inputDim: 3, units: 4, useBias: false },
  { cell: "lstm", batch: 4, time: 2, inputDim: 3, units: 6, useBias: true },
];

for (const threads of ["1", "2"]) {
  for (const k of cases) {
    test(`${k.cell} B${k.batch} T${k.time} D${k.inputDim} H${k.units} bias ${k.useBias}, ${threads} thread(s): forward and BPTT match float64 within 1e-5`, () => {
      process.env.GRULAB_THREADS = threads; // 2: every phase split into two parts (lo/hi, part/parts)
      const a = randomCellArrays(k, k.units * 10 + k.time);
      const dh = randomArray(k.batch * k.time * k.units, randomSource(k.units));
      const fwd = rnnKernelForward(k, a, true);
      assert.ok(maxRelativeError(fwd.h, float64Forward(k, a).h) <= 1e-5, "h");
      const got = rnnKernelBackward(fwd.state!, { h: dh });
      const want = float64Backward(k, a, { h: dh });
      for (const name of ["dx", "dh0", "dKernel", "dRecurrentKernel", "dBias"] as const) {
        if (want[name] === null) { assert.equal(got[name], null); continue; }
        assert.ok(maxRelativeError(got[name]!, want[name]!) <= 1e-5, `${name}: ${maxRelativeError(got[name]!, want[name]!)}`);
      }
    });
  }
}

test("SimpleRNN backward flushes gradients below 1e-30 to 0", () => {
  process.env.GRULAB_THREADS = "1";
  const k = cases[0];
  const a = randomCellArrays(k, 9);
  const got = rnnKernelBackward(rnnKernelForward(k, a, true).state!, { h: new Float32Array(k.batch * k.time * k.units).fill(1e-33) });
  assert.ok(got.dx.every((v) => v === 0) && got.dRecurrentKernel.every((v) => v === 0));
});

test("toGateRows puts [B, T, H] into time-major rows of `stride` floats and leaves the rest of each row alone", () => {
  const w = rnnWasm();
  const [B, T, H, stride] = [3, 2, 5, 12];
  const src = Float32Array.from({ length: B * T * H }, (_, i) => i + 1);
  const from = w.heapBase, to = from + 4096;
  w.reserve(to + 4 * T * B * stride);
  const mem = w.f32();
  mem.set(src, from / 4);
  mem.fill(-7, to / 4, to / 4 + T * B * stride);
  w.exports.toGateRows(from, to, B, T, H, stride);
  const got = w.f32().slice(to / 4, to / 4 + T * B * stride);
  for (let s = 0; s < T; s++) {
    for (let b = 0; b < B; b++) {
      for (let c = 0; c < stride; c++) {
        const want = c < H ? src[(b * T + s) * H + c] : -7;
        assert.equal(got[(s * B + b) * stride + c], want, `row (t ${s}, b ${b}) column ${c}`);
      }
    }
  }
});

test("packedRecurrentSize: the larger of packed U (Hp rows of G·Hp columns) and packed Uᵀ (G·Hp rows of Hp), in 8-column panels", () => {
  const e = rnnWasm().exports;
  // G 4, Hp 4: U 4 × 16 = 64, Uᵀ 16 × 8 = 128; G 1, Hp 4: 4 × 8 both; G 4, Hp 8: 8 × 32 = 256 = 32 × 8; G 1, Hp 12: 12 × 16
  assert.deepEqual([[4, 4], [1, 4], [4, 8], [1, 12]].map(([g, hp]) => e.packedRecurrentSize(g, hp)), [128, 32, 256, 192]);
});
