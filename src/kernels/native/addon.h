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

typedef struct { const char *name; napi_callback fn; } Export;
/* The exports every addon has, then the kernel's own `fns`. */
static napi_value exportAll(napi_env env, napi_value exports, const Export *fns, size_t n) {
  static const Export common[] = {
    {"toTimeMajor", js_toTimeMajor}, {"fromTimeMajor", js_fromTimeMajor}, {"unitAlign", js_unitAlign},
    {"flavour", js_flavour}, {"setMemory", js_setMemory},
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
