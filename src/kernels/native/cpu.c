/*
 * The CPU probe: a tiny Node-API addon, compiled for the architecture's baseline (never for the
 * packing machine), that says which build of the native kernels this CPU can run. Loading it is
 * safe on every CPU of its architecture; the kernels' own builds (gru-<variant>.node,
 * rnn-<variant>.node) are loaded only after it said yes (src/kernels/nativeKernel.ts).
 *   cpuVariant() → "avx512" (x86-64-v4: AVX-512 F/BW/CD/DQ/VL), "avx2" (x86-64-v3: AVX2, FMA, BMI2…)
 *                  or "portable" (any other CPU, and every other architecture).
 */
#define NAPI_VERSION 8
#include <node_api.h>

static const char *variant(void) {
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
#if !defined(__clang__) && __GNUC__ >= 12
  if (__builtin_cpu_supports("x86-64-v4")) return "avx512";
  if (__builtin_cpu_supports("x86-64-v3")) return "avx2";
#else
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512cd")) return "avx512";
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2") &&
      __builtin_cpu_supports("f16c")) return "avx2";
#endif
#endif
  return "portable";
}

static napi_value js_cpuVariant(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value r;
  napi_create_string_utf8(env, variant(), NAPI_AUTO_LENGTH, &r);
  return r;
}

NAPI_MODULE_INIT() {
  napi_value f;
  napi_create_function(env, "cpuVariant", NAPI_AUTO_LENGTH, js_cpuVariant, NULL, &f);
  napi_set_named_property(env, exports, "cpuVariant", f);
  return exports;
}
