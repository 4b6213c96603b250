/*
 * What the native kernels (gru.c, rnn.c) share below the GEMM: the vector width chosen by the
 * build's target (scripts/build-kernels.js: -march=x86-64-v4 → AVX-512, 16 floats; x86-64-v3 →
 * AVX2 + FMA, 8; the architecture's baseline → 4; GCC vector extensions), loads and stores,
 * the activations (Cephes expf, as src/kernels/wasm/activations.ts), the denormal flush, the
 * kernel memory and the time-major copies. Every function is static inline: each addon (one
 * translation unit per kernel) gets its own copy, compiled exactly as when it lived in gru.c.
 */
#ifndef GRULAB_SIMD_H
#define GRULAB_SIMD_H
#include <stdint.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#if defined(__AVX512F__)
#define VW 16
#define FLAVOUR "native-avx512"
#elif defined(__AVX2__) || defined(__AVX__)
#define VW 8
#define FLAVOUR "native-avx2"
#else
#define VW 4
#define FLAVOUR "native-portable"
#endif

typedef float vf __attribute__((vector_size(VW * 4)));
typedef int32_t vi __attribute__((vector_size(VW * 4)));
typedef uint32_t vu __attribute__((vector_size(VW * 4)));
typedef float vfu __attribute__((vector_size(VW * 4), aligned(4), may_alias));

/* The kernel memory (one per addon: each kernel has its own WebAssembly.Memory); call-struct
 * fields are byte offsets from here. Set once per process by setMemory (src/kernels/native/addon.h). */
static uint8_t *base;
#define F(off) ((float *)(base + (off)))

static inline vf ld(const float *p) { return *(const vfu *)p; }
static inline void st(float *p, vf v) { *(vfu *)p = v; }
static inline vf splat(float x) { return (vf){0} + x; }
/* *p in every lane, as one broadcast load. splat(*p) is not that: GCC computes 0 + x first (a
 * scalar add, then a register broadcast: two extra uops on the FP pipes per element, which held
 * the GEMM's register tile at ~55 % of the FMA peak, shape A's step GEMMs 53 → 96 GFLOP/s on
 * AVX2, docs/speed.md "Shape A, sixth round"). The values differ only for x = −0 (splat gives
 * +0); every sum that used it starts from +0, where ±0 products add the same bits. */
static inline vf bcast(const float *p) {
#if defined(__AVX512F__) && VW == 16
  return (vf)_mm512_set1_ps(*p);
#elif defined(__AVX__) && VW == 8
  return (vf)_mm256_broadcast_ss(p);
#elif defined(__SSE__) && VW == 4
  return (vf)_mm_load1_ps(p);
#else
  vf v;
  for (int i = 0; i < VW; i++) v[i] = *p;
  return v;
#endif
}
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
/* An optional gradient input (offset 0 = absent) as zeros. */
static inline vf extra(const float *p, long o) { return p ? ld(p + o) : splat(0); }
static inline const float *opt(uint32_t p, long o) { return p ? F(p) + o : 0; }

/* ---- [B, T, f] ↔ time-major rows (t, b) of fp ≥ f floats (padding zero) ---- */
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

/* dst[c] = Σ_r src[r, c] (the bias gradients), each sum from +0 over r in order, in one pass down
 * the rows: each row is read once, front to back, and the sums stay in dst (L1). Summing column by
 * column instead walked down the rows once per vector of columns, a cache line per row each time
 * (shape A: 48 walks of 1,920 rows of dgx and of dgh, ~1 ms of its backwardWeights, two thirds of
 * the phase outside the GEMMs); the same additions in the same order, so the same bits. */
static void columnSumsRange(const float *src, int rows, int stride, int c0, int c1, float *dst) {
  for (int c = c0; c < c1; c += VW) st(dst + c, splat(0));
  for (int r = 0; r < rows; r++) {
    const float *row = src + (long)r * stride;
    for (int c = c0; c < c1; c += VW) st(dst + c, ld(dst + c) + ld(row + c));
  }
}

/* The sums of all columns of a [rows, cols] matrix. columnSumsRange: columns c0 … c1 − 1 (multiples
 * of VW) of a [rows, stride] matrix into dst[c0 …] (a thread part's columns), the same additions. */
static void columnSums(const float *src, int rows, int cols, float *dst) { columnSumsRange(src, rows, cols, 0, cols, dst); }
#endif
