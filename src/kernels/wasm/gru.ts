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

/**
 * Forward over all T steps. hs slot 0 holds h0; h_t goes to slot t+1. xw receives x·W + bIn;
 * z, r, n (h̃) and aux (resetAfter: h·U_h + b_rh; else r ⊙ h) are kept for the backward.
 */
export function forward(resetAfter: bool, b: i32, t: i32, d: i32, hp: i32,
                        x: usize, w: usize, u: usize, bIn: usize, bRec: usize,
                        xw: usize, hs: usize, z: usize, r: usize, n: usize, aux: usize,
                        hu: usize, packed: usize, scratch: usize, tmp: usize): void {
  const g3 = 3 * hp;
  const rows = t * b;
  gemm(x, d, 1, w, g3, 1, rows, d, g3, xw, g3, false, scratch, tmp);
  addRow(xw, rows, g3, bIn);
  const slab = <usize>(b * hp) << 2;
  const gateSlab = <usize>(b * g3) << 2;
  const uh = u + (<usize>(2 * hp) << 2);
  const packedH = packed + (<usize>(hp * paddedColumns(2 * hp)) << 2);
  if (resetAfter) packAll(u, g3, 1, hp, g3, packed);
  else {
    packAll(u, g3, 1, hp, 2 * hp, packed);
    packAll(uh, g3, 1, hp, hp, packedH);
  }
  for (let s = 0; s < t; s++) {
    const hprev = hs + <usize>s * slab, hnext = hprev + slab, o = <usize>s * slab;
    const xws = xw + <usize>s * gateSlab;
    if (resetAfter) {
      gemmPacked(hprev, hp, 1, b, hp, packed, g3, hu, g3, false, tmp);
      forwardAfter(b, hp, xws, hu, bRec, hprev, z + o, r + o, n + o, aux + o, hnext);
    } else {
      gemmPacked(hprev, hp, 1, b, hp, packed, 2 * hp, hu, g3, false, tmp);
      forwardBeforeGates(b, hp, xws, hu, hprev, z + o, r + o, aux + o);
      gemmPacked(aux + o, hp, 1, b, hp, packedH, hp, hu + (<usize>(2 * hp) << 2), g3, false, tmp);
      forwardBeforeState(b, hp, xws, hu, hprev, z + o, n + o, hnext);
    }
  }
}

// An optional buffer's address at offset o, or 0 when the buffer is absent.
@inline function opt(p: usize, o: usize): usize {
  return p == 0 ? 0 : p + o;
}

/**
 * BPTT over the state the forward kept. dout: dL/dh per step [T·B, Hp]; dzx, drx, dnx: dL/d(z,
 * r, h̃) or 0. Out: dh (dL/dh0, [B, Hp]), dU [Hp, 3Hp], dW [D, 3Hp], dx [T·B, D], dBias [3Hp]
 * (input side; resetAfter also [3Hp] recurrent side right after it). dgh is used by resetAfter only.
 */
export function backward(resetAfter: bool, b: i32, t: i32, d: i32, hp: i32,
                         x: usize, w: usize, u: usize, hs: usize, z: usize, r: usize, n: usize, aux: usize,
                         dout: usize, dzx: usize, drx: usize, dnx: usize,
                         dgx: usize, dgh: usize, dh: usize, drh: usize,
                         dU: usize, dW: usize, dx: usize, dBias: usize,
                         packed: usize, scratch: usize, tmp: usize): void {
  const g3 = 3 * hp;
  const rows = t * b;
  const slab = <usize>(b * hp) << 2;
  const gateSlab = <usize>(b * g3) << 2;
  const hOff = <usize>(2 * hp) << 2;
  // Uᵀ packed: B(k, j) = U[j, k] (row stride 1, column stride 3Hp).
  const packedZR = packed + (<usize>(g3 * paddedColumns(hp)) << 2);
  if (resetAfter) packAll(u, 1, g3, g3, hp, packed);
  else {
    packAll(u, 1, g3, 2 * hp, hp, packedZR);
    packAll(u + hOff, 1, g3, hp, hp, packed);
  }
  for (let s = t - 1; s >= 0; s--) {
    const o = <usize>s * slab, hprev = hs + o;
    const gx = dgx + <usize>s * gateSlab;
    if (resetAfter) {
      const gh = dgh + <usize>s * gateSlab;
      backwardAfter(b, hp, dh, dout + o, opt(dzx, o), opt(drx, o), opt(dnx, o),
                    hprev, z + o, r + o, n + o, aux + o, gx, gh);
      gemmPacked(gh, g3, 1, b, g3, packed, hp, dh, hp, true, tmp);
    } else {
      backwardBeforeState(b, hp, dh, dout + o, opt(dzx, o), opt(dnx, o), hprev, z + o, n + o, gx);
      gemmPacked(gx + hOff, g3, 1, b, hp, packed, hp, drh, hp, false, tmp);
      backwardBeforeGates(b, hp, dh, drh, opt(drx, o), hprev, r + o, gx);
      gemmPacked(gx, g3, 1, b, 2 * hp, packedZR, hp, dh, hp, true, tmp);
    }
  }
  // Weight gradients: one matmul over all steps each. hs[0..T-1] is [T·B, Hp]: read transposed.
  if (resetAfter) {
    gemm(hs, 1, hp, dgh, g3, 1, hp, rows, g3, dU, g3, false, scratch, tmp);
    columnSums(dgx, rows, g3, dBias);
    columnSums(dgh, rows, g3, dBias + (<usize>g3 << 2));
  } else {
    gemm(hs, 1, hp, dgx, g3, 1, hp, rows, 2 * hp, dU, g3, false, scratch, tmp);
    gemm(aux, 1, hp, dgx + hOff, g3, 1, hp, rows, hp, dU + hOff, g3, false, scratch, tmp);
    columnSums(dgx, rows, g3, dBias);
  }
  gemm(x, 1, d, dgx, g3, 1, d, rows, g3, dW, g3, false, scratch, tmp);
  gemm(dgx, g3, 1, w, 1, g3, rows, g3, d, dx, d, false, scratch, tmp);
}
