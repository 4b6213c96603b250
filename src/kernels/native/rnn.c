/*
 * The fused LSTM and SimpleRNN kernel as an optional native Node-API addon (rnn-<variant>.node,
 * built by scripts/build-kernels.js once per CPU level, like gru-<variant>.node). The same phases, call block
 * (RnnCall: its field list is src/kernels/rnnCall.ts, generated into rnnCall.generated.h) and
 * equations as src/kernels/wasm/rnn.ts and lstm.ts (read those for the chain rule), on the
 * kernel's own shared memory; units padded to the vector width VW (simd.h). Vector helpers,
 * activations, GEMM and Node-API glue are gru.c's: simd.h, gemm.h, addon.h.
 * A separate addon from the GRU's because each kernel has its own memory and the addon keeps one
 * `base` pointer per loaded library (and the phases share names).
 */
#define _GNU_SOURCE /* before any system header: sched_getcpu, CPU_SET and pthread_setname_np in addon.h */
#include "rnnCall.generated.h"
#define KERNEL_LABEL "rnn native kernel"
#define CALL_TYPE RnnCall
#include "addon.h"
#include "narrowInput.h"

/* ---- the cells, per step over m rows (as src/kernels/wasm/lstm.ts and rnn.ts) ---- */

/* LSTM: one row of 4·hp pre-activations per batch element at `act`, overwritten by i, f, c̃, o;
 * c_t = f ⊙ c_{t−1} + i ⊙ c̃, h_t = o ⊙ tanh(c_t). */
static void lstmForwardGates(int m, int hp, float *act, const float *cPrev, float *cNext, float *hNext) {
  for (int i = 0; i < m; i++) {
    float *a = act + (long)i * 4 * hp;
    long s = (long)i * hp;
    for (int j = 0; j < hp; j += VW) {
      vf ig = vsigmoid(ld(a + j)), fg = vsigmoid(ld(a + hp + j)), ct = vtanh(ld(a + 2 * hp + j)), og = vsigmoid(ld(a + 3 * hp + j));
      vf c = fg * ld(cPrev + s + j) + ig * ct;
      st(a + j, ig);
      st(a + hp + j, fg);
      st(a + 2 * hp + j, ct);
      st(a + 3 * hp + j, og);
      st(cNext + s + j, c);
      st(hNext + s + j, og * vtanh(c));
    }
  }
}

/* LSTM backward of one step (chain rule: lstm.ts), g = dL/dh_t (carried dh + dhOut), τ = tanh(c_t). */
static void lstmBackwardGates(int m, int hp, const float *act, const float *cPrev, const float *cNow, const float *dh,
                              const float *dhOut, const float *dgatesOut, const float *dcOut, float *dc, float *dg) {
  for (int i = 0; i < m; i++) {
    const float *a = act + (long)i * 4 * hp;
    float *d = dg + (long)i * 4 * hp;
    const float *x = dgatesOut ? dgatesOut + (long)i * 4 * hp : 0;
    long s = (long)i * hp;
    for (int j = 0; j < hp; j += VW) {
      long o = s + j;
      vf g = ld(dh + o) + ld(dhOut + o);
      vf ig = ld(a + j), fg = ld(a + hp + j), ct = ld(a + 2 * hp + j), og = ld(a + 3 * hp + j);
      vf tc = vtanh(ld(cNow + o));
      vf dO = g * tc + extra(x, 3 * hp + j);
      vf dC = ld(dc + o) + g * og * (1.0f - tc * tc) + extra(dcOut, o);
      vf dI = dC * ct + extra(x, j);
      vf dF = dC * ld(cPrev + o) + extra(x, hp + j);
      vf dT = dC * ig + extra(x, 2 * hp + j);
      st(d + j, flush(dI * (ig * (1.0f - ig))));
      st(d + hp + j, flush(dF * (fg * (1.0f - fg))));
      st(d + 2 * hp + j, flush(dT * (1.0f - ct * ct)));
      st(d + 3 * hp + j, flush(dO * (og * (1.0f - og))));
      st(dc + o, flush(dC * fg));
    }
  }
}

/* SimpleRNN: h_t = tanh(a) over an [m, hp] slab; backward dg = (dh + dhOut) ⊙ (1 − h_t²). */
static void rnnForwardState(int m, int hp, const float *act, float *hNext) {
  for (long j = 0; j < (long)m * hp; j += VW) st(hNext + j, vtanh(ld(act + j)));
}
static void rnnBackwardState(int m, int hp, const float *hNow, const float *dh, const float *dhOut, float *dg) {
  for (long j = 0; j < (long)m * hp; j += VW) {
    vf h = ld(hNow + j);
    st(dg + j, flush((ld(dh + j) + ld(dhOut + j)) * (1.0f - h * h)));
  }
}

/* ---- the phases (as src/kernels/wasm/rnn.ts) ---- */
static int packedRecurrentSize(int gates, int hp) { /* packed U or packed Uᵀ, whichever is larger */
  int u = hp * paddedColumns(gates * hp), ut = gates * hp * paddedColumns(hp);
  return u > ut ? u : ut;
}

/* [B, T, H] → block columns of time-major gate rows: dst row (s·B + i) at stride `stride` floats (no fill). */
static void toGateRows(uint32_t src, uint32_t dst, int b, int t, int h, int stride) {
  for (int s = 0; s < t; s++) {
    for (int i = 0; i < b; i++) memcpy(F(dst) + (long)(s * b + i) * stride, F(src) + (long)(i * t + s) * h, (size_t)h * 4);
  }
}

static void packForward(const RnnCall *c) {
  int hp = c->hp, gp = c->gates * hp;
  packAll(F(c->u), gp, 1, hp, gp, F(c->packed));
}

static void packBackward(const RnnCall *c) {
  int hp = c->hp, gp = c->gates * hp;
  packAll(F(c->u), 1, gp, gp, hp, F(c->packed));
}

/* act rows [lo, hi) = b + x·W for all steps at once */
static void forwardInput(const RnnCall *c) {
  int d = c->inputDim, gp = c->gates * c->hp, lo = c->lo, hi = c->hi;
  if (d <= SMALL_INPUT) { inputRows(F(c->x), F(c->w), F(c->bias), lo, hi, gp, d, F(c->act)); return; } /* as gru.c */
  float *out = F(c->act) + (long)lo * gp;
  for (int r = 0; r < hi - lo; r++) memcpy(out + (long)r * gp, F(c->bias), (size_t)gp * 4);
  gemm(F(c->x) + (long)lo * d, d, 1, F(c->w), gp, 1, hi - lo, d, gp, out, gp, 1, F(c->scratch));
}

/* the recurrence over all T steps for batch elements [lo, hi): act += h_{t−1}·U, then the cell */
static void forwardSteps(const RnnCall *c) {
  int b = c->batch, hp = c->hp, gp = c->gates * hp, lo = c->lo, m = c->hi - lo;
  long slab = (long)b * hp, gateSlab = (long)b * gp, row = (long)lo * hp, gateRow = (long)lo * gp;
  for (int s = 0; s < c->time; s++) {
    long o = s * slab + row;
    float *a = F(c->act) + s * gateSlab + gateRow;
    gemmPacked(F(c->hs) + o, hp, 1, m, hp, F(c->packed), gp, a, gp, 1);
    if (c->gates == 4) lstmForwardGates(m, hp, a, F(c->cs) + o, F(c->cs) + o + slab, F(c->hs) + o + slab);
    else rnnForwardState(m, hp, a, F(c->hs) + o + slab);
  }
}

/* BPTT for batch elements [lo, hi): dg rows per step, dh (and dc) carried back to step 0 */
static void backwardSteps(const RnnCall *c) {
  int b = c->batch, hp = c->hp, gp = c->gates * hp, lo = c->lo, m = c->hi - lo;
  long slab = (long)b * hp, gateSlab = (long)b * gp, row = (long)lo * hp, gateRow = (long)lo * gp;
  float *dh = F(c->dh) + row;
  for (int s = c->time - 1; s >= 0; s--) {
    long o = s * slab + row, go = s * gateSlab + gateRow;
    float *dg = F(c->dg) + go;
    if (c->gates == 4) {
      lstmBackwardGates(m, hp, F(c->act) + go, F(c->cs) + o, F(c->cs) + o + slab, dh, F(c->dhOut) + o, opt(c->dgatesOut, go),
                        opt(c->dcOut, o), F(c->dc) + row, dg);
    } else {
      rnnBackwardState(m, hp, F(c->hs) + o + slab, dh, F(c->dhOut) + o, dg);
    }
    gemmPacked(dg, gp, 1, m, gp, F(c->packed), hp, dh, hp, 0); /* dh_{t−1} = dg·Uᵀ */
  }
}

/* dU = h_{0..T−1}ᵀ·dg, dx = dg·Wᵀ, dW = xᵀ·dg, db = Σ dg over all steps; dU rows (units), dx
 * rows and dW columns split by part, the last part does the bias. */
static void backwardWeights(const RnnCall *c) {
  int d = c->inputDim, hp = c->hp, gp = c->gates * hp, rows = c->time * c->batch;
  int u0 = (hp * c->part / c->parts) & ~(VW - 1);
  int u1 = c->part == c->parts - 1 ? hp : (hp * (c->part + 1) / c->parts) & ~(VW - 1);
  int r0 = (int)((long)rows * c->part / c->parts), r1 = (int)((long)rows * (c->part + 1) / c->parts);
  float *dg = F(c->dg), *scratch = F(c->scratch);
  gemm(F(c->hs) + u0, 1, hp, dg, gp, 1, u1 - u0, rows, gp, F(c->dU) + (long)u0 * gp, gp, 0, scratch);
  if (d > 0 && d <= SMALL_INPUT) inputGradientRows(dg, F(c->w), r0, r1, gp, d, F(c->dx));
  else if (d > 0) gemm(dg + (long)r0 * gp, gp, 1, F(c->w), 1, gp, r1 - r0, gp, d, F(c->dx) + (long)r0 * d, d, 0, scratch); /* d 0: inputs given as ids */
  /* dW columns (whole register tiles) split by part, as gru.c: part 0 doing all of dW left the other thread idle */
  int n0 = (gp * c->part / c->parts) & ~(NR - 1), n1 = c->part == c->parts - 1 ? gp : (gp * (c->part + 1) / c->parts) & ~(NR - 1);
  if (d > 0 && d <= SMALL_INPUT) inputWeightGradient(F(c->x), dg, rows, gp, n0, n1, d, F(c->dW), scratch, NULL);
  else if (d > 0) gemm(F(c->x), 1, d, dg + n0, gp, 1, d, rows, n1 - n0, F(c->dW) + n0, gp, 0, scratch);
  if (c->part == c->parts - 1) columnSums(dg, rows, gp, F(c->dBias));
}

/* ---- Node-API bindings ---- */
PHASE(packForward)
PHASE(packBackward)
PHASE(forwardInput)
PHASE(forwardSteps)
PHASE(backwardSteps)
PHASE(backwardWeights)

COPY(toGateRows)
static napi_value js_packedRecurrentSize(napi_env env, napi_callback_info info) {
  int32_t a[2];
  return args(env, info, a, 2) ? number(env, packedRecurrentSize(a[0], a[1])) : NULL;
}
static napi_value js_packedSize(napi_env env, napi_callback_info info) {
  int32_t a[2];
  return args(env, info, a, 2) ? number(env, a[0] * paddedColumns(a[1])) : NULL;
}
static napi_value js_rnnCallEcho(napi_env env, napi_callback_info info) {
  int32_t a[2];
  if (!args(env, info, a, 2)) return NULL;
  rnnCallEcho((const RnnCall *)(base + a[0]), (int32_t *)(base + a[1]));
  return NULL;
}

NAPI_MODULE_INIT() {
  static const Export fns[] = {
    {"packForward", js_packForward}, {"packBackward", js_packBackward}, {"forwardInput", js_forwardInput},
    {"forwardSteps", js_forwardSteps}, {"backwardSteps", js_backwardSteps}, {"backwardWeights", js_backwardWeights},
    {"toGateRows", js_toGateRows}, {"packedRecurrentSize", js_packedRecurrentSize}, {"packedSize", js_packedSize},
    {"rnnCallEcho", js_rnnCallEcho},
  };
  return exportAll(env, exports, fns, sizeof fns / sizeof fns[0]);
}
