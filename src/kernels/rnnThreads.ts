import { kernelThreads, type KernelPhase } from "./kernelThreads";
import { rnnKernelModule } from "./rnnKernelModule";

/** The phases of the LSTM/SimpleRNN kernel (rnn.wasm or rnn.node) that can run split over two threads; each takes one call block. */
export type RnnPhase = KernelPhase;

// The same split and worker script as the GRU's, here on the kernel rnnKernelModule() chose (the
// worker loads the same one) and its own memory.
const threads = kernelThreads("fused LSTM/SimpleRNN", rnnKernelModule);

/**
 * Threads for a fused LSTM / SimpleRNN call, by the GRU's rule: GRULAB_THREADS=1 one, =2 two
 * whenever batch ≥ 2, unset two on machines with ≥ 2 cores for jobs of at least ~20 MFLOP.
 *
 * @example
 * const parts = rnnThreadCount(2 * B * T * 4 * H * (D + H), B);
 */
export function rnnThreadCount(flops: number, batch: number): number {
  return threads.threadCount(flops, batch);
}

/**
 * Runs one phase as `parts` parts, part p reading the call block at `blocks[p]`: part 1 on the
 * worker, part 0 here; returns when both are done.
 *
 * @example
 * runRnnPhase("forwardSteps", [block0, block1]);
 */
export function runRnnPhase(phase: RnnPhase, blocks: number[]): void {
  threads.runPhase(phase, blocks);
}

/**
 * How many phase parts the LSTM/SimpleRNN kernel's worker thread has run in this process (the
 * caller runs a part itself when the worker starts late).
 *
 * @example
 * const before = rnnWorkerParts(); rnnKernelForward(shape, inputs, false); const ranThere = rnnWorkerParts() > before;
 */
export function rnnWorkerParts(): number {
  return threads.workerParts();
}
