/*
 * The Node-API side both native addons share: argument reading, setMemory, flavour, unitAlign,
 * the time-major copies and the PHASE wrapper. Every exported function takes and returns plain
 * numbers (offsets into the kernel memory); a phase takes the offset of its call struct.
 * Before including: KERNEL_LABEL (a string naming the kernel in errors) and CALL_TYPE (the struct).
 * Include after simd.h and gemm.h.
 */
#ifndef GRULAB_ADDON_H
#define GRULAB_ADDON_H
#define NAPI_VERSION 8
#include <node_api.h>
#include "gemm.h"
#ifdef __linux__
#include <sched.h>
#include <pthread.h>
#endif

#define MAXARGS 14
static int32_t args(napi_env env, napi_callback_info info, int32_t *out, size_t n) {
  napi_value argv[MAXARGS];
  size_t argc = MAXARGS;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  for (size_t i = 0; i < n; i++) {
    if (i >= argc || napi_get_value_int32(env, argv[i], &out[i]) != napi_ok) {
      napi_throw_type_error(env, NULL, KERNEL_LABEL ": expected integer arguments");
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
    if (!base) { napi_throw_error(env, NULL, KERNEL_LABEL ": setMemory first"); return NULL; } \
    name((const CALL_TYPE *)(base + a[0]));                                         \
    return NULL;                                                                    \
  }

/* js_<name>(src, dst, b, t, f, stride): a copy between two buffers of the kernel memory (six integers). */
#define COPY(name)                                                                  \
  static napi_value js_##name(napi_env env, napi_callback_info info) {              \
    int32_t a[6];                                                                   \
    if (args(env, info, a, 6)) name((uint32_t)a[0], (uint32_t)a[1], a[2], a[3], a[4], a[5]); \
    return NULL;                                                                    \
  }
COPY(toTimeMajor)
COPY(fromTimeMajor)
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
    napi_throw_type_error(env, NULL, KERNEL_LABEL ": setMemory expects a typed array over the kernel's memory");
    return NULL;
  }
  base = (uint8_t *)data;
  return NULL;
}

/* ---- where the kernel's worker thread runs (src/kernels/kernelThreads.ts) ----
 * On these VMs (2 vCPUs, haltpoll idle) Linux woke the worker onto the caller's CPU after an idle
 * gap and both halves of a phase then shared one CPU for several steps (shape A's isolated step
 * 8.5 ms instead of 5.0; docs/speed.md, tenth round). The worker keeps itself off the caller's CPU.
 * Linux only: elsewhere threadCpu is -1 and keepOffCpu does nothing. */

/* threadCpu(): the CPU the calling thread runs on now (sched_getcpu), -1 where unknown. */
static napi_value js_threadCpu(napi_env env, napi_callback_info info) {
  (void)info;
#ifdef __linux__
  return number(env, sched_getcpu());
#else
  return number(env, -1);
#endif
}

/* keepOffCpu(cpu): restricts the calling thread to the CPUs it was allowed at its first call, minus
 * `cpu`; -1 (or a set that would be empty) gives it all of them again. Returns 1 if the thread's
 * set now leaves out `cpu`, else 0. Only this thread changes: the process's other threads, the
 * caller's included, keep theirs. */
#ifdef __linux__
static __thread cpu_set_t firstAllowed;
static __thread int haveFirstAllowed;
#endif
static napi_value js_keepOffCpu(napi_env env, napi_callback_info info) {
  int32_t a[1];
  if (!args(env, info, a, 1)) return NULL;
#ifdef __linux__
  if (!haveFirstAllowed) {
    if (sched_getaffinity(0, sizeof firstAllowed, &firstAllowed) != 0) return number(env, 0);
    haveFirstAllowed = 1;
  }
  cpu_set_t want = firstAllowed;
  int off = a[0] >= 0 && a[0] < CPU_SETSIZE && CPU_ISSET(a[0], &want) && CPU_COUNT(&want) > 1;
  if (off) CPU_CLR(a[0], &want);
  if (sched_setaffinity(0, sizeof want, &want) != 0) return number(env, 0); /* e.g. a cpuset changed since */
  return number(env, off);
#else
  return number(env, 0);
#endif
}

/* nameThread(name): names the calling thread (at most 15 bytes; `top -H`, /proc/<pid>/task/<tid>/comm). */
static napi_value js_nameThread(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc = 1;
  char name[16];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], name, sizeof name, NULL) != napi_ok) {
    napi_throw_type_error(env, NULL, KERNEL_LABEL ": nameThread expects a string");
    return NULL;
  }
#ifdef __linux__
  pthread_setname_np(pthread_self(), name);
#endif
  return NULL;
}

typedef struct { const char *name; napi_callback fn; } Export;
/* The exports every addon has, then the kernel's own `fns`. */
static napi_value exportAll(napi_env env, napi_value exports, const Export *fns, size_t n) {
  static const Export common[] = {
    {"toTimeMajor", js_toTimeMajor}, {"fromTimeMajor", js_fromTimeMajor}, {"unitAlign", js_unitAlign},
    {"flavour", js_flavour}, {"setMemory", js_setMemory},
    {"threadCpu", js_threadCpu}, {"keepOffCpu", js_keepOffCpu}, {"nameThread", js_nameThread},
  };
  for (size_t i = 0; i < sizeof common / sizeof common[0] + n; i++) {
    const Export *e = i < n ? &fns[i] : &common[i - n];
    napi_value f;
    napi_create_function(env, e->name, NAPI_AUTO_LENGTH, e->fn, NULL, &f);
    napi_set_named_property(env, exports, e->name, f);
  }
  return exports;
}
#endif
