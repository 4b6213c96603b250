import * as path from "path";
import { loadNativeKernel, nativeKernelChoice } from "./nativeKernel";
import { rnnWasm, type RnnWasmExports } from "./rnnWasm";
import { kernelMemory, type KernelMemory } from "./wasmKernel";

/**
 * The fused LSTM / SimpleRNN kernel in use (native addon or rnn.wasm) and its memory.
 *
 * @example
 * const k: RnnKernelModule = rnnKernelModule(); const hp = Math.ceil(units / k.unitAlign) * k.unitAlign;
 */
export interface RnnKernelModule extends KernelMemory {
  /** The phases and helpers, the same in both builds (src/kernels/wasm/rnn.ts, src/kernels/native/rnn.c). */
  exports: RnnWasmExports;
  /** "native-avx512" / "native-avx2" / "native" (the addon) or "relaxed" / "simd" (WebAssembly). */
  flavour: string;
  /** Units are padded to a multiple of this (4 for WebAssembly, the vector width for the addon). */
  unitAlign: number;
  /** Bytes below this offset are the module's; buffers start here. */
  heapBase: number;
  /** What a worker thread needs to run the same kernel on the same memory. */
  worker: { wasmModule: WebAssembly.Module | null; nativePath: string | null };
}

/**
 * Where scripts/build-kernels.js writes the optional native addon of the LSTM/SimpleRNN kernel.
 *
 * @example
 * const built = fs.existsSync(rnnNativePath);
 */
export const rnnNativePath = path.join(__dirname, "native", "rnn.node");

let active: RnnKernelModule | null = null;

/**
 * The fused LSTM / SimpleRNN kernel this process uses, chosen once at first use by the GRU's rule
 * (GRULAB_KERNEL, src/kernels/nativeKernel.ts): the native addon rnn.node (AVX-512/AVX2, built at
 * install where a C compiler exists) or rnn.wasm (everywhere). Both read the same call blocks
 * (RnnArg) in the same kind of shared memory, so the JS glue (rnnKernel.ts) is one.
 *
 * @example
 * const k = rnnKernelModule(); console.log(k.flavour); // e.g. "native-avx512"
 */
export function rnnKernelModule(): RnnKernelModule {
  if (active) return active;
  if (nativeKernelChoice(rnnNativePath) === "native") {
    try {
      const mem = kernelMemory("fused LSTM/SimpleRNN");
      const addon = loadNativeKernel<RnnWasmExports>(rnnNativePath, mem.memory);
      active = { ...mem, heapBase: 65536, exports: addon, flavour: addon.flavour(), unitAlign: addon.unitAlign(),
        worker: { wasmModule: null, nativePath: rnnNativePath } };
      return active;
    } catch (e) {
      if (process.env.GRULAB_KERNEL === "native") throw new Error(`GRULAB_KERNEL=native: ${rnnNativePath} did not load: ${(e as Error).message}`);
      // fall back to WebAssembly
    }
  }
  const w = rnnWasm();
  active = { ...w, unitAlign: 4, worker: { wasmModule: w.module, nativePath: null } };
  return active;
}
