/*
 * One weight's clip + Adam step (FusedAdam's, src/models/fusedAdam.ts) over plain JS Float32Arrays,
 * exported by the GRU addon as adamStep(g, w, m0, v0, m1, v1, w1, k). Every operation is one
 * float32 operation in the order of that file's JS loop, which rounds each to float32 in the order
 * of tfjs's Adam ops: IEEE single +, ×, ÷ and sqrt give the bits the JS loop's doubles rounded to
 * float32 give, provided nothing is contracted into a fused multiply-add (the kernels build with
 * -ffp-contract=fast, so this function turns it off) and nothing is reassociated (no -ffast-math).
 * The norm's sum stays a sequential float32 sum; the element loop runs on vf vectors (simd.h; vdivps
 * and vsqrtps are exact as the scalar ones), the last n mod VW elements as scalars.
 * m1, v1 and w1 are either fresh arrays or m0, v0 and w themselves (the step in place: each element
 * is read before it is written); no other overlap. g and k overlap nothing.
 * k: clipNorm (0: none), β1, β2, 1 − β1, 1 − β2, 1 − β1^t, 1 − β2^t, ε, −learning rate (float32 each).
 * Include after addon.h.
 */
#ifndef GRULAB_ADAM_H
#define GRULAB_ADAM_H
#include <math.h>

#if defined(__clang__)
#define NO_FP_CONTRACT
#else
#define NO_FP_CONTRACT __attribute__((optimize("fp-contract=off")))
#endif

static NO_FP_CONTRACT void adamStepArrays(size_t n, const float *restrict g, const float *w,
                                          const float *m0, const float *v0, float *m1,
                                          float *v1, float *w1, const float *restrict k) {
#if defined(__clang__)
#pragma clang fp contract(off)
#endif
  const float clip = k[0], b1 = k[1], b2 = k[2], oneMinusB1 = k[3], oneMinusB2 = k[4], c1 = k[5], c2 = k[6],
              eps = k[7], minusLr = k[8];
  float scale = 1.0f;
  if (clip > 0) {
    float sq = 0.0f;
    for (size_t i = 0; i < n; i++) sq = sq + g[i] * g[i];
    const float norm = sqrtf(sq);
    scale = clip / (isnan(norm) || norm > clip ? norm : clip); /* JS Math.max: NaN wins */
  }
  const int clipped = clip > 0;
  size_t i = 0;
  /* VW elements at a time as vf (simd.h) operations: the same IEEE single operations lane by lane
   * (the optimize attribute above keeps even these from contracting). The element loop written for
   * scalars did NOT vectorize: GCC's optimize attribute drops the build's -march vector modes for
   * its auto-vectorizer ("no vectype"), so every element took three divss and a sqrtss (shape A's
   * ~53,000 weights: ~0.27 ms of a ~9.7 ms step); explicit vector types are still compiled for the
   * target (vdivps, vsqrtps on zmm). Each vector is loaded before it is stored: in place is safe. */
  for (; i + VW <= n; i += VW) {
    const vf gi = clipped ? ld(g + i) * scale : ld(g + i);
    const vf mi = ld(m0 + i) * b1 + gi * oneMinusB1;
    const vf vi = ld(v0 + i) * b2 + (gi * gi) * oneMinusB2;
    st(m1 + i, mi);
    st(v1 + i, vi);
    const vf q = vi / c2;
    vf root;
    for (int j = 0; j < VW; j++) root[j] = sqrtf(q[j]); /* one vsqrtps (-fno-math-errno) */
    const vf denominator = root + eps;
    st(w1 + i, ((mi / c1) / denominator) * minusLr + ld(w + i));
  }
  for (; i < n; i++) {
    const float gi = clipped ? g[i] * scale : g[i];
    const float mi = m0[i] * b1 + gi * oneMinusB1;
    const float vi = v0[i] * b2 + (gi * gi) * oneMinusB2;
    m1[i] = mi;
    v1[i] = vi;
    const float denominator = sqrtf(vi / c2) + eps;
    w1[i] = ((mi / c1) / denominator) * minusLr + w[i];
  }
}

/* Reads `count` Float32Array arguments into p and len: all but the last (k) of one length, k of 9
 * constants; otherwise throws the matching message and returns 0. */
static int adamArrays(napi_env env, napi_callback_info info, size_t count, float **p, size_t *len, const char *usage,
                      const char *lengths, const char *constants) {
  napi_value argv[8];
  size_t argc = 8;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  for (size_t i = 0; i < count; i++) {
    napi_typedarray_type type;
    napi_value buffer;
    size_t offset;
    void *data;
    if (i >= argc || napi_get_typedarray_info(env, argv[i], &type, &len[i], &data, &buffer, &offset) != napi_ok ||
        type != napi_float32_array || (len[i] > 0 && !data)) {
      napi_throw_type_error(env, NULL, usage);
      return 0;
    }
    p[i] = (float *)data;
  }
  for (size_t i = 1; i + 1 < count; i++) {
    if (len[i] != len[0]) { napi_throw_range_error(env, NULL, lengths); return 0; }
  }
  if (len[count - 1] != 9) { napi_throw_range_error(env, NULL, constants); return 0; }
  return 1;
}

/* adamStepInPlace(g, w, m, v, k): five Float32Arrays, the first four of one length, k of 9; w, m, v overwritten. */
static napi_value js_adamStepInPlace(napi_env env, napi_callback_info info) {
  float *p[5];
  size_t len[5];
  if (!adamArrays(env, info, 5, p, len, KERNEL_LABEL ": adamStepInPlace expects five Float32Arrays (g, w, m, v, k)",
                  KERNEL_LABEL ": adamStepInPlace's arrays g, w, m, v differ in length", KERNEL_LABEL ": adamStepInPlace's k must hold 9 constants")) return NULL;
  adamStepArrays(len[0], p[0], p[1], p[2], p[3], p[2], p[3], p[1], p[4]); /* in place: m1 = m, v1 = v, w1 = w */
  return NULL;
}

/* adamStep(g, w, m0, v0, m1, v1, w1, k): eight Float32Arrays, the first seven of one length, k of 9. */
static napi_value js_adamStep(napi_env env, napi_callback_info info) {
  float *p[8];
  size_t len[8];
  if (!adamArrays(env, info, 8, p, len, KERNEL_LABEL ": adamStep expects eight Float32Arrays (g, w, m0, v0, m1, v1, w1, k)",
                  KERNEL_LABEL ": adamStep's arrays g … w1 differ in length", KERNEL_LABEL ": adamStep's k must hold 9 constants")) return NULL;
  adamStepArrays(len[0], p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
  return NULL;
}
#endif
