import { gruKernel } from "./gruKernel";
import { rnnKernelModule } from "./rnnKernelModule";

/**
 * Which build the fused kernels run in this process: "native-avx512", "native-avx2",
 * "native-portable", "wasm-relaxed-simd" or "wasm-simd" (chosen once per process by GRULAB_KERNEL
 * and the CPU, docs/kernel.md); "GRU …, LSTM/SimpleRNN …" in the rare case the two kernels differ
 * (one native build failed to compile). Loads the kernels if they were not used yet. Runs record
 * it as `kernel` in config.json and metrics.json.
 *
 * @example
 * fusedKernelInUse(); // "native-avx2" on a Haswell
 */
export function fusedKernelInUse(): string {
  const gru = gruKernel().flavour;
  const rnn = rnnKernelModule().flavour;
  return gru === rnn ? gru : `GRU ${gru}, LSTM/SimpleRNN ${rnn}`;
}
