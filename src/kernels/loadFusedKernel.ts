import type { WasmKernel } from "./wasmKernel";
import { kernelMemory, type KernelMemory } from "./wasmKernel";
import { loadNativeKernel, nativeKernelChoice, type NativeKernelName } from "./nativeKernel";

/**
 * A fused kernel in use (its native addon or its WebAssembly build) and its shared memory: what
 * gruKernel() and rnnKernelModule() give.
 *
 * @example
 * const k: FusedKernel<RnnKernelExports> = rnnKernelModule(); const hp = Math.ceil(units / k.unitAlign) * k.unitAlign;
 */
export interface FusedKernel<Exports> extends KernelMemory {
  /** The phases and helpers, the same in both builds. */
  exports: Exports;
  /** Which build runs: "native-avx512", "native-avx2", "native-portable", "wasm-relaxed-simd" or "wasm-simd". */
  flavour: string;
  /** Units are padded to a multiple of this (4 for WebAssembly, the vector width for the addon). */
  unitAlign: number;
  /** Bytes below this offset are the module's; buffers start here. */
  heapBase: number;
  /** What a worker thread needs to run the same kernel on the same memory. */
  worker: { wasmModule: WebAssembly.Module | null; nativePath: string | null };
}

const announced = new Set<string>();

/**
 * Loads kernel `name` by the one rule (GRULAB_KERNEL and the CPU probe, src/kernels/nativeKernel.ts):
 * the best native build this CPU runs, else (none built, none loads) the WebAssembly build from
 * `wasm()`. Says once per process, on stderr, which build runs (as tfjs names its backend):
 * `grulab: fused kernel: native-avx2`; silent inside `node --test` (NODE_TEST_CONTEXT is set).
 * `label` names the kernel in errors.
 *
 * @example
 * const k = loadFusedKernel<RnnKernelExports>("rnn", "fused LSTM/SimpleRNN", rnnWasm);
 */
export function loadFusedKernel<Exports>(name: NativeKernelName, label: string, wasm: () => WasmKernel<Exports>): FusedKernel<Exports> {
  const announce = (k: FusedKernel<Exports>) => {
    if (!announced.has(k.flavour) && !process.env.NODE_TEST_CONTEXT) process.stderr.write(`grulab: fused kernel: ${k.flavour}\n`);
    announced.add(k.flavour);
    return k;
  };
  const nativePath = nativeKernelChoice(name);
  if (nativePath) {
    try {
      const mem = kernelMemory(label);
      const addon = loadNativeKernel<Exports>(nativePath, mem.memory);
      return announce({ ...mem, heapBase: 65536, exports: addon, flavour: addon.flavour(), unitAlign: addon.unitAlign(),
        worker: { wasmModule: null, nativePath } });
    } catch (e) {
      if (process.env.GRULAB_KERNEL?.startsWith("native")) throw new Error(`GRULAB_KERNEL=${process.env.GRULAB_KERNEL}: ${nativePath} did not load: ${(e as Error).message}`);
      // fall back to WebAssembly
    }
  }
  const w = wasm();
  return announce({ memory: w.memory, reserve: w.reserve, f32: w.f32, i32: w.i32, exports: w.exports, heapBase: w.heapBase,
    flavour: w.flavour === "relaxed" ? "wasm-relaxed-simd" : "wasm-simd", unitAlign: 4, worker: { wasmModule: w.module, nativePath: null } });
}
