import type { GruKernelExports } from "./gruCall";
import { gruWasm } from "./gruWasm";
import { loadFusedKernel, type FusedKernel } from "./loadFusedKernel";

/** The fused GRU kernel in use (native addon or gru.wasm) and its memory. */
export type GruKernel = FusedKernel<GruKernelExports>;

let active: GruKernel | null = null;

/**
 * The fused GRU kernel this process uses, chosen once at first use by the one rule
 * (GRULAB_KERNEL and the CPU probe, src/kernels/nativeKernel.ts): the best native build this CPU
 * runs (gru-avx512.node, gru-avx2.node, gru-portable.node) or gru.wasm (everywhere). Both read the
 * same GruCall structs in the same shared memory.
 *
 * @example
 * const k = gruKernel(); k.exports.forwardSteps(callAddress);
 */
export function gruKernel(): GruKernel {
  return (active ??= loadFusedKernel<GruKernelExports>("gru", "fused GRU", gruWasm));
}
