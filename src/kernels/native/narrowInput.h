/*
 * Narrow inputs (d ≤ SMALL_INPUT features) in both native kernels (gru.c, rnn.c): x·W + b and
 * dx = dg·Wᵀ without the GEMM, whose NR-column register tile wastes most of its work on d columns.
 * Include after simd.h.
 */
#ifndef GRULAB_NARROW_INPUT_H
#define GRULAB_NARROW_INPUT_H
#include "simd.h"
#define SMALL_INPUT 8 /* inputs this narrow skip the GEMM in x·W and dx (inputRows, inputGradientRows) */

/* x·W + b for a narrow input (d ≤ SMALL_INPUT), rows of `cols` gate columns: the GEMM's tile did its k = d products, stored,
 * and a second pass added the bias (for B's d = 1 most of the phase was those two passes over
 * xw); here one pass per row. The same operations in the same order as the GEMM's tile (products
 * summed from 0 over k in order, then + b), so the same bits. */
static void inputRows(const float *x, const float *w, const float *bias, int r0, int r1, int cols, int d, float *xw) {
  for (int r = r0; r < r1; r++) {
    const float *xr = x + (long)r * d;
    float *out = xw + (long)r * cols;
    for (int j = 0; j < cols; j += VW) {
      vf acc = splat(0);
      for (int i = 0; i < d; i++) acc += bcast(xr + i) * ld(w + (long)i * cols + j);
      st(out + j, acc + ld(bias + j));
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

#endif
