// AssemblyScript entry of the fused GRU kernel (built to gru.wasm by scripts/build-kernels.js).
// Whole-sequence forward and backward (BPTT) over buffers laid out by the JS glue
// (src/kernels/gruWasm.ts) in one imported memory. Internal layout is time-major with the units
// padded to Hp (a multiple of 4): x [T·B, D], gate rows [T·B, 3·Hp], states hs [(T+1)·B, Hp].
import { gemm, gemmPacked, packAll, paddedColumns } from "./gemm";
import { backwardAfter, backwardBeforeGates, backwardBeforeState, forwardAfter, forwardBeforeGates,
         forwardBeforeState } from "./gates";
export { gemm, packedSize } from "./gemm";

/** Floats of packed recurrent kernel space the forward and the backward need. */
export function packedRecurrentSize(hp: i32): i32 {
  return hp * paddedColumns(3 * hp) + 2 * hp * paddedColumns(hp) + hp * paddedColumns(hp);
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

// The forward and the backward come in phases so that two threads can share them (the JS glue,
// src/kernels/gruThreads.ts): rows, batch elements or units [lo, hi) per thread; one thread
// runs every phase over the full range. Packing writes what the other phases only read.

/** Packs U for the forward (resetAfter: all 3Hp columns; else z|r columns, then h columns after them). */
export function packForward(resetAfter: bool, hp: i32, u: usize, packed: usize): void {
  const g3 = 3 * hp;
  if (resetAfter) packAll(u, g3, 1, hp, g3, packed);
  else {
    packAll(u, g3, 1, hp, 2 * hp, packed);
    packAll(u + (<usize>(2 * hp) << 2), g3, 1, hp, hp, packed + (<usize>(hp * paddedColumns(2 * hp)) << 2));
  }
}

/** xw rows [lo, hi) = x·W + bIn for all steps at once (rows are time-major (t, b) pairs). */
export function forwardInput(d: i32, hp: i32, x: usize, w: usize, bIn: usize, xw: usize, lo: i32, hi: i32,
                             scratch: usize, tmp: usize): void {
  const g3 = 3 * hp;
  const out = xw + (<usize>(lo * g3) << 2);
  gemm(x + (<usize>(lo * d) << 2), d, 1, w, g3, 1, hi - lo, d, g3, out, g3, false, scratch, tmp);
  addRow(out, hi - lo, g3, bIn);
}

/**
 * The recurrence over all T steps for batch elements [lo, hi). hs slot 0 holds h0; h_t goes to
 * slot t+1. z, r, n (h̃) and aux (resetAfter: h·U_h + b_rh; else r ⊙ h) are kept for the backward.
 */
export function forwardSteps(resetAfter: bool, b: i32, t: i32, hp: i32, bRec: usize, xw: usize, hs: usize,
                             z: usize, r: usize, n: usize, aux: usize, hu: usize, packed: usize,
                             lo: i32, hi: i32, tmp: usize): void {
  const g3 = 3 * hp;
  const m = hi - lo;
  const slab = <usize>(b * hp) << 2;
  const gateSlab = <usize>(b * g3) << 2;
  const row = <usize>(lo * hp) << 2, gateRow = <usize>(lo * g3) << 2;
  const packedH = packed + (<usize>(hp * paddedColumns(2 * hp)) << 2);
  const hOff = <usize>(2 * hp) << 2;
  const hus = hu + gateRow;
  for (let s = 0; s < t; s++) {
    const o = <usize>s * slab + row;
    const hprev = hs + o, hnext = hprev + slab;
    const xws = xw + <usize>s * gateSlab + gateRow;
    if (resetAfter) {
      gemmPacked(hprev, hp, 1, m, hp, packed, g3, hus, g3, false, tmp);
      forwardAfter(m, hp, xws, hus, bRec, hprev, z + o, r + o, n + o, aux + o, hnext);
    } else {
      gemmPacked(hprev, hp, 1, m, hp, packed, 2 * hp, hus, g3, false, tmp);
      forwardBeforeGates(m, hp, xws, hus, hprev, z + o, r + o, aux + o);
      gemmPacked(aux + o, hp, 1, m, hp, packedH, hp, hus + hOff, g3, false, tmp);
      forwardBeforeState(m, hp, xws, hus, hprev, z + o, n + o, hnext);
    }
  }
}

/** Packs Uᵀ for the backward: B(k, j) = U[j, k] (resetAfter: all; else h rows, then z|r rows after them). */
export function packBackward(resetAfter: bool, hp: i32, u: usize, packed: usize): void {
  const g3 = 3 * hp;
  if (resetAfter) packAll(u, 1, g3, g3, hp, packed);
  else {
    packAll(u + (<usize>(2 * hp) << 2), 1, g3, hp, hp, packed);
    packAll(u, 1, g3, 2 * hp, hp, packed + (<usize>(g3 * paddedColumns(hp)) << 2));
  }
}

// An optional buffer's address at offset o, or 0 when the buffer is absent.
@inline function opt(p: usize, o: usize): usize {
  return p == 0 ? 0 : p + o;
}

/**
 * BPTT over all steps for batch elements [lo, hi). dout: dL/dh per step [T·B, Hp]; dzx, drx, dnx:
 * dL/d(z, r, h̃) or 0. dh: in zeros, out dL/dh0 [B, Hp]. Writes dgx (and, resetAfter, dgh) rows.
 */
export function backwardSteps(resetAfter: bool, b: i32, t: i32, hp: i32, hs: usize, z: usize, r: usize, n: usize,
                              aux: usize, dout: usize, dzx: usize, drx: usize, dnx: usize, dgx: usize, dgh: usize,
                              dh: usize, drh: usize, packed: usize, lo: i32, hi: i32, tmp: usize): void {
  const g3 = 3 * hp;
  const m = hi - lo;
  const slab = <usize>(b * hp) << 2;
  const gateSlab = <usize>(b * g3) << 2;
  const row = <usize>(lo * hp) << 2, gateRow = <usize>(lo * g3) << 2;
  const hOff = <usize>(2 * hp) << 2;
  const packedZR = packed + (<usize>(g3 * paddedColumns(hp)) << 2);
  const dhs = dh + row, drhs = drh + row;
  for (let s = t - 1; s >= 0; s--) {
    const o = <usize>s * slab + row, hprev = hs + o;
    const gx = dgx + <usize>s * gateSlab + gateRow;
    if (resetAfter) {
      const gh = dgh + <usize>s * gateSlab + gateRow;
      backwardAfter(m, hp, dhs, dout + o, opt(dzx, o), opt(drx, o), opt(dnx, o),
                    hprev, z + o, r + o, n + o, aux + o, gx, gh);
      gemmPacked(gh, g3, 1, m, g3, packed, hp, dhs, hp, true, tmp);
    } else {
      backwardBeforeState(m, hp, dhs, dout + o, opt(dzx, o), opt(dnx, o), hprev, z + o, n + o, gx);
      gemmPacked(gx + hOff, g3, 1, m, hp, packed, hp, drhs, hp, false, tmp);
      backwardBeforeGates(m, hp, dhs, drhs, opt(drx, o), hprev, r + o, gx);
      gemmPacked(gx, g3, 1, m, 2 * hp, packedZR, hp, dhs, hp, true, tmp);
    }
  }
}

/**
 * Weight and input gradients, one matmul over all steps each, for part `part` of `parts` (1 or 2):
 * dU rows (units) and dx rows are split; part 0 also does dW, the last part the bias sums.
 * hs[0..T-1] is [T·B, Hp], read transposed. dBias: input side [3Hp] (+ recurrent side after it).
 */
export function backwardWeights(resetAfter: bool, b: i32, t: i32, d: i32, hp: i32, x: usize, w: usize,
                                hs: usize, aux: usize, dgx: usize, dgh: usize, dU: usize, dW: usize, dx: usize,
                                dBias: usize, part: i32, parts: i32, scratch: usize, tmp: usize): void {
  const g3 = 3 * hp;
  const rows = t * b;
  const hOff = <usize>(2 * hp) << 2;
  const u0 = ((hp * part) / parts) & ~3, u1 = part == parts - 1 ? hp : ((hp * (part + 1)) / parts) & ~3;
  const r0 = (rows * part) / parts, r1 = (rows * (part + 1)) / parts;
  const a = <usize>u0 << 2, c = <usize>(u0 * g3) << 2;
  if (resetAfter) {
    gemm(hs + a, 1, hp, dgh, g3, 1, u1 - u0, rows, g3, dU + c, g3, false, scratch, tmp);
  } else {
    gemm(hs + a, 1, hp, dgx, g3, 1, u1 - u0, rows, 2 * hp, dU + c, g3, false, scratch, tmp);
    gemm(aux + a, 1, hp, dgx + hOff, g3, 1, u1 - u0, rows, hp, dU + c + hOff, g3, false, scratch, tmp);
  }
  gemm(dgx + (<usize>(r0 * g3) << 2), g3, 1, w, 1, g3, r1 - r0, g3, d, dx + (<usize>(r0 * d) << 2), d, false, scratch, tmp);
  if (part == 0) gemm(x, 1, d, dgx, g3, 1, d, rows, g3, dW, g3, false, scratch, tmp);
  if (part == parts - 1) {
    columnSums(dgx, rows, g3, dBias);
    if (resetAfter) columnSums(dgh, rows, g3, dBias + (<usize>g3 << 2));
  }
}
