import { loadFusedKernel, type FusedKernel } from "./loadFusedKernel";
import { rnnWasm, type RnnWasmExports } from "./rnnWasm";

/**
 * The fused LSTM / SimpleRNN kernel in use (native addon or rnn.wasm) and its memory.
 *
 * @example
 * const k: RnnKernelModule = rnnKernelModule(); const hp = Math.ceil(units / k.unitAlign) * k.unitAlign;
 */
export type RnnKernelModule = FusedKernel<RnnWasmExports>;

let active: RnnKernelModule | null = null;

/**
 * The fused LSTM / SimpleRNN kernel this process uses, chosen once at first use by the GRU's rule
 * (GRULAB_KERNEL and the CPU probe, src/kernels/nativeKernel.ts): the best native build this CPU
 * runs (rnn-avx512.node, rnn-avx2.node, rnn-portable.node) or rnn.wasm (everywhere). Both read the
 * same call blocks in the same kind of shared memory, so the JS glue (rnnKernel.ts) is one.
 *
 * @example
 * const k = rnnKernelModule(); console.log(k.flavour); // e.g. "native-avx512"
 */
export function rnnKernelModule(): RnnKernelModule {
  return (active ??= loadFusedKernel<RnnWasmExports>("rnn", "fused LSTM/SimpleRNN", rnnWasm));
}
