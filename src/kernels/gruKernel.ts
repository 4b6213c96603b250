import * as path from "path";
import type { GruKernelExports } from "./gruCall";
import { gruMemory, gruWasm, type GruWasm } from "./gruWasm";
import { loadNativeKernel, nativeKernelChoice, type NativeAddonBase } from "./nativeKernel";

/** The kernel in use and its memory. */
export interface GruKernel extends Pick<GruWasm, "memory" | "heapBase" | "reserve" | "f32" | "i32"> {
  exports: GruKernelExports;
  /** "native-avx512" / "native-avx2" / "native" (the addon) or "relaxed" / "simd" (WebAssembly). */
  flavour: string;
  /** Units are padded to a multiple of this (4 for WebAssembly, the vector width for the addon). */
  unitAlign: number;
  /** What a worker thread needs to run the same kernel on the same memory. */
  worker: { wasmModule: WebAssembly.Module | null; nativePath: string | null };
}

/** Where scripts/build-kernels.js writes the optional native addon. */
export const gruNativePath = path.join(__dirname, "native", "gru.node");

type NativeAddon = GruKernelExports & NativeAddonBase;

/**
 * Loads the native addon and points it at `memory` (a shared WebAssembly.Memory never moves, so
 * once per thread is enough). Throws if it is missing or does not load.
 *
 * @example
 * const addon = loadGruNative(memory);
 */
export function loadGruNative(memory: WebAssembly.Memory): NativeAddon {
  return loadNativeKernel<GruKernelExports>(gruNativePath, memory);
}

let active: GruKernel | null = null;

// GRULAB_KERNEL: "native" (the addon, an error if it was not built), "wasm", or unset (the addon
// when it was built and loads, else WebAssembly): one rule for every kernel (nativeKernel.ts).
const choose = () => nativeKernelChoice(gruNativePath);

/**
 * The fused GRU kernel this process uses, chosen once at first use (see GRULAB_KERNEL above): the
 * native addon (AVX-512/AVX2, built at install where a C compiler exists) or the WebAssembly
 * kernel (everywhere). Both read the same GruCall structs in the same shared memory.
 *
 * @example
 * const k = gruKernel(); k.exports.forwardSteps(callAddress);
 */
export function gruKernel(): GruKernel {
  if (active) return active;
  if (choose() === "native") {
    try {
      const mem = gruMemory();
      const addon = loadGruNative(mem.memory);
      active = {
        ...mem, heapBase: 65536, exports: addon, flavour: addon.flavour(), unitAlign: addon.unitAlign(),
        worker: { wasmModule: null, nativePath: gruNativePath },
      };
      return active;
    } catch (e) {
      if (process.env.GRULAB_KERNEL === "native") throw new Error(`GRULAB_KERNEL=native: the addon did not load: ${(e as Error).message}`);
      // fall back to WebAssembly
    }
  }
  const w = gruWasm();
  active = {
    memory: w.memory, heapBase: w.heapBase, reserve: w.reserve, f32: w.f32, i32: w.i32, exports: w.exports, flavour: w.flavour, unitAlign: 4,
    worker: { wasmModule: w.module, nativePath: null },
  };
  return active;
}
