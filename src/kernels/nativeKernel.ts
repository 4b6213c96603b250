// The one rule for choosing between a fused kernel's native addon and its WebAssembly build
// (GRULAB_KERNEL), and the loading of an addon onto a kernel's memory: used by the GRU
// (gruKernel.ts), the LSTM/SimpleRNN (rnnKernelModule.ts) and their worker thread (gruWorker.ts).
import * as fs from "fs";

/**
 * What every native addon exports besides its kernel's phases (src/kernels/native/addon.h).
 *
 * @example
 * const addon: NativeAddonBase = loadNativeKernel(rnnNativePath, memory); addon.flavour(); // "native-avx512"
 */
export interface NativeAddonBase {
  setMemory(view: Uint8Array): void;
  /** The vector width in floats: units are padded to a multiple of it. */
  unitAlign(): number;
  /** "native-avx512", "native-avx2" or "native". */
  flavour(): string;
}

/**
 * Which build of a kernel to run, by GRULAB_KERNEL: "native" (the addon at `nativePath`; an error
 * if it was not built), "wasm", or unset (the addon when it was built, else WebAssembly). Any
 * other value is an error naming the variable.
 *
 * @example
 * if (nativeKernelChoice(gruNativePath) === "native") loadNativeKernel(gruNativePath, memory);
 */
export function nativeKernelChoice(nativePath: string): "native" | "wasm" {
  const want = process.env.GRULAB_KERNEL ?? "";
  if (want !== "" && want !== "native" && want !== "wasm") throw new Error(`GRULAB_KERNEL: "${want}", expected native or wasm`);
  if (want === "wasm") return "wasm";
  if (fs.existsSync(nativePath)) return "native";
  if (want === "native") {
    throw new Error(`GRULAB_KERNEL=native: ${nativePath} was not built (scripts/build-kernels.js needs a C compiler and node_api.h)`);
  }
  return "wasm";
}

/**
 * Loads the addon at `nativePath` and points it at `memory` (a shared WebAssembly.Memory never
 * moves, so once per thread is enough). Throws if it is missing or does not load.
 *
 * @example
 * const addon = loadNativeKernel<RnnWasmExports>(rnnNativePath, memory);
 */
export function loadNativeKernel<Exports>(nativePath: string, memory: WebAssembly.Memory): Exports & NativeAddonBase {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const addon = require(nativePath) as Exports & NativeAddonBase;
  addon.setMemory(new Uint8Array(memory.buffer));
  return addon;
}
