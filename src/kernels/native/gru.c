/*
 * The fused GRU kernel as an optional native Node-API addon (built by scripts/build-kernels.js
 * once per CPU level: gru-avx512.node, gru-avx2.node, gru-portable.node; the CPU probe cpu.c
 * says which one this CPU runs).
 * The same phases, on the same memory (the kernel's WebAssembly.Memory, shared with the worker
 * thread), the same GruCall struct and the same equations as src/kernels/wasm/gru.ts, gates.ts
 * and gemm.ts (read those for the derivations); only the vector width differs: VW floats per
 * vector, register tile MR rows × NR = 2·VW columns, units padded to a multiple of VW.
 * The vector helpers, activations and GEMM it shares with rnn.c: simd.h, gemm.h; the Node-API side: addon.h;
 * FusedAdam's step on plain Float32Arrays (exported here, with no use of the kernel memory): adam.h.
 */
#define _GNU_SOURCE /* before any system header: sched_getcpu, CPU_SET and pthread_setname_np in addon.h */
#include "gruCall.generated.h"
#define KERNEL_LABEL "gru native kernel"
#define CALL_TYPE GruCall
#include "addon.h"
#include "adam.h"
#include "narrowInput.h"

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

static void backwardAfter(int b, int hp, float *dh, const float *dhOut, const float *dzOut, const float *drOut,
                          const float *dhTildeOut, const float *hPrev, const float *z, const float *r,
                          const float *hTilde, const float *hUh, float *dgx, float *dgh) {
  for (int i = 0; i < b; i++) {
    long s = (long)i * hp, gr = (long)i * 3 * hp;
    for (int j = 0; j < hp; j += VW) {
      long o = s + j;
      vf g = ld(dh + o) + extra(dhOut, o); /* dhOut absent: dh started as the last step's dL/dh */
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
      vf g = ld(dh + o) + extra(dhOut, o); /* dhOut absent: dh started as the last step's dL/dh */
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

static int lower(int n, const GruCall *c) { return (int)((long)n * c->part / c->parts); }
static int upper(int n, const GruCall *c) { return (int)((long)n * (c->part + 1) / c->parts); }

static void packForward(const GruCall *c) {
  int hp = c->hp, g3 = 3 * hp;
  if (c->resetAfter) packAll(F(c->u), g3, 1, hp, g3, F(c->packed));
  else {
    packAll(F(c->u), g3, 1, hp, 2 * hp, F(c->packed));
    packAll(F(c->u) + 2 * hp, g3, 1, hp, hp, F(c->packed) + (long)hp * paddedColumns(2 * hp));
  }
}

/* A narrow input's x·W + b (1 ≤ d ≤ SMALL_INPUT; d 0 is inputs given as ids, whose xw the JS side
 * gathers) is computed step by step inside forwardSteps, into the first slab of xw (rows lo … of
 * this part's batch rows), where the step reads it at once from L1/L2: forwardInput wrote all T·B
 * rows of xw first (shape A: 2.9 MB to memory, then read back step by step). The same inputRows,
 * so the same bits. */
static int stepInputRows(const GruCall *c) { return c->inputDim >= 1 && c->inputDim <= SMALL_INPUT; }

static void forwardInput(const GruCall *c) {
  int d = c->inputDim, g3 = 3 * c->hp, rows = c->batch * c->time;
  int lo = lower(rows, c), hi = upper(rows, c);
  if (stepInputRows(c)) return; /* forwardSteps computes each step's rows */
  if (d <= SMALL_INPUT) { inputRows(F(c->x), F(c->w), F(c->bIn), lo, hi, g3, d, F(c->xw)); return; }
  float *out = F(c->xw) + (long)lo * g3;
  gemm(F(c->x) + (long)lo * d, d, 1, F(c->w), g3, 1, hi - lo, d, g3, out, g3, 0, F(c->scratch));
  const float *bias = F(c->bIn);
  for (int i = 0; i < hi - lo; i++) for (int j = 0; j < g3; j += VW) st(out + (long)i * g3 + j, ld(out + (long)i * g3 + j) + ld(bias + j));
}

static void forwardSteps(const GruCall *c) {
  int hp = c->hp, g3 = 3 * hp, b = c->batch;
  int lo = lower(b, c), m = upper(b, c) - lo;
  long slab = (long)b * hp, gateSlab = (long)b * g3, row = (long)lo * hp, gateRow = (long)lo * g3;
  const float *packed = F(c->packed), *packedH = packed + (long)hp * paddedColumns(2 * hp);
  float *hus = F(c->hu) + gateRow;
  const int onTheFly = stepInputRows(c);
  for (int s = 0; s < c->time; s++) {
    long o = s * slab + row;
    float *hPrev = F(c->hs) + o, *hNext = hPrev + slab;
    const float *xws = F(c->xw) + (onTheFly ? 0 : s * gateSlab) + gateRow;
    if (onTheFly) inputRows(F(c->x) + (long)s * b * c->inputDim, F(c->w), F(c->bIn), lo, lo + m, g3, c->inputDim, F(c->xw));
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
  int hp = c->hp, g3 = 3 * hp;
  if (c->resetAfter) packAll(F(c->u), 1, g3, g3, hp, F(c->packed));
  else {
    packAll(F(c->u) + 2 * hp, 1, g3, hp, hp, F(c->packed));
    packAll(F(c->u), 1, g3, 2 * hp, hp, F(c->packed) + (long)g3 * paddedColumns(hp));
  }
}

static void backwardSteps(const GruCall *c) {
  int hp = c->hp, g3 = 3 * hp, b = c->batch;
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
      backwardAfter(m, hp, dh, opt(c->dhOut, o), opt(c->dzOut, o), opt(c->drOut, o), opt(c->dhTildeOut, o), hPrev,
                    F(c->z) + o, F(c->r) + o, F(c->hTilde) + o, F(c->hUh) + o, gx, gh);
      gemmPacked(gh, g3, 1, m, g3, packed, hp, dh, hp, 1);
    } else {
      backwardBeforeState(m, hp, dh, opt(c->dhOut, o), opt(c->dzOut, o), opt(c->dhTildeOut, o), hPrev, F(c->z) + o,
                          F(c->hTilde) + o, gx);
      gemmPacked(gx + 2 * hp, g3, 1, m, hp, packed, hp, drh, hp, 0);
      backwardBeforeGates(m, hp, dh, drh, opt(c->drOut, o), hPrev, F(c->r) + o, gx);
      gemmPacked(gx, g3, 1, m, 2 * hp, packedZR, hp, dh, hp, 1);
    }
  }
}

static void backwardWeights(const GruCall *c) {
  int hp = c->hp, g3 = 3 * hp, d = c->inputDim, rows = c->time * c->batch;
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
  if (!c->dx) { /* dx 0: the input needs no gradient (gruKernelBackward's withDx false) */ }
  else if (d > 0 && d <= SMALL_INPUT) inputGradientRows(F(c->dgx), F(c->w), r0, r1, g3, d, F(c->dx));
  else gemm(F(c->dgx) + (long)r0 * g3, g3, 1, F(c->w), 1, g3, r1 - r0, g3, d, F(c->dx) + (long)r0 * d, d, 0, scratch);
  /* dW columns (gate units, whole register tiles) split by part too: part 0 doing all of dW left the
   * other thread idle for a third of the phase; by columns, each part packs only its half of dgx */
  int n0 = (g3 * c->part / c->parts) & ~(NR - 1), n1 = c->part == c->parts - 1 ? g3 : (g3 * (c->part + 1) / c->parts) & ~(NR - 1);
  if (d > 0 && d <= SMALL_INPUT) {
    /* dW's pass over dgx also sums its columns (the input bias's gradient: columnSums' additions in
     * its order, so the same bits) instead of a second pass over dgx. With resetAfter the recurrent
     * bias's gradient is dgh's column sums, and dgh's z and r columns are dgx's (backwardAfter stores
     * the same values in both): those sums are copied, only the h̃ columns of dgh are read. Each part
     * does its own columns (n0 … n1), as for dW. */
    float *dBias = F(c->dBias);
    inputWeightGradient(F(c->x), F(c->dgx), rows, g3, n0, n1, d, F(c->dW), scratch, dBias);
    if (c->resetAfter) {
      for (int j = n0; j < imin(n1, 2 * hp); j++) dBias[g3 + j] = dBias[j];
      if (n1 > 2 * hp) columnSumsRange(F(c->dgh), rows, g3, n0 > 2 * hp ? n0 : 2 * hp, n1, dBias + g3);
    }
    return;
  }
  if (d > 0) gemm(F(c->x), 1, d, F(c->dgx) + n0, g3, 1, d, rows, n1 - n0, F(c->dW) + n0, g3, 0, scratch); /* d 0: inputs given as ids */
  if (c->part == c->parts - 1) {
    columnSums(F(c->dgx), rows, g3, F(c->dBias));
    if (c->resetAfter) columnSums(F(c->dgh), rows, g3, F(c->dBias) + g3);
  }
}

/* ---- Node-API bindings: every function takes and returns plain numbers ---- */
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
/* gemm(a, ars, acs, b, brs, bcs, m, k, n, c, ldc, acc, scratch, tmp): C (+)= A · B on the kernel
 * memory, as the WebAssembly module's export of the same name (tmp, its tile buffer, unused here). */
static napi_value js_gemm(napi_env env, napi_callback_info info) {
  int32_t a[14];
  if (!args(env, info, a, 14)) return NULL;
  if (!base) { napi_throw_error(env, NULL, KERNEL_LABEL ": setMemory first"); return NULL; }
  gemm(F(a[0]), a[1], a[2], F(a[3]), a[4], a[5], a[6], a[7], a[8], F(a[9]), a[10], a[11], F(a[12]));
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

NAPI_MODULE_INIT() {
  static const Export fns[] = {
    {"packForward", js_packForward}, {"forwardInput", js_forwardInput}, {"forwardSteps", js_forwardSteps},
    {"packBackward", js_packBackward}, {"backwardSteps", js_backwardSteps}, {"backwardWeights", js_backwardWeights},
    {"gruCallEcho", js_gruCallEcho}, {"gemm", js_gemm}, {"adamStep", js_adamStep}, {"adamStepInPlace", js_adamStepInPlace}, {"packedRecurrentSize", js_packedRecurrentSize}, {"scratchSize", js_scratchSize},
  };
  return exportAll(env, exports, fns, sizeof fns / sizeof fns[0]);
}
