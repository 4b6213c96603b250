// AssemblyScript (compiled by scripts/build-kernels.js, not by tsc): a cache-blocked SGEMM with
// WebAssembly SIMD128. C[M,N] (+)= A[M,K]·B[K,N], every operand addressed by (row stride,
// column stride) in floats, so Aᵀ and Bᵀ need no separate routines: A is read in place, B is
// packed into 8-column panels per block of KC rows (zero-padded to a multiple of 8 columns).
// Register tile: 4 rows × 8 columns (8 v128 accumulators; 6×8 would spill on V8).

// a·b + c: one fused multiply-add with relaxed SIMD (the gru-relaxed.wasm build), else mul + add.
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** Rows of B per packed block: a 8-column panel of a block is KC·8·4 B = 8 KiB (stays in L1). */
export const KC: i32 = 256;

/** Columns rounded up to whole 8-wide panels. */
export function paddedColumns(n: i32): i32 {
  return (n + 7) & ~7;
}

/** Floats needed to pack all K rows of a [K,N] operand (blocks of KC rows, panels of 8). */
export function packedSize(k: i32, n: i32): i32 {
  return k * paddedColumns(n);
}

/**
 * Packs rows k0..k0+kc of B (element (k,j) at b + 4·(k·brs + j·bcs)) into dst: panel p holds
 * columns 8p..8p+7 as kc consecutive groups of 8 floats; missing columns are zeros.
 */
export function packBlock(b: usize, brs: i32, bcs: i32, k0: i32, kc: i32, n: i32, dst: usize): void {
  const panels = paddedColumns(n) >> 3;
  for (let p = 0; p < panels; p++) {
    const j0 = p << 3;
    const width = min(8, n - j0);
    let out = dst + (<usize>(p * kc) << 5);
    if (width == 8 && bcs == 1) {
      let src = b + (<usize>(k0 * brs + j0) << 2);
      const step = <usize>brs << 2;
      for (let k = 0; k < kc; k++) {
        v128.store(out, v128.load(src));
        v128.store(out, v128.load(src, 16), 16);
        src += step;
        out += 32;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        for (let c = 0; c < 8; c++) {
          let v: f32 = 0;
          if (c < width) v = load<f32>(b + (<usize>((k0 + k) * brs + (j0 + c) * bcs) << 2));
          store<f32>(out + (<usize>c << 2), v);
        }
        out += 32;
      }
    }
  }
}

/** Packs all K rows of B block after block (block kb starts at dst + 4·kb·paddedColumns(n)). */
export function packAll(b: usize, brs: i32, bcs: i32, k: i32, n: i32, dst: usize): void {
  const np = paddedColumns(n);
  for (let k0 = 0; k0 < k; k0 += KC) {
    const kc = min(KC, k - k0);
    packBlock(b, brs, bcs, k0, kc, n, dst + (<usize>(k0 * np) << 2));
  }
}

// Writes the 8 columns of one output row, or only its first `width` when the panel is partial.
@inline function storeRow(c: usize, lo: v128, hi: v128, acc: bool, width: i32, tmp: usize): void {
  if (width == 8) {
    if (acc) {
      lo = f32x4.add(lo, v128.load(c));
      hi = f32x4.add(hi, v128.load(c, 16));
    }
    v128.store(c, lo);
    v128.store(c, hi, 16);
  } else {
    v128.store(tmp, lo);
    v128.store(tmp, hi, 16);
    for (let j = 0; j < width; j++) {
      let v = load<f32>(tmp + (<usize>j << 2));
      if (acc) v += load<f32>(c + (<usize>j << 2));
      store<f32>(c + (<usize>j << 2), v);
    }
  }
}

/**
 * C[M, N] (+)= A[M, kc] · packed block (kc rows): A(i,k) at a + 4·(i·ars + k·acs), C row i at
 * c + 4·i·ldc. acc false overwrites C. tmp: 32 bytes of scratch for partial panels.
 */
export function gemmBlock(a: usize, ars: i32, acs: i32, m: i32, kc: i32, packed: usize, n: i32,
                          c: usize, ldc: i32, acc: bool, tmp: usize): void {
  const panels = paddedColumns(n) >> 3;
  const astep = <usize>acs << 2;
  const arow = <usize>ars << 2;
  const crow = <usize>ldc << 2;
  const m4 = m & ~3;
  for (let p = 0; p < panels; p++) {
    const panel = packed + (<usize>(p * kc) << 5);
    const width = min(8, n - (p << 3));
    const cp = c + (<usize>(p << 3) << 2);
    let i = 0;
    for (; i < m4; i += 4) {
      let a0 = a + <usize>i * arow;
      let a1 = a0 + arow;
      let a2 = a1 + arow;
      let a3 = a2 + arow;
      let bp = panel;
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      for (let k = 0; k < kc; k++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        let s = v128.load32_splat(a0);
        c00 = madd(s, b0, c00);
        c01 = madd(s, b1, c01);
        s = v128.load32_splat(a1);
        c10 = madd(s, b0, c10);
        c11 = madd(s, b1, c11);
        s = v128.load32_splat(a2);
        c20 = madd(s, b0, c20);
        c21 = madd(s, b1, c21);
        s = v128.load32_splat(a3);
        c30 = madd(s, b0, c30);
        c31 = madd(s, b1, c31);
        a0 += astep; a1 += astep; a2 += astep; a3 += astep;
        bp += 32;
      }
      const cr = cp + <usize>i * crow;
      storeRow(cr, c00, c01, acc, width, tmp);
      storeRow(cr + crow, c10, c11, acc, width, tmp);
      storeRow(cr + 2 * crow, c20, c21, acc, width, tmp);
      storeRow(cr + 3 * crow, c30, c31, acc, width, tmp);
    }
    for (; i < m; i++) {
      let a0 = a + <usize>i * arow;
      let bp = panel;
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
      for (let k = 0; k < kc; k++) {
        const s = v128.load32_splat(a0);
        c00 = madd(s, v128.load(bp), c00);
        c01 = madd(s, v128.load(bp, 16), c01);
        a0 += astep;
        bp += 32;
      }
      storeRow(cp + <usize>i * crow, c00, c01, acc, width, tmp);
    }
  }
}

/** C (+)= A · B with B already packed by packAll (all K rows). */
export function gemmPacked(a: usize, ars: i32, acs: i32, m: i32, k: i32, packed: usize, n: i32,
                           c: usize, ldc: i32, acc: bool, tmp: usize): void {
  const np = paddedColumns(n);
  for (let k0 = 0; k0 < k; k0 += KC) {
    const kc = min(KC, k - k0);
    gemmBlock(a + (<usize>(k0 * acs) << 2), ars, acs, m, kc, packed + (<usize>(k0 * np) << 2), n,
              c, ldc, acc || k0 > 0, tmp);
  }
  if (k == 0 && !acc) {
    for (let i = 0; i < m; i++) memory.fill(c + (<usize>(i * ldc) << 2), 0, <usize>n << 2);
  }
}

/** C (+)= A · B, packing B block by block into scratch (KC · paddedColumns(n) floats). */
export function gemm(a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32, m: i32, k: i32, n: i32,
                     c: usize, ldc: i32, acc: bool, scratch: usize, tmp: usize): void {
  for (let k0 = 0; k0 < k; k0 += KC) {
    const kc = min(KC, k - k0);
    packBlock(b, brs, bcs, k0, kc, n, scratch);
    gemmBlock(a + (<usize>(k0 * acs) << 2), ars, acs, m, kc, scratch, n, c, ldc, acc || k0 > 0, tmp);
  }
  if (k == 0 && !acc) {
    for (let i = 0; i < m; i++) memory.fill(c + (<usize>(i * ldc) << 2), 0, <usize>n << 2);
  }
}
