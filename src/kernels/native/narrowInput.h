/*
 * Narrow inputs (d ≤ SMALL_INPUT features) in both native kernels (gru.c, rnn.c): x·W + b and
 * dx = dg·Wᵀ without the GEMM, whose NR-column register tile wastes most of its work on d columns,
 * and dW = xᵀ·dg without packing dg. Include after gemm.h.
 */
#ifndef GRULAB_NARROW_INPUT_H
#define GRULAB_NARROW_INPUT_H
#include "simd.h"
#include "gemm.h"
#define SMALL_INPUT 8 /* inputs this narrow skip the GEMM in x·W and dx (inputRows, inputGradientRows) */

/* One row of x·W + b for d = R (a constant after inlining) inputs: the row's R values broadcast
 * once, four vectors of columns at a time (each broadcast serves four FMAs; one vector at a time
 * re-broadcast every x value for every vector of columns and kept one dependency chain in flight). */
static inline __attribute__((always_inline)) void inputRow(int R, const float *xr, const float *w, const float *bias, int cols,
                                                           float *out) {
  vf xs[SMALL_INPUT];
#pragma GCC unroll 8
  for (int i = 0; i < SMALL_INPUT; i++) if (i < R) xs[i] = bcast(xr + i);
  int j = 0;
  for (; j + 4 * VW <= cols; j += 4 * VW) {
    vf a0 = splat(0), a1 = splat(0), a2 = splat(0), a3 = splat(0);
#pragma GCC unroll 8
    for (int i = 0; i < SMALL_INPUT; i++) {
      if (i < R) {
        const float *wr = w + (long)i * cols + j;
        a0 += xs[i] * ld(wr);
        a1 += xs[i] * ld(wr + VW);
        a2 += xs[i] * ld(wr + 2 * VW);
        a3 += xs[i] * ld(wr + 3 * VW);
      }
    }
    st(out + j, a0 + ld(bias + j));
    st(out + j + VW, a1 + ld(bias + j + VW));
    st(out + j + 2 * VW, a2 + ld(bias + j + 2 * VW));
    st(out + j + 3 * VW, a3 + ld(bias + j + 3 * VW));
  }
  for (; j < cols; j += VW) {
    vf a = splat(0);
#pragma GCC unroll 8
    for (int i = 0; i < SMALL_INPUT; i++) if (i < R) a += xs[i] * ld(w + (long)i * cols + j);
    st(out + j, a + ld(bias + j));
  }
}

/* x·W + b for a narrow input (d ≤ SMALL_INPUT), rows of `cols` gate columns (a multiple of VW): the GEMM's tile did its k = d products, stored,
 * and a second pass added the bias (for B's d = 1 most of the phase was those two passes over
 * xw); here one pass per row. The same operations in the same order as the GEMM's tile (products
 * summed from 0 over k in order, then + b), so the same bits. */
static void inputRows(const float *x, const float *w, const float *bias, int r0, int r1, int cols, int d, float *xw) {
  for (int r = r0; r < r1; r++) {
    const float *xr = x + (long)r * d;
    float *out = xw + (long)r * cols;
    switch (d) {
      case 8: inputRow(8, xr, w, bias, cols, out); break;
      case 7: inputRow(7, xr, w, bias, cols, out); break;
      case 6: inputRow(6, xr, w, bias, cols, out); break;
      case 5: inputRow(5, xr, w, bias, cols, out); break;
      case 4: inputRow(4, xr, w, bias, cols, out); break;
      case 3: inputRow(3, xr, w, bias, cols, out); break;
      case 2: inputRow(2, xr, w, bias, cols, out); break;
      case 1: inputRow(1, xr, w, bias, cols, out); break;
      default: inputRow(0, xr, w, bias, cols, out); break; /* d 0: the bias alone */
    }
  }
}

/* dx rows r0 … r1 − 1 = dgx · Wᵀ for a narrow input (d ≤ SMALL_INPUT: shapes A, B, C have 8 and 1):
 * the GEMM's register tile is NR = 2·VW columns wide, so with d columns it did NR/d times the work
 * (32× for B's one input on AVX-512); here each row of dgx is read once against the d rows of W
 * (W is [d, cols], rows contiguous: cols = G·hp gate columns): d vector accumulators, summed across lanes at the end. Rows are
 * independent, so one or two threads give the same bits. */
static void inputGradientRows(const float *dgx, const float *w, int r0, int r1, int cols, int d, float *dx) {
  for (int r = r0; r < r1; r++) {
    const float *g = dgx + (long)r * cols;
    vf acc[SMALL_INPUT];
    for (int i = 0; i < d; i++) acc[i] = splat(0);
    for (int j = 0; j < cols; j += VW) {
      vf a = ld(g + j);
      for (int i = 0; i < d; i++) acc[i] += a * ld(w + (long)i * cols + j);
    }
    for (int i = 0; i < d; i++) {
      float sum = 0;
      for (int l = 0; l < VW; l++) sum += acc[i][l];
      dx[(long)r * d + i] = sum;
    }
  }
}

/* R (= d, a constant after inlining) rows × NR columns of dW from kc rows of x and of dg, dg read
 * where it is (row stride bs): the GEMM tile's loop with B unpacked. S (a constant too): also add
 * the kc rows of dg to `sums` (its NR columns' running column sums, from 0 when `first`), row by
 * row in order, as columnSums does: dg's values are in registers here, so the bias gradient costs
 * no second pass over dg. */
static inline __attribute__((always_inline)) void weightGradientStrip(int R, int S, const float *x, int d, const float *b, long bs,
                                                                      int kc, float *c, long ldc, int acc, int width,
                                                                      float *sums, int first) {
  vf lo[SMALL_INPUT], hi[SMALL_INPUT];
  vf s0 = splat(0), s1 = splat(0);
  if (S && !first) { s0 = ld(sums); if (width == NR) s1 = ld(sums + VW); }
#pragma GCC unroll 8
  for (int i = 0; i < SMALL_INPUT; i++) if (i < R) { lo[i] = splat(0); hi[i] = splat(0); }
  for (int k = 0; k < kc; k++, b += bs, x += d) {
    vf b0 = ld(b), b1 = ld(b + VW);
    if (S) { s0 += b0; s1 += b1; }
#pragma GCC unroll 8
    for (int i = 0; i < SMALL_INPUT; i++) {
      if (i < R) {
        vf s = bcast(x + i);
        lo[i] += s * b0;
        hi[i] += s * b1;
      }
    }
  }
#pragma GCC unroll 8
  for (int i = 0; i < SMALL_INPUT; i++) if (i < R) storeRow(c + (long)i * ldc, lo[i], hi[i], acc, width);
  if (S) { st(sums, s0); if (width == NR) st(sums + VW, s1); }
}

/* dW columns n0 … n1 − 1 = xᵀ·dg for a narrow input (d ≤ SMALL_INPUT): x [rows, d], dg [rows, cols],
 * dW [d, cols]. gemm(x, 1, d, dg + n0, cols, 1, d, rows, n1 − n0, …) packed all of dg's columns
 * (shape A: 2.9 MB per step) for a product of d = 8 rows, which each packed panel served once or
 * twice (the MR = 6 row tile); here the d rows' accumulators stay in registers and each NR-column
 * piece of dg is read where it is, once. The same operations in the same order as that GEMM (per
 * KC block of rows, each sum from +0 over the block's rows in order, then added to the blocks
 * before it), so the same bits; a last piece narrower than NR is packed (padded with zeros), as
 * the GEMM did, rather than read past dg's columns. scratch: KC · NR floats. n0 a multiple of NR. */
#define WEIGHT_GRADIENT_STRIPS(S) \
  switch (d) { \
    case 8: weightGradientStrip(8, S, a, d, b, bs, kc, c, cols, k0 > 0, width, s, k0 == 0); break; \
    case 7: weightGradientStrip(7, S, a, d, b, bs, kc, c, cols, k0 > 0, width, s, k0 == 0); break; \
    case 6: weightGradientStrip(6, S, a, d, b, bs, kc, c, cols, k0 > 0, width, s, k0 == 0); break; \
    case 5: weightGradientStrip(5, S, a, d, b, bs, kc, c, cols, k0 > 0, width, s, k0 == 0); break; \
    case 4: weightGradientStrip(4, S, a, d, b, bs, kc, c, cols, k0 > 0, width, s, k0 == 0); break; \
    case 3: weightGradientStrip(3, S, a, d, b, bs, kc, c, cols, k0 > 0, width, s, k0 == 0); break; \
    case 2: weightGradientStrip(2, S, a, d, b, bs, kc, c, cols, k0 > 0, width, s, k0 == 0); break; \
    default: weightGradientStrip(1, S, a, d, b, bs, kc, c, cols, k0 > 0, width, s, k0 == 0); break; \
  }

static void inputWeightGradient(const float *x, const float *dg, int rows, int cols, int n0, int n1, int d,
                                float *dW, float *scratch, float *sums) {
  if (rows == 0) {
    zeroRows(dW + n0, cols, d, n1 - n0);
    if (sums) for (int j = n0; j < n1; j++) sums[j] = 0;
    return;
  }
  for (int k0 = 0; k0 < rows; k0 += KC) {
    int kc = imin(KC, rows - k0);
    for (int j = n0; j < n1; j += NR) {
      int width = imin(NR, n1 - j);
      const float *b = dg + (long)k0 * cols + j, *a = x + (long)k0 * d;
      long bs = cols;
      if (width < NR) {
        packBlock(dg + j, cols, 1, k0, kc, width, scratch);
        b = scratch;
        bs = NR;
      }
      float *c = dW + j, *s = sums ? sums + j : NULL;
      if (sums) WEIGHT_GRADIENT_STRIPS(1) else WEIGHT_GRADIENT_STRIPS(0)
    }
  }
}

#endif
