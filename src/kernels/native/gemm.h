/*
 * The packed SGEMM both native kernels use (as src/kernels/wasm/gemm.ts, with register tile
 * MR rows × NR = 2·VW columns): B is packed in NR-column panels per block of KC rows.
 * Include after simd.h.
 */
#ifndef GRULAB_GEMM_H
#define GRULAB_GEMM_H
#include "simd.h"
#define NR (2 * VW)
#define MR 6
#define KC 256

/* ---- SGEMM: C[M,N] (+)= A[M,K]·B[K,N], strides in floats; B packed in NR-column panels ---- */
static int paddedColumns(int n) { return roundUp(n, NR); }

static void packBlock(const float *b, int brs, int bcs, int k0, int kc, int n, float *dst) {
  int panels = paddedColumns(n) / NR;
  if (bcs == 1) {
    /* rows of B contiguous: each row read once, front to back, its NR-column pieces to their
     * panels (panel by panel, each row was read one piece at a time, a cache line per row per
     * panel: shape A's dU packs 1,920 rows of dgh, 384 columns each) */
    for (int k = 0; k < kc; k++) {
      const float *row = b + (long)(k0 + k) * brs;
      for (int p = 0; p < panels; p++) {
        int j0 = p * NR, width = imin(NR, n - j0);
        float *out = dst + ((long)p * kc + k) * NR;
        if (width == NR) memcpy(out, row + j0, NR * 4);
        else for (int c = 0; c < NR; c++) out[c] = c < width ? row[j0 + c] : 0.0f;
      }
    }
    return;
  }
  for (int p = 0; p < panels; p++) {
    int j0 = p * NR, width = imin(NR, n - j0);
    float *out = dst + (long)p * kc * NR;
    for (int k = 0; k < kc; k++, out += NR) {
      const float *row = b + (long)(k0 + k) * brs;
      for (int c = 0; c < NR; c++) out[c] = c < width ? row[(long)(j0 + c) * bcs] : 0.0f;
    }
  }
}

static void packAll(const float *b, int brs, int bcs, int k, int n, float *dst) {
  int np = paddedColumns(n);
  for (int k0 = 0; k0 < k; k0 += KC) packBlock(b, brs, bcs, k0, imin(KC, k - k0), n, dst + (long)k0 * np);
}

static inline void storeRow(float *c, vf lo, vf hi, int acc, int width) {
  if (width == NR) {
    if (acc) { lo += ld(c); hi += ld(c + VW); }
    st(c, lo);
    st(c + VW, hi);
  } else {
    float tmp[NR];
    st(tmp, lo);
    st(tmp + VW, hi);
    for (int j = 0; j < width; j++) c[j] = acc ? c[j] + tmp[j] : tmp[j];
  }
}

/* R rows × NR columns of C from one panel (R a constant after inlining: the loops unroll). */
static inline __attribute__((always_inline)) void tile(int R, const float *a, long ars, long acs, int kc,
                                                       const float *panel, float *c, long ldc, int acc, int width) {
  vf lo[MR], hi[MR];
#pragma GCC unroll 6
  for (int r = 0; r < MR; r++) if (r < R) { lo[r] = splat(0); hi[r] = splat(0); }
  const float *bp = panel;
  for (int k = 0; k < kc; k++, bp += NR) {
    vf b0 = ld(bp), b1 = ld(bp + VW);
#pragma GCC unroll 6
    for (int r = 0; r < MR; r++) {
      if (r < R) {
        vf s = bcast(a + r * ars + k * acs);
        lo[r] += s * b0;
        hi[r] += s * b1;
      }
    }
  }
#pragma GCC unroll 6
  for (int r = 0; r < MR; r++) if (r < R) storeRow(c + r * ldc, lo[r], hi[r], acc, width);
}

static void gemmBlock(const float *a, long ars, long acs, int m, int kc, const float *packed, int n,
                      float *c, long ldc, int acc) {
  int panels = paddedColumns(n) / NR;
  for (int p = 0; p < panels; p++) {
    const float *panel = packed + (long)p * kc * NR;
    int width = imin(NR, n - p * NR);
    float *cp = c + p * NR;
    int i = 0;
    for (; i + MR <= m; i += MR) tile(MR, a + i * ars, ars, acs, kc, panel, cp + i * ldc, ldc, acc, width);
    switch (m - i) {
      case 5: tile(5, a + i * ars, ars, acs, kc, panel, cp + i * ldc, ldc, acc, width); break;
      case 4: tile(4, a + i * ars, ars, acs, kc, panel, cp + i * ldc, ldc, acc, width); break;
      case 3: tile(3, a + i * ars, ars, acs, kc, panel, cp + i * ldc, ldc, acc, width); break;
      case 2: tile(2, a + i * ars, ars, acs, kc, panel, cp + i * ldc, ldc, acc, width); break;
      case 1: tile(1, a + i * ars, ars, acs, kc, panel, cp + i * ldc, ldc, acc, width); break;
      default: break;
    }
  }
}

static void zeroRows(float *c, long ldc, int m, int n) {
  for (int i = 0; i < m; i++) memset(c + i * ldc, 0, (size_t)n * 4);
}

/* C (+)= A · B with B packed by packAll */
static void gemmPacked(const float *a, long ars, long acs, int m, int k, const float *packed, int n,
                       float *c, long ldc, int acc) {
  int np = paddedColumns(n);
  for (int k0 = 0; k0 < k; k0 += KC) {
    gemmBlock(a + k0 * acs, ars, acs, m, imin(KC, k - k0), packed + (long)k0 * np, n, c, ldc, acc || k0 > 0);
  }
  if (k == 0 && !acc) zeroRows(c, ldc, m, n);
}

/* C (+)= A · B, packing B block by block into scratch (KC · paddedColumns(n) floats) */
static void gemm(const float *a, long ars, long acs, const float *b, int brs, int bcs, int m, int k, int n,
                 float *c, long ldc, int acc, float *scratch) {
  for (int k0 = 0; k0 < k; k0 += KC) {
    int kc = imin(KC, k - k0);
    packBlock(b, brs, bcs, k0, kc, n, scratch);
    gemmBlock(a + k0 * acs, ars, acs, m, kc, scratch, n, c, ldc, acc || k0 > 0);
  }
  if (k == 0 && !acc) zeroRows(c, ldc, m, n);
}
#endif
