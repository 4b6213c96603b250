import type { GruKernelExports } from "./gruCall";
import { instantiateWasmKernel, KERNEL_MAX_PAGES, wasmKernelPaths, type WasmKernel } from "./wasmKernel";

/** The exports of gru.wasm (src/kernels/wasm/gru.ts): the kernel's phases, its matmul and its packed size. */
export interface GruWasmExports extends GruKernelExports {
  packedSize(k: number, n: number): number;
}

/** One instance of gru.wasm with its memory; `f32()` is a view valid until the next `reserve`. */
export type GruWasm = WasmKernel<GruWasmExports>;

/** The built kernels (scripts/build-kernels.js writes them next to the compiled glue): SIMD128, and with relaxed-SIMD FMA. */
export const gruWasmPaths = wasmKernelPaths("gru");

/** Largest memory the kernel may use (the builds declare shared memory of at most 16384 pages = 1 GiB). */
export const GRU_WASM_MAX_PAGES = KERNEL_MAX_PAGES;

let instance: GruWasm | null = null;

/**
 * The WebAssembly GRU kernel, instantiated once (synchronously) on its own kernelMemory(); a call
 * needing more memory grows it once to the largest size seen so far (at most 1 GiB). Node 20
 * needs a V8 flag for the relaxed-SIMD build: it is set at this first use (src/kernels/wasmKernel.ts).
 *
 * @example
 * const { exports, f32 } = gruWasm();
 */
export function gruWasm(): GruWasm {
  return (instance ??= instantiateWasmKernel<GruWasmExports>("gru", "fused GRU"));
}
