/*
 * The fused GRU kernel as an optional native Node-API addon (built by scripts/build-kernels.js
 * with the machine's C compiler, -O3 -march=native: AVX-512 or AVX2 where the CPU has them).
 * The same phases, on the same memory (the kernel's WebAssembly.Memory, shared with the worker
 * thread), the same GruCall struct and the same equations as src/kernels/wasm/gru.ts, gates.ts
 * and gemm.ts (read those for the derivations); only the vector width differs: VW floats per
 * vector, register tile MR rows × NR = 2·VW columns, units padded to a multiple of VW.
 * This file is longer than ~300 lines because it is the three wasm files in one.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdint.h>
#include <string.h>
#include "gruCall.generated.h"

#if defined(__AVX512F__)
#define VW 16
#define FLAVOUR "native-avx512"
#elif defined(__AVX2__) || defined(__AVX__)
#define VW 8
#define FLAVOUR "native-avx2"
#else
#define VW 4
#define FLAVOUR "native"
#endif
#define NR (2 * VW)
#define MR 6
#define KC 256

typedef float vf __attribute__((vector_size(VW * 4)));
typedef int32_t vi __attribute__((vector_size(VW * 4)));
typedef uint32_t vu __attribute__((vector_size(VW * 4)));
typedef float vfu __attribute__((vector_size(VW * 4), aligned(4), may_alias));

static uint8_t *base; /* the kernel memory: struct fields are byte offsets from here */
#define F(off) ((float *)(base + (off)))

static inline vf ld(const float *p) { return *(const vfu *)p; }
static inline void st(float *p, vf v) { *(vfu *)p = v; }
static inline vf splat(float x) { return (vf){0} + x; }
static inline vf vsel(vi mask, vf a, vf b) { return (vf)((mask & (vi)a) | (~mask & (vi)b)); }
static inline int imin(int a, int b) { return a < b ? a : b; }
static inline int roundUp(int n, int m) { return (n + m - 1) / m * m; }

/* ---- activations (Cephes expf, as src/kernels/wasm/activations.ts) ---- */
static inline vf vexp(vf x) {
  x = vsel(x < -87.0f, splat(-87.0f), x);
  x = vsel(x > 88.0f, splat(88.0f), x);
  vf t = x * 1.44269504088896341f + 12582912.0f;
  vf n = t - 12582912.0f;
  vf r = x - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  vf p = splat(1.9875691500e-4f);
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * (r * r) + r + 1.0f;
  vu e = ((vu)t << 23) + (127u << 23); /* 2^n: the low mantissa bits of t hold n */
  return p * (vf)e;
}
static inline vf vsigmoid(vf x) { return 1.0f / (1.0f + vexp(-x)); }
static inline vf vtanh(vf x) {
  vi sign = (vi)x & (int32_t)0x80000000;
  vf ax = (vf)((vi)x & 0x7fffffff);
  vf e = vexp(ax * -2.0f);
  vf t = (1.0f - e) / (1.0f + e);
  return (vf)((vi)t | sign);
}
/* |v| < 1e-30 → 0 (denormals are ~100× slower; see gates.ts) */
static inline vf flush(vf v) {
  vf a = (vf)((vi)v & 0x7fffffff);
  return (vf)((vi)v & (a >= 1e-30f));
}

/* ---- SGEMM: C[M,N] (+)= A[M,K]·B[K,N], strides in floats; B packed in NR-column panels ---- */
static int paddedColumns(int n) { return roundUp(n, NR); }

static void packBlock(const float *b, int brs, int bcs, int k0, int kc, int n, float *dst) {
  int panels = paddedColumns(n) / NR;
  for (int p = 0; p < panels; p++) {
    int j0 = p * NR, width = imin(NR, n - j0);
    float *out = dst + (long)p * kc * NR;
    for (int k = 0; k < kc; k++, out += NR) {
      const float *row = b + (long)(k0 + k) * brs;
      if (bcs == 1 && width == NR) memcpy(out, row + j0, NR * 4);
      else for (int c = 0; c < NR; c++) out[c] = c < width ? row[(long)(j0 + c) * bcs] : 0.0f;
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
        vf s = splat(a[r * ars + k * acs]);
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

/* ---- gates of one step over a [b, hp] slab (equations and chain rule: src/kernels/wasm/gates.ts) ---- */
static void forwardAfter(int b, int hp, const float *xw, const float *hu, const float *bRec, const float *hPrev,
                         float *z, float *r, float *hTilde, float *hUh, float *hNext) {
  for (int i = 0; i < b; i++) {
    const float *xr = xw + i * 3 * hp, *ur = hu + i * 3 * hp;
    long s = (long)i * hp;
    for (int j = 0; j < hp; j += VW) {
      vf zz = vsigmoid(ld(xr + j) + ld(ur + j) + ld(bRec + j));
      vf rr = vsigmoid(ld(xr + hp + j) + ld(ur + hp + j) + ld(bRec + hp + j));
      vf hh = ld(ur + 2 * hp + j) + ld(bRec + 2 * hp + j);
      vf ht = vtanh(ld(xr + 2 * hp + j) + rr * hh);
      vf hv = ld(hPrev + s + j);
      st(z + s + j, zz);
      st(r + s + j, rr);
      st(hTilde + s + j, ht);
      st(hUh + s + j, hh);
      st(hNext + s + j, ht + zz * (hv - ht));
    }
  }
}

static void forwardBeforeGates(int b, int hp, const float *xw, const float *hu, const float *hPrev,
                               float *z, float *r, float *rh) {
  for (int i = 0; i < b; i++) {
    const float *xr = xw + i * 3 * hp, *ur = hu + i * 3 * hp;
    long s = (long)i * hp;
    for (int j = 0; j < hp; j += VW) {
      vf zz = vsigmoid(ld(xr + j) + ld(ur + j));
      vf rr = vsigmoid(ld(xr + hp + j) + ld(ur + hp + j));
      st(z + s + j, zz);
      st(r + s + j, rr);
      st(rh + s + j, rr * ld(hPrev + s + j));
    }
  }
}

static void forwardBeforeState(int b, int hp, const float *xw, const float *hu, const float *hPrev,
                               const float *z, float *hTilde, float *hNext) {
  for (int i = 0; i < b; i++) {
    const float *xr = xw + i * 3 * hp, *ur = hu + i * 3 * hp;
    long s = (long)i * hp;
    for (int j = 0; j < hp; j += VW) {
      vf ht = vtanh(ld(xr + 2 * hp + j) + ld(ur + 2 * hp + j));
      vf zz = ld(z + s + j), hv = ld(hPrev + s + j);
      st(hTilde + s + j, ht);
      st(hNext + s + j, ht + zz * (hv - ht));
    }
  }
}

static inline vf extra(const float *p, long o) { return p ? ld(p + o) : splat(0); }

static void backwardAfter(int b, int hp, float *dh, const float *dhOut, const float *dzOut, const float *drOut,
                          const float *dhTildeOut, const float *hPrev, const float *z, const float *r,
                          const float *hTilde, const float *hUh, float *dgx, float *dgh) {
  for (int i = 0; i < b; i++) {
    long s = (long)i * hp, gr = (long)i * 3 * hp;
    for (int j = 0; j < hp; j += VW) {
      long o = s + j;
      vf g = ld(dh + o) + ld(dhOut + o);
      vf zz = ld(z + o), rr = ld(r + o), ht = ld(hTilde + o);
      vf dz = g * (ld(hPrev + o) - ht) + extra(dzOut, o);
      vf dht = g * (1.0f - zz) + extra(dhTildeOut, o);
      vf daht = dht * (1.0f - ht * ht);
      vf dr = daht * ld(hUh + o) + extra(drOut, o);
      vf daz = dz * (zz * (1.0f - zz));
      vf dar = dr * (rr * (1.0f - rr));
      st(dgx + gr + j, flush(daz));
      st(dgx + gr + hp + j, flush(dar));
      st(dgx + gr + 2 * hp + j, flush(daht));
      st(dgh + gr + j, flush(daz));
      st(dgh + gr + hp + j, flush(dar));
      st(dgh + gr + 2 * hp + j, flush(daht * rr));
      st(dh + o, flush(g * zz));
    }
  }
}

static void backwardBeforeState(int b, int hp, float *dh, const float *dhOut, const float *dzOut,
                                const float *dhTildeOut, const float *hPrev, const float *z, const float *hTilde,
                                float *dgx) {
  for (int i = 0; i < b; i++) {
    long s = (long)i * hp, gr = (long)i * 3 * hp;
    for (int j = 0; j < hp; j += VW) {
      long o = s + j;
      vf g = ld(dh + o) + ld(dhOut + o);
      vf zz = ld(z + o), ht = ld(hTilde + o);
      vf dz = g * (ld(hPrev + o) - ht) + extra(dzOut, o);
      vf dht = g * (1.0f - zz) + extra(dhTildeOut, o);
      st(dgx + gr + j, flush(dz * (zz * (1.0f - zz))));
      st(dgx + gr + 2 * hp + j, flush(dht * (1.0f - ht * ht)));
      st(dh + o, flush(g * zz));
    }
  }
}

static void backwardBeforeGates(int b, int hp, float *dh, const float *drh, const float *drOut,
                                const float *hPrev, const float *r, float *dgx) {
  for (int i = 0; i < b; i++) {
    long s = (long)i * hp, gr = (long)i * 3 * hp;
    for (int j = 0; j < hp; j += VW) {
      long o = s + j;
      vf d = ld(drh + o), rr = ld(r + o);
      vf dr = d * ld(hPrev + o) + extra(drOut, o);
      st(dgx + gr + hp + j, flush(dr * (rr * (1.0f - rr))));
      st(dh + o, flush(ld(dh + o) + d * rr));
    }
  }
}

/* ---- the phases (as src/kernels/wasm/gru.ts) ---- */
static int packedRecurrentSize(int hp) {
  return hp * paddedColumns(3 * hp) + 2 * hp * paddedColumns(hp) + hp * paddedColumns(hp);
}

static void toTimeMajor(uint32_t src, uint32_t dst, int b, int t, int f, int fp) {
  for (int s = 0; s < t; s++) {
    for (int i = 0; i < b; i++) {
      float *d = F(dst) + (long)(s * b + i) * fp;
      memcpy(d, F(src) + (long)(i * t + s) * f, (size_t)f * 4);
      if (fp > f) memset(d + f, 0, (size_t)(fp - f) * 4);
    }
  }
}

static void fromTimeMajor(uint32_t src, uint32_t dst, int b, int t, int f, int fp) {
  for (int s = 0; s < t; s++) {
    for (int i = 0; i < b; i++) memcpy(F(dst) + (long)(i * t + s) * f, F(src) + (long)(s * b + i) * fp, (size_t)f * 4);
  }
}

static void columnSums(const float *src, int rows, int cols, float *dst) {
  for (int c = 0; c < cols; c += VW) {
    vf s = splat(0);
    for (int r = 0; r < rows; r++) s += ld(src + (long)r * cols + c);
    st(dst + c, s);
  }
}

static int lower(int n, const GruCall *c) { return (int)((long)n * c->part / c->parts); }
static int upper(int n, const GruCall *c) { return (int)((long)n * (c->part + 1) / c->parts); }

static void packForward(const GruCall *c) {
  int hp = c->unitsPadded, g3 = 3 * hp;
  if (c->resetAfter) packAll(F(c->u), g3, 1, hp, g3, F(c->packed));
  else {
    packAll(F(c->u), g3, 1, hp, 2 * hp, F(c->packed));
    packAll(F(c->u) + 2 * hp, g3, 1, hp, hp, F(c->packed) + (long)hp * paddedColumns(2 * hp));
  }
}

static void forwardInput(const GruCall *c) {
  int d = c->inputDim, g3 = 3 * c->unitsPadded, rows = c->batch * c->time;
  int lo = lower(rows, c), hi = upper(rows, c);
  float *out = F(c->xw) + (long)lo * g3;
  gemm(F(c->x) + (long)lo * d, d, 1, F(c->w), g3, 1, hi - lo, d, g3, out, g3, 0, F(c->scratch));
  const float *bias = F(c->bIn);
  for (int i = 0; i < hi - lo; i++) for (int j = 0; j < g3; j += VW) st(out + (long)i * g3 + j, ld(out + (long)i * g3 + j) + ld(bias + j));
}

static void forwardSteps(const GruCall *c) {
  int hp = c->unitsPadded, g3 = 3 * hp, b = c->batch;
  int lo = lower(b, c), m = upper(b, c) - lo;
  long slab = (long)b * hp, gateSlab = (long)b * g3, row = (long)lo * hp, gateRow = (long)lo * g3;
  const float *packed = F(c->packed), *packedH = packed + (long)hp * paddedColumns(2 * hp);
  float *hus = F(c->hu) + gateRow;
  for (int s = 0; s < c->time; s++) {
    long o = s * slab + row;
    float *hPrev = F(c->hs) + o, *hNext = hPrev + slab;
    const float *xws = F(c->xw) + s * gateSlab + gateRow;
    if (c->resetAfter) {
      gemmPacked(hPrev, hp, 1, m, hp, packed, g3, hus, g3, 0);
      forwardAfter(m, hp, xws, hus, F(c->bRec), hPrev, F(c->z) + o, F(c->r) + o, F(c->hTilde) + o, F(c->hUh) + o, hNext);
    } else {
      gemmPacked(hPrev, hp, 1, m, hp, packed, 2 * hp, hus, g3, 0);
      forwardBeforeGates(m, hp, xws, hus, hPrev, F(c->z) + o, F(c->r) + o, F(c->rh) + o);
      gemmPacked(F(c->rh) + o, hp, 1, m, hp, packedH, hp, hus + 2 * hp, g3, 0);
      forwardBeforeState(m, hp, xws, hus, hPrev, F(c->z) + o, F(c->hTilde) + o, hNext);
    }
  }
}

static void packBackward(const GruCall *c) {
  int hp = c->unitsPadded, g3 = 3 * hp;
  if (c->resetAfter) packAll(F(c->u), 1, g3, g3, hp, F(c->packed));
  else {
    packAll(F(c->u) + 2 * hp, 1, g3, hp, hp, F(c->packed));
    packAll(F(c->u), 1, g3, 2 * hp, hp, F(c->packed) + (long)g3 * paddedColumns(hp));
  }
}

static const float *opt(uint32_t p, long o) { return p ? F(p) + o : 0; }

static void backwardSteps(const GruCall *c) {
  int hp = c->unitsPadded, g3 = 3 * hp, b = c->batch;
  int lo = lower(b, c), m = upper(b, c) - lo;
  long slab = (long)b * hp, gateSlab = (long)b * g3, row = (long)lo * hp, gateRow = (long)lo * g3;
  const float *packed = F(c->packed), *packedZR = packed + (long)g3 * paddedColumns(hp);
  float *dh = F(c->dh) + row, *drh = F(c->drh) + row;
  for (int s = c->time - 1; s >= 0; s--) {
    long o = s * slab + row;
    const float *hPrev = F(c->hs) + o;
    float *gx = F(c->dgx) + s * gateSlab + gateRow;
    if (c->resetAfter) {
      float *gh = F(c->dgh) + s * gateSlab + gateRow;
      backwardAfter(m, hp, dh, F(c->dhOut) + o, opt(c->dzOut, o), opt(c->drOut, o), opt(c->dhTildeOut, o), hPrev,
                    F(c->z) + o, F(c->r) + o, F(c->hTilde) + o, F(c->hUh) + o, gx, gh);
      gemmPacked(gh, g3, 1, m, g3, packed, hp, dh, hp, 1);
    } else {
      backwardBeforeState(m, hp, dh, F(c->dhOut) + o, opt(c->dzOut, o), opt(c->dhTildeOut, o), hPrev, F(c->z) + o,
                          F(c->hTilde) + o, gx);
      gemmPacked(gx + 2 * hp, g3, 1, m, hp, packed, hp, drh, hp, 0);
      backwardBeforeGates(m, hp, dh, drh, opt(c->drOut, o), hPrev, F(c->r) + o, gx);
      gemmPacked(gx, g3, 1, m, 2 * hp, packedZR, hp, dh, hp, 1);
    }
  }
}

static void backwardWeights(const GruCall *c) {
  int hp = c->unitsPadded, g3 = 3 * hp, d = c->inputDim, rows = c->time * c->batch;
  int u0 = (hp * c->part / c->parts) & ~(VW - 1);
  int u1 = c->part == c->parts - 1 ? hp : (hp * (c->part + 1) / c->parts) & ~(VW - 1);
  int r0 = lower(rows, c), r1 = upper(rows, c);
  float *scratch = F(c->scratch), *dU = F(c->dU) + (long)u0 * g3;
  if (c->resetAfter) {
    gemm(F(c->hs) + u0, 1, hp, F(c->dgh), g3, 1, u1 - u0, rows, g3, dU, g3, 0, scratch);
  } else {
    gemm(F(c->hs) + u0, 1, hp, F(c->dgx), g3, 1, u1 - u0, rows, 2 * hp, dU, g3, 0, scratch);
    gemm(F(c->rh) + u0, 1, hp, F(c->dgx) + 2 * hp, g3, 1, u1 - u0, rows, hp, dU + 2 * hp, g3, 0, scratch);
  }
  gemm(F(c->dgx) + (long)r0 * g3, g3, 1, F(c->w), 1, g3, r1 - r0, g3, d, F(c->dx) + (long)r0 * d, d, 0, scratch);
  if (c->part == 0) gemm(F(c->x), 1, d, F(c->dgx), g3, 1, d, rows, g3, F(c->dW), g3, 0, scratch);
  if (c->part == c->parts - 1) {
    columnSums(F(c->dgx), rows, g3, F(c->dBias));
    if (c->resetAfter) columnSums(F(c->dgh), rows, g3, F(c->dBias) + g3);
  }
}

/* ---- Node-API bindings: every function takes and returns plain numbers ---- */
#define MAXARGS 6
static int32_t args(napi_env env, napi_callback_info info, int32_t *out, size_t n) {
  napi_value argv[MAXARGS];
  size_t argc = MAXARGS;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  for (size_t i = 0; i < n; i++) {
    if (i >= argc || napi_get_value_int32(env, argv[i], &out[i]) != napi_ok) {
      napi_throw_type_error(env, NULL, "gru native kernel: expected integer arguments");
      return 0;
    }
  }
  return 1;
}
static napi_value number(napi_env env, int32_t v) { napi_value r; napi_create_int32(env, v, &r); return r; }

#define PHASE(name)                                                                 \
  static napi_value js_##name(napi_env env, napi_callback_info info) {              \
    int32_t a[1];                                                                   \
    if (!args(env, info, a, 1)) return NULL;                                        \
    if (!base) { napi_throw_error(env, NULL, "gru native kernel: setMemory first"); return NULL; } \
    name((const GruCall *)(base + a[0]));                                           \
    return NULL;                                                                    \
  }
PHASE(packForward)
PHASE(forwardInput)
PHASE(forwardSteps)
PHASE(packBackward)
PHASE(backwardSteps)
PHASE(backwardWeights)

static napi_value js_gruCallEcho(napi_env env, napi_callback_info info) {
  int32_t a[2];
  if (!args(env, info, a, 2)) return NULL;
  gruCallEcho((const GruCall *)(base + a[0]), (int32_t *)(base + a[1]));
  return NULL;
}
static napi_value js_toTimeMajor(napi_env env, napi_callback_info info) {
  int32_t a[6];
  if (args(env, info, a, 6)) toTimeMajor((uint32_t)a[0], (uint32_t)a[1], a[2], a[3], a[4], a[5]);
  return NULL;
}
static napi_value js_fromTimeMajor(napi_env env, napi_callback_info info) {
  int32_t a[6];
  if (args(env, info, a, 6)) fromTimeMajor((uint32_t)a[0], (uint32_t)a[1], a[2], a[3], a[4], a[5]);
  return NULL;
}
static napi_value js_packedRecurrentSize(napi_env env, napi_callback_info info) {
  int32_t a[1];
  return args(env, info, a, 1) ? number(env, packedRecurrentSize(a[0])) : NULL;
}
static napi_value js_scratchSize(napi_env env, napi_callback_info info) {
  int32_t a[1];
  return args(env, info, a, 1) ? number(env, KC * paddedColumns(a[0])) : NULL;
}
static napi_value js_unitAlign(napi_env env, napi_callback_info info) { (void)info; return number(env, VW); }
static napi_value js_flavour(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value r;
  napi_create_string_utf8(env, FLAVOUR, NAPI_AUTO_LENGTH, &r);
  return r;
}
/* setMemory(view): a typed array over the kernel's memory (a shared WebAssembly.Memory, which never moves). */
static napi_value js_setMemory(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc = 1;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  napi_typedarray_type type;
  size_t length, offset;
  void *data;
  napi_value buffer;
  if (argc < 1 || napi_get_typedarray_info(env, argv[0], &type, &length, &data, &buffer, &offset) != napi_ok || !data) {
    napi_throw_type_error(env, NULL, "gru native kernel: setMemory expects a typed array over the kernel's memory");
    return NULL;
  }
  base = (uint8_t *)data;
  return NULL;
}

NAPI_MODULE_INIT() {
  static const struct { const char *name; napi_callback fn; } fns[] = {
    {"packForward", js_packForward}, {"forwardInput", js_forwardInput}, {"forwardSteps", js_forwardSteps},
    {"packBackward", js_packBackward}, {"backwardSteps", js_backwardSteps}, {"backwardWeights", js_backwardWeights},
    {"gruCallEcho", js_gruCallEcho}, {"toTimeMajor", js_toTimeMajor}, {"fromTimeMajor", js_fromTimeMajor},
    {"packedRecurrentSize", js_packedRecurrentSize}, {"scratchSize", js_scratchSize}, {"unitAlign", js_unitAlign},
    {"flavour", js_flavour}, {"setMemory", js_setMemory},
  };
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
    napi_value f;
    napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].fn, NULL, &f);
    napi_set_named_property(env, exports, fns[i].name, f);
  }
  return exports;
}
