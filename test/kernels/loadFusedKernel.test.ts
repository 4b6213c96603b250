// loadFusedKernel: which build it returns for GRULAB_KERNEL (a stand-in WebAssembly build, or the
// real native addon), what it says about it, and its errors.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadFusedKernel } from "../../src/kernels/loadFusedKernel";
import { cpuVariant, nativeKernelPath } from "../../src/kernels/nativeKernel";
import type { WasmKernel } from "../../src/kernels/wasmKernel";

function withKernelEnv<T>(value: string | undefined, fn: () => T): T {
  const before = process.env.GRULAB_KERNEL;
  if (value === undefined) delete process.env.GRULAB_KERNEL; else process.env.GRULAB_KERNEL = value;
  try { return fn(); } finally { if (before === undefined) delete process.env.GRULAB_KERNEL; else process.env.GRULAB_KERNEL = before; }
}

// A stand-in for a WebAssembly build: loadFusedKernel must pass its parts through and name its flavour.
function fakeWasm(flavour: "simd" | "relaxed"): { calls: number; make: () => WasmKernel<{ tag: string }> } {
  const out = { calls: 0, make: () => {
    out.calls++;
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    return { exports: { tag: flavour }, module: { fake: flavour } as unknown as WebAssembly.Module, flavour, heapBase: 4096, memory,
      reserve: () => undefined, f32: () => new Float32Array(memory.buffer), i32: () => new Int32Array(memory.buffer) };
  } };
  return out;
}

test("GRULAB_KERNEL=wasm: the WebAssembly build's memory, exports and module, flavour wasm-relaxed-simd or wasm-simd, units padded to 4", () => {
  for (const [flavour, name] of [["relaxed", "wasm-relaxed-simd"], ["simd", "wasm-simd"]] as const) {
    const w = fakeWasm(flavour);
    const k = withKernelEnv("wasm", () => loadFusedKernel("rnn", "test kernel", w.make));
    assert.equal(w.calls, 1);
    assert.deepEqual([k.flavour, k.unitAlign, k.heapBase, k.exports.tag], [name, 4, 4096, flavour]);
    assert.deepEqual(k.worker, { wasmModule: { fake: flavour }, nativePath: null });
  }
});

const portable = nativeKernelPath("rnn", "portable");
const nativeRuns = cpuVariant() !== null && fs.existsSync(portable);

test("GRULAB_KERNEL=native-portable: the addon on a fresh shared memory, its flavour and unit alignment; the WebAssembly build is not loaded", { skip: nativeRuns ? false : "no native portable build here" }, () => {
  const w = fakeWasm("simd");
  const k = withKernelEnv("native-portable", () => loadFusedKernel<{ flavour(): string; unitAlign(): number }>("rnn", "test kernel", w.make as never));
  assert.equal(w.calls, 0);
  assert.deepEqual([k.flavour, k.heapBase, k.worker.nativePath, k.worker.wasmModule], ["native-portable", 65536, portable, null]);
  assert.equal(k.unitAlign, k.exports.unitAlign());
  assert.ok(k.unitAlign >= 4 && k.unitAlign % 4 === 0);
  assert.ok(k.memory.buffer instanceof SharedArrayBuffer);
});

test("an unknown GRULAB_KERNEL is an error naming the variable and the choices", () => {
  assert.throws(() => withKernelEnv("fastest", () => loadFusedKernel("gru", "test kernel", fakeWasm("simd").make)),
    { message: 'GRULAB_KERNEL: "fastest", expected one of native, wasm, native-avx512, native-avx2, native-portable' });
});

test("says once per process on stderr which build runs, outside node --test only", () => {
  const script = `
    const { loadFusedKernel } = require(${JSON.stringify(path.join(__dirname, "../../src/kernels/loadFusedKernel.js"))});
    const w = () => ({ exports: {}, module: null, flavour: "simd", heapBase: 0, memory: null, reserve() {}, f32() {}, i32() {} });
    loadFusedKernel("gru", "a", w); loadFusedKernel("rnn", "b", w);`;
  const stderr = (extra: Record<string, string>) => {
    const env: NodeJS.ProcessEnv = { ...process.env, GRULAB_KERNEL: "wasm", ...extra };
    if (!("NODE_TEST_CONTEXT" in extra)) delete env.NODE_TEST_CONTEXT;
    const r = spawnSync(process.execPath, ["-e", script], { env, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return r.stderr;
  };
  assert.equal(stderr({}), "grulab: fused kernel: wasm-simd\n");
  assert.equal(stderr({ NODE_TEST_CONTEXT: "child" }), "");
});
