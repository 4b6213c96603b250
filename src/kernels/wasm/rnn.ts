// AssemblyScript entry of the fused LSTM and SimpleRNN kernels (built to rnn.wasm by
// scripts/build-kernels.js). Every phase takes one pointer: an RnnCall block (its field list:
// src/kernels/rnnCall.ts) that the JS glue (src/kernels/rnnKernelLayout.ts) fills. Buffers are
// time-major with units padded to Hp (a multiple of 4); gate rows hold G blocks of Hp.
// The matmuls are the GRU kernel's packed GEMM (gemm.ts): x·W for all steps in one matmul, one
// h·U per step, and dW, dU, dx as one matmul each over all steps.
import { RnnCall } from "./rnnCall.generated";
import { gemm, gemmPacked, packAll, paddedColumns } from "./gemm";
import { columnSums } from "./gru";
import { vtanh } from "./activations";
import { flush, lstmBackwardGates, lstmForwardGates } from "./lstm";
export { packedSize } from "./gemm";
export { fromTimeMajor, toTimeMajor } from "./gru";
export { rnnCallEcho } from "./rnnCall.generated";

/** [B, T, H] → block columns of time-major gate rows: dst row (s·B + i) at stride `stride` floats (no fill). */
export function toGateRows(src: usize, dst: usize, b: i32, t: i32, h: i32, stride: i32): void {
  for (let s = 0; s < t; s++) {
    for (let i = 0; i < b; i++) {
      memory.copy(dst + (<usize>((s * b + i) * stride) << 2), src + (<usize>((i * t + s) * h) << 2), <usize>h << 2);
    }
  }
}

// SimpleRNN: h_t = tanh(a) for a [rows, Hp] slab of pre-activations.
function rnnForwardState(m: i32, hp: i32, act: usize, hnext: usize): void {
  const n = <usize>(m * hp) << 2;
  for (let j: usize = 0; j < n; j += 16) v128.store(hnext + j, vtanh(v128.load(act + j)));
}

// SimpleRNN backward of one step: dg = (dh_carry + dhOut) ⊙ (1 − h_t²); dh_{t−1} = dg·Uᵀ follows (rnn.ts).
function rnnBackwardState(m: i32, hp: i32, hnow: usize, dh: usize, dhOut: usize, dg: usize): void {
  const one = f32x4.splat(1.0);
  const n = <usize>(m * hp) << 2;
  for (let j: usize = 0; j < n; j += 16) {
    const h = v128.load(hnow + j);
    v128.store(dg + j, flush(f32x4.mul(f32x4.add(v128.load(dh + j), v128.load(dhOut + j)), f32x4.sub(one, f32x4.mul(h, h)))));
  }
}

/** Packs U for the forward's h·U (into `packed`). */
export function packForward(block: usize): void {
  const c = changetype<RnnCall>(block);
  const hp = c.hp, gp = c.gates * hp;
  packAll(c.u, gp, 1, hp, gp, c.packed);
}

/** Packs Uᵀ for the backward's dg·Uᵀ (into `packed`): B(k, j) = U[j, k]. */
export function packBackward(block: usize): void {
  const c = changetype<RnnCall>(block);
  const hp = c.hp, gp = c.gates * hp;
  packAll(c.u, 1, gp, gp, hp, c.packed);
}

/** act rows [lo, hi) = x·W + b for all steps at once (rows are time-major (t, b) pairs). */
export function forwardInput(block: usize): void {
  const c = changetype<RnnCall>(block);
  const d = c.inputDim, gp = c.gates * c.hp;
  const lo = c.lo, hi = c.hi;
  const row = <usize>gp << 2, bias = c.bias;
  const out = c.act + <usize>lo * row;
  for (let r = 0; r < hi - lo; r++) memory.copy(out + <usize>r * row, bias, row);
  gemm(c.x + (<usize>(lo * d) << 2), d, 1, c.w, gp, 1, hi - lo, d, gp, out, gp, true,
       c.scratch, c.tmp);
}

/** The recurrence over all T steps for batch elements [lo, hi): act += h_{t−1}·U, then the cell. */
export function forwardSteps(block: usize): void {
  const c = changetype<RnnCall>(block);
  const b = c.batch, t = c.time, hp = c.hp;
  const gates = c.gates, gp = gates * hp;
  const lo = c.lo, m = c.hi - lo;
  const slab = <usize>(b * hp) << 2, gateSlab = <usize>(b * gp) << 2;
  const row = <usize>(lo * hp) << 2, gateRow = <usize>(lo * gp) << 2;
  const act = c.act, hs = c.hs, cs = c.cs;
  const packedU = c.packed, tmp = c.tmp;
  for (let s = 0; s < t; s++) {
    const o = <usize>s * slab + row, a = act + <usize>s * gateSlab + gateRow;
    gemmPacked(hs + o, hp, 1, m, hp, packedU, gp, a, gp, true, tmp);
    if (gates == 4) lstmForwardGates(m, hp, a, cs + o, cs + o + slab, hs + o + slab);
    else rnnForwardState(m, hp, a, hs + o + slab);
  }
}

/** BPTT over all steps for batch elements [lo, hi): dg rows per step, dh (and dc) carried back to step 0. */
export function backwardSteps(block: usize): void {
  const c = changetype<RnnCall>(block);
  const b = c.batch, t = c.time, hp = c.hp;
  const gates = c.gates, gp = gates * hp;
  const lo = c.lo, m = c.hi - lo;
  const slab = <usize>(b * hp) << 2, gateSlab = <usize>(b * gp) << 2;
  const row = <usize>(lo * hp) << 2, gateRow = <usize>(lo * gp) << 2;
  const act = c.act, hs = c.hs, cs = c.cs;
  const dhOut = c.dhOut, dgatesOut = c.dgatesOut, dcOut = c.dcOut;
  const dh = c.dh + row, dc = c.dc + row, dg = c.dg;
  const packedUT = c.packed, tmp = c.tmp;
  for (let s = t - 1; s >= 0; s--) {
    const o = <usize>s * slab + row, go = <usize>s * gateSlab + gateRow;
    if (gates == 4) {
      lstmBackwardGates(m, hp, act + go, cs + o, cs + o + slab, dh, dhOut + o, dgatesOut == 0 ? 0 : dgatesOut + go,
                        dcOut == 0 ? 0 : dcOut + o, dc, dg + go);
    } else {
      rnnBackwardState(m, hp, hs + o + slab, dh, dhOut + o, dg + go);
    }
    gemmPacked(dg + go, gp, 1, m, gp, packedUT, hp, dh, hp, false, tmp); // dh_{t−1} = dg·Uᵀ
  }
}

/**
 * dU = h_{0..T−1}ᵀ·dg, dx = dg·Wᵀ, dW = xᵀ·dg, db = Σ dg, one matmul each over all steps, for
 * part `part` of `parts`: dU rows (units) and dx rows are split; part 0 does dW, the last the bias.
 */
export function backwardWeights(block: usize): void {
  const c = changetype<RnnCall>(block);
  const b = c.batch, t = c.time, d = c.inputDim;
  const hp = c.hp, gp = c.gates * hp;
  const part = c.part, parts = c.parts;
  const dg = c.dg, scratch = c.scratch, tmp = c.tmp;
  const rows = t * b;
  const u0 = ((hp * part) / parts) & ~3, u1 = part == parts - 1 ? hp : ((hp * (part + 1)) / parts) & ~3;
  const r0 = (rows * part) / parts, r1 = (rows * (part + 1)) / parts;
  gemm(c.hs + (<usize>u0 << 2), 1, hp, dg, gp, 1, u1 - u0, rows, gp,
       c.dU + (<usize>(u0 * gp) << 2), gp, false, scratch, tmp);
  if (d > 0) gemm(dg + (<usize>(r0 * gp) << 2), gp, 1, c.w, 1, gp, r1 - r0, gp, d,
       c.dx + (<usize>(r0 * d) << 2), d, false, scratch, tmp); // d 0: inputs given as ids
  if (part == 0 && d > 0) gemm(c.x, 1, d, dg, gp, 1, d, rows, gp, c.dW, gp, false, scratch, tmp);
  if (part == parts - 1) columnSums(dg, rows, gp, c.dBias);
}

/** Floats of the `packed` buffer for G gate blocks of Hp units: packed U or packed Uᵀ, whichever is larger. */
export function packedRecurrentSize(gates: i32, hp: i32): i32 {
  return max(hp * paddedColumns(gates * hp), gates * hp * paddedColumns(hp));
}
