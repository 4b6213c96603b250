// AssemblyScript entry of the fused GRU kernel (built to gru.wasm by scripts/build-kernels.js).
// Whole-sequence forward and backward (BPTT) over buffers laid out by the JS glue
// (src/kernels/gruKernelLayout.ts; table in docs/kernel.md) in one imported memory. Every phase
// takes one argument: the address of a GruCall struct (src/kernels/gruCall.ts) naming the shape,
// this thread's part and every buffer. Internal layout is time-major with the units padded to
// hp (a multiple of 4): x [T·B, D], gate rows [T·B, 3·hp], states hs [(T+1)·B, hp].
import { gemm, gemmPacked, packAll, paddedColumns } from "./gemm";
import { backwardAfter, backwardBeforeGates, backwardBeforeState, forwardAfter, forwardBeforeGates,
         forwardBeforeState } from "./gates";
import { GruCall } from "./gruCall.generated";
export { gemm, packedSize } from "./gemm";
export { gruCallEcho } from "./gruCall.generated";

/** Floats of packed recurrent kernel space the forward and the backward need. */
export function packedRecurrentSize(hp: i32): i32 {
  return hp * paddedColumns(3 * hp) + 2 * hp * paddedColumns(hp) + hp * paddedColumns(hp);
}

/** Floats of scratch one thread needs to pack a block of B in gemm (n columns at most). */
export function scratchSize(n: i32): i32 {
  return 256 * paddedColumns(n);
}

/** [B, T, F] → [T, B, Fp] (columns F..Fp zero). */
export function toTimeMajor(src: usize, dst: usize, b: i32, t: i32, f: i32, fp: i32): void {
  for (let s = 0; s < t; s++) {
    for (let i = 0; i < b; i++) {
      const d = dst + (<usize>((s * b + i) * fp) << 2);
      memory.copy(d, src + (<usize>((i * t + s) * f) << 2), <usize>f << 2);
      if (fp > f) memory.fill(d + (<usize>f << 2), 0, <usize>(fp - f) << 2);
    }
  }
}

/** [T, B, Fp] → [B, T, F]. */
export function fromTimeMajor(src: usize, dst: usize, b: i32, t: i32, f: i32, fp: i32): void {
  for (let s = 0; s < t; s++) {
    for (let i = 0; i < b; i++) {
      memory.copy(dst + (<usize>((i * t + s) * f) << 2), src + (<usize>((s * b + i) * fp) << 2), <usize>f << 2);
    }
  }
}

/** dst[c] = Σ_r src[r, c] for a [rows, cols] matrix, cols a multiple of 4. */
export function columnSums(src: usize, rows: i32, cols: i32, dst: usize): void {
  const w = <usize>cols << 2;
  for (let c: usize = 0; c < w; c += 16) {
    let s = f32x4.splat(0);
    let p = src + c;
    for (let r = 0; r < rows; r++) {
      s = f32x4.add(s, v128.load(p));
      p += w;
    }
    v128.store(dst + c, s);
  }
}

// Adds a [cols] row vector to every row of a [rows, cols] matrix (cols a multiple of 4).
function addRow(m: usize, rows: i32, cols: i32, v: usize): void {
  const w = <usize>cols << 2;
  let p = m;
  for (let r = 0; r < rows; r++) {
    for (let c: usize = 0; c < w; c += 16) v128.store(p + c, f32x4.add(v128.load(p + c), v128.load(v + c)));
    p += w;
  }
}

// This thread's share [lo, hi) of n items (rows, batch elements): part `part` of `parts`.
@inline function lower(n: i32, c: GruCall): i32 { return (n * c.part) / c.parts; }
@inline function upper(n: i32, c: GruCall): i32 { return (n * (c.part + 1)) / c.parts; }

// The forward and the backward come in phases so that two threads can share them (the JS glue,
// src/kernels/gruThreads.ts): each thread runs its part of every phase (rows, batch elements or
// units); one thread runs every phase whole. Packing writes what the other phases only read.

/** Packs U for the forward (resetAfter: all 3hp columns; else z|r columns, then h columns after them). */
export function packForward(call: usize): void {
  const c = changetype<GruCall>(call);
  const hp = c.hp, g3 = 3 * hp;
  if (c.resetAfter) packAll(c.u, g3, 1, hp, g3, c.packed);
  else {
    packAll(c.u, g3, 1, hp, 2 * hp, c.packed);
    packAll(c.u + (<usize>(2 * hp) << 2), g3, 1, hp, hp, c.packed + (<usize>(hp * paddedColumns(2 * hp)) << 2));
  }
}

/** xw rows of this part = x·W + bIn for all steps at once (rows are time-major (t, b) pairs). */
export function forwardInput(call: usize): void {
  const c = changetype<GruCall>(call);
  const d = c.inputDim, g3 = 3 * c.hp;
  const rows = c.batch * c.time, lo = lower(rows, c), hi = upper(rows, c);
  const out = c.xw + (<usize>(lo * g3) << 2);
  gemm(c.x + (<usize>(lo * d) << 2), d, 1, c.w, g3, 1, hi - lo, d, g3, out, g3, false, c.scratch, c.tmp);
  addRow(out, hi - lo, g3, c.bIn);
}

/**
 * The recurrence over all T steps for this part's batch elements. hs slot 0 holds h0; h_t goes
 * to slot t+1. z, r, hTilde and (resetAfter) hUh = h·U_h + b_rh or (else) rh = r ⊙ h are kept for
 * the backward.
 */
export function forwardSteps(call: usize): void {
  const c = changetype<GruCall>(call);
  const hp = c.hp, g3 = 3 * hp, b = c.batch;
  const lo = lower(b, c), m = upper(b, c) - lo;
  const slab = <usize>(b * hp) << 2;
  const gateSlab = <usize>(b * g3) << 2;
  const row = <usize>(lo * hp) << 2, gateRow = <usize>(lo * g3) << 2;
  const packedH = c.packed + (<usize>(hp * paddedColumns(2 * hp)) << 2);
  const hOff = <usize>(2 * hp) << 2;
  const hus = c.hu + gateRow;
  for (let s = 0; s < c.time; s++) {
    const o = <usize>s * slab + row;
    const hPrev = c.hs + o, hNext = hPrev + slab;
    const xws = c.xw + <usize>s * gateSlab + gateRow;
    if (c.resetAfter) {
      gemmPacked(hPrev, hp, 1, m, hp, c.packed, g3, hus, g3, false, c.tmp);
      forwardAfter(m, hp, xws, hus, c.bRec, hPrev, c.z + o, c.r + o, c.hTilde + o, c.hUh + o, hNext);
    } else {
      gemmPacked(hPrev, hp, 1, m, hp, c.packed, 2 * hp, hus, g3, false, c.tmp);
      forwardBeforeGates(m, hp, xws, hus, hPrev, c.z + o, c.r + o, c.rh + o);
      gemmPacked(c.rh + o, hp, 1, m, hp, packedH, hp, hus + hOff, g3, false, c.tmp);
      forwardBeforeState(m, hp, xws, hus, hPrev, c.z + o, c.hTilde + o, hNext);
    }
  }
}

/** Packs Uᵀ for the backward: B(k, j) = U[j, k] (resetAfter: all; else h rows, then z|r rows after them). */
export function packBackward(call: usize): void {
  const c = changetype<GruCall>(call);
  const hp = c.hp, g3 = 3 * hp;
  if (c.resetAfter) packAll(c.u, 1, g3, g3, hp, c.packed);
  else {
    packAll(c.u + (<usize>(2 * hp) << 2), 1, g3, hp, hp, c.packed);
    packAll(c.u, 1, g3, 2 * hp, hp, c.packed + (<usize>(g3 * paddedColumns(hp)) << 2));
  }
}

// An optional buffer's address at offset o, or 0 when the buffer is absent.
@inline function opt(p: usize, o: usize): usize {
  return p == 0 ? 0 : p + o;
}

/**
 * BPTT over all steps, last to first, for this part's batch elements. dhOut: dL/dh_t from the
 * outputs [T·B, hp]; dzOut, drOut, dhTildeOut: dL/d(z, r, h̃) from the outputs, or 0. dh: in
 * zeros, carries dL/dh_t back through the steps, out dL/dh0 [B, hp]. Writes the pre-activation
 * gradients dgx (and, resetAfter, dgh) of every step; the chain rule is in gates.ts.
 */
export function backwardSteps(call: usize): void {
  const c = changetype<GruCall>(call);
  const hp = c.hp, g3 = 3 * hp, b = c.batch;
  const lo = lower(b, c), m = upper(b, c) - lo;
  const slab = <usize>(b * hp) << 2;
  const gateSlab = <usize>(b * g3) << 2;
  const row = <usize>(lo * hp) << 2, gateRow = <usize>(lo * g3) << 2;
  const hOff = <usize>(2 * hp) << 2;
  const packedZR = c.packed + (<usize>(g3 * paddedColumns(hp)) << 2);
  const dh = c.dh + row, drh = c.drh + row;
  for (let s = c.time - 1; s >= 0; s--) {
    const o = <usize>s * slab + row, hPrev = c.hs + o;
    const gx = c.dgx + <usize>s * gateSlab + gateRow;
    if (c.resetAfter) {
      const gh = c.dgh + <usize>s * gateSlab + gateRow;
      backwardAfter(m, hp, dh, opt(c.dhOut, o), opt(c.dzOut, o), opt(c.drOut, o), opt(c.dhTildeOut, o),
                    hPrev, c.z + o, c.r + o, c.hTilde + o, c.hUh + o, gx, gh);
      // dL/dh_{t−1} += dgh · U_allᵀ (the direct part dh·z is already in dh)
      gemmPacked(gh, g3, 1, m, g3, c.packed, hp, dh, hp, true, c.tmp);
    } else {
      backwardBeforeState(m, hp, dh, opt(c.dhOut, o), opt(c.dzOut, o), opt(c.dhTildeOut, o), hPrev, c.z + o, c.hTilde + o, gx);
      // drh = dL/d(r ⊙ h_{t−1}) = dahTilde · U_hᵀ
      gemmPacked(gx + hOff, g3, 1, m, hp, c.packed, hp, drh, hp, false, c.tmp);
      backwardBeforeGates(m, hp, dh, drh, opt(c.drOut, o), hPrev, c.r + o, gx);
      // dL/dh_{t−1} += [daz, dar] · U_zrᵀ
      gemmPacked(gx, g3, 1, m, 2 * hp, packedZR, hp, dh, hp, true, c.tmp);
    }
  }
}

/**
 * Weight and input gradients, one matmul over all steps each, for this part: dU rows (units), dW
 * columns (gate units) and dx rows are split between the parts; the last part does the bias sums.
 * dU = Σ_t h_{t−1}ᵀ·dgh (resetAfter; else [h_{t−1}ᵀ·dgx_zr, rhᵀ·dgx_h]); dW = xᵀ·dgx;
 * dx = dgx·Wᵀ; dBias = column sums of dgx (then of dgh, resetAfter).
 */
export function backwardWeights(call: usize): void {
  const c = changetype<GruCall>(call);
  const hp = c.hp, g3 = 3 * hp, d = c.inputDim;
  const rows = c.time * c.batch;
  const hOff = <usize>(2 * hp) << 2;
  const u0 = ((hp * c.part) / c.parts) & ~3, u1 = c.part == c.parts - 1 ? hp : ((hp * (c.part + 1)) / c.parts) & ~3;
  const r0 = lower(rows, c), r1 = upper(rows, c);
  const a = <usize>u0 << 2, dUrows = <usize>(u0 * g3) << 2;
  if (c.resetAfter) {
    gemm(c.hs + a, 1, hp, c.dgh, g3, 1, u1 - u0, rows, g3, c.dU + dUrows, g3, false, c.scratch, c.tmp);
  } else {
    gemm(c.hs + a, 1, hp, c.dgx, g3, 1, u1 - u0, rows, 2 * hp, c.dU + dUrows, g3, false, c.scratch, c.tmp);
    gemm(c.rh + a, 1, hp, c.dgx + hOff, g3, 1, u1 - u0, rows, hp, c.dU + dUrows + hOff, g3, false, c.scratch, c.tmp);
  }
  if (c.dx != 0) { // dx 0: the input needs no gradient (gruKernelBackward's withDx false)
    gemm(c.dgx + (<usize>(r0 * g3) << 2), g3, 1, c.w, 1, g3, r1 - r0, g3, d, c.dx + (<usize>(r0 * d) << 2), d, false,
         c.scratch, c.tmp);
  }
  // dW columns (gate units, whole register tiles) split by part too: part 0 doing all of dW left the
  // other thread idle for a third of the phase; by columns, each part packs only its half of dgx
  const n0 = ((g3 * c.part) / c.parts) & ~7, n1 = c.part == c.parts - 1 ? g3 : ((g3 * (c.part + 1)) / c.parts) & ~7;
  if (d > 0) gemm(c.x, 1, d, c.dgx + (<usize>n0 << 2), g3, 1, d, rows, n1 - n0, c.dW + (<usize>n0 << 2), g3, false, c.scratch, c.tmp); // d 0: inputs given as ids
  if (c.part == c.parts - 1) {
    columnSums(c.dgx, rows, g3, c.dBias);
    if (c.resetAfter) columnSums(c.dgh, rows, g3, c.dBias + (<usize>g3 << 2));
  }
}
