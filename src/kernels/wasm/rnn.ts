// AssemblyScript entry of the fused LSTM and SimpleRNN kernels (built to rnn.wasm by
// scripts/build-kernels.js). Every export takes one pointer: a call block whose fields
// (RnnArg, src/kernels/rnnCall.ts) the JS glue (src/kernels/rnnKernel.ts) fills. Buffers are
// time-major with units padded to Hp (a multiple of 4); gate rows hold G blocks of Hp.
// The matmuls are the GRU kernel's packed GEMM (gemm.ts): x·W for all steps in one matmul, one
// h·U per step, and dW, dU, dx as one matmul each over all steps.
import { RnnArg } from "../rnnCall";
import { gemm, gemmPacked, packAll, paddedColumns } from "./gemm";
import { columnSums } from "./gru";
import { vtanh } from "./activations";
import { flush, lstmBackwardGates, lstmForwardGates } from "./lstm";
export { packedSize } from "./gemm";
export { fromTimeMajor, toTimeMajor } from "./gru";

@inline function arg(block: usize, field: RnnArg): i32 {
  return load<i32>(block + (<usize>field << 2));
}

@inline function ptr(block: usize, field: RnnArg): usize {
  return <usize>load<u32>(block + (<usize>field << 2));
}

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

// SimpleRNN backward of one step: dg = (dh_carry + dout) ⊙ (1 − h_t²); dh_{t−1} = dg·Uᵀ follows (rnn.ts).
function rnnBackwardState(m: i32, hp: i32, hnow: usize, dh: usize, dout: usize, dg: usize): void {
  const one = f32x4.splat(1.0);
  const n = <usize>(m * hp) << 2;
  for (let j: usize = 0; j < n; j += 16) {
    const h = v128.load(hnow + j);
    v128.store(dg + j, flush(f32x4.mul(f32x4.add(v128.load(dh + j), v128.load(dout + j)), f32x4.sub(one, f32x4.mul(h, h)))));
  }
}

/** Packs U for the forward's h·U. */
export function packForward(block: usize): void {
  const hp = arg(block, RnnArg.hp), gp = arg(block, RnnArg.gates) * hp;
  packAll(ptr(block, RnnArg.u), gp, 1, hp, gp, ptr(block, RnnArg.packedU));
}

/** Packs Uᵀ for the backward's dg·Uᵀ: B(k, j) = U[j, k]. */
export function packBackward(block: usize): void {
  const hp = arg(block, RnnArg.hp), gp = arg(block, RnnArg.gates) * hp;
  packAll(ptr(block, RnnArg.u), 1, gp, gp, hp, ptr(block, RnnArg.packedUT));
}

/** act rows [lo, hi) = x·W + b for all steps at once (rows are time-major (t, b) pairs). */
export function forwardInput(block: usize): void {
  const d = arg(block, RnnArg.inputDim), gp = arg(block, RnnArg.gates) * arg(block, RnnArg.hp);
  const lo = arg(block, RnnArg.lo), hi = arg(block, RnnArg.hi);
  const row = <usize>gp << 2, bias = ptr(block, RnnArg.bias);
  const out = ptr(block, RnnArg.act) + <usize>lo * row;
  for (let r = 0; r < hi - lo; r++) memory.copy(out + <usize>r * row, bias, row);
  gemm(ptr(block, RnnArg.x) + (<usize>(lo * d) << 2), d, 1, ptr(block, RnnArg.w), gp, 1, hi - lo, d, gp, out, gp, true,
       ptr(block, RnnArg.scratch), ptr(block, RnnArg.tmp));
}

/** The recurrence over all T steps for batch elements [lo, hi): act += h_{t−1}·U, then the cell. */
export function forwardSteps(block: usize): void {
  const b = arg(block, RnnArg.batch), t = arg(block, RnnArg.time), hp = arg(block, RnnArg.hp);
  const gates = arg(block, RnnArg.gates), gp = gates * hp;
  const lo = arg(block, RnnArg.lo), m = arg(block, RnnArg.hi) - lo;
  const slab = <usize>(b * hp) << 2, gateSlab = <usize>(b * gp) << 2;
  const row = <usize>(lo * hp) << 2, gateRow = <usize>(lo * gp) << 2;
  const act = ptr(block, RnnArg.act), hs = ptr(block, RnnArg.hs), cs = ptr(block, RnnArg.cs);
  const packedU = ptr(block, RnnArg.packedU), tmp = ptr(block, RnnArg.tmp);
  for (let s = 0; s < t; s++) {
    const o = <usize>s * slab + row, a = act + <usize>s * gateSlab + gateRow;
    gemmPacked(hs + o, hp, 1, m, hp, packedU, gp, a, gp, true, tmp);
    if (gates == 4) lstmForwardGates(m, hp, a, cs + o, cs + o + slab, hs + o + slab);
    else rnnForwardState(m, hp, a, hs + o + slab);
  }
}

/** BPTT over all steps for batch elements [lo, hi): dg rows per step, dh (and dc) carried back to step 0. */
export function backwardSteps(block: usize): void {
  const b = arg(block, RnnArg.batch), t = arg(block, RnnArg.time), hp = arg(block, RnnArg.hp);
  const gates = arg(block, RnnArg.gates), gp = gates * hp;
  const lo = arg(block, RnnArg.lo), m = arg(block, RnnArg.hi) - lo;
  const slab = <usize>(b * hp) << 2, gateSlab = <usize>(b * gp) << 2;
  const row = <usize>(lo * hp) << 2, gateRow = <usize>(lo * gp) << 2;
  const act = ptr(block, RnnArg.act), hs = ptr(block, RnnArg.hs), cs = ptr(block, RnnArg.cs);
  const dout = ptr(block, RnnArg.dout), dgates = ptr(block, RnnArg.dgates), dcs = ptr(block, RnnArg.dcs);
  const dh = ptr(block, RnnArg.dh) + row, dc = ptr(block, RnnArg.dc) + row, dg = ptr(block, RnnArg.dg);
  const packedUT = ptr(block, RnnArg.packedUT), tmp = ptr(block, RnnArg.tmp);
  for (let s = t - 1; s >= 0; s--) {
    const o = <usize>s * slab + row, go = <usize>s * gateSlab + gateRow;
    if (gates == 4) {
      lstmBackwardGates(m, hp, act + go, cs + o, cs + o + slab, dh, dout + o, dgates == 0 ? 0 : dgates + go,
                        dcs == 0 ? 0 : dcs + o, dc, dg + go);
    } else {
      rnnBackwardState(m, hp, hs + o + slab, dh, dout + o, dg + go);
    }
    gemmPacked(dg + go, gp, 1, m, gp, packedUT, hp, dh, hp, false, tmp); // dh_{t−1} = dg·Uᵀ
  }
}

/**
 * dU = h_{0..T−1}ᵀ·dg, dx = dg·Wᵀ, dW = xᵀ·dg, db = Σ dg, one matmul each over all steps, for
 * part `part` of `parts`: dU rows (units) and dx rows are split; part 0 does dW, the last the bias.
 */
export function backwardWeights(block: usize): void {
  const b = arg(block, RnnArg.batch), t = arg(block, RnnArg.time), d = arg(block, RnnArg.inputDim);
  const hp = arg(block, RnnArg.hp), gp = arg(block, RnnArg.gates) * hp;
  const part = arg(block, RnnArg.part), parts = arg(block, RnnArg.parts);
  const dg = ptr(block, RnnArg.dg), scratch = ptr(block, RnnArg.scratch), tmp = ptr(block, RnnArg.tmp);
  const rows = t * b;
  const u0 = ((hp * part) / parts) & ~3, u1 = part == parts - 1 ? hp : ((hp * (part + 1)) / parts) & ~3;
  const r0 = (rows * part) / parts, r1 = (rows * (part + 1)) / parts;
  gemm(ptr(block, RnnArg.hs) + (<usize>u0 << 2), 1, hp, dg, gp, 1, u1 - u0, rows, gp,
       ptr(block, RnnArg.dU) + (<usize>(u0 * gp) << 2), gp, false, scratch, tmp);
  gemm(dg + (<usize>(r0 * gp) << 2), gp, 1, ptr(block, RnnArg.w), 1, gp, r1 - r0, gp, d,
       ptr(block, RnnArg.dx) + (<usize>(r0 * d) << 2), d, false, scratch, tmp);
  if (part == 0) gemm(ptr(block, RnnArg.x), 1, d, dg, gp, 1, d, rows, gp, ptr(block, RnnArg.dW), gp, false, scratch, tmp);
  if (part == parts - 1) columnSums(dg, rows, gp, ptr(block, RnnArg.dBias));
}

/** Floats of packed U plus packed Uᵀ for G gate blocks of Hp units. */
export function packedRecurrentSize(gates: i32, hp: i32): i32 {
  return hp * paddedColumns(gates * hp) + gates * hp * paddedColumns(hp);
}
