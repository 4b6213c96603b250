import { GRU_CALL } from "./gruCall";
import { gruKernel } from "./gruKernel";
import { kernelThreads, type KernelPhase } from "./kernelThreads";

/** The kernel phases that can run split over two threads (src/kernels/wasm/gru.ts, src/kernels/native/gru.c). */
export type GruPhase = KernelPhase;

// The native addon or gru.wasm, whichever gruKernel() chose; the worker runs the same one.
const threads = kernelThreads("fused GRU", gruKernel);

/**
 * How many threads a fused call uses: 2 (the caller and one worker_thread sharing the kernel's
 * memory, splitting the batch) when allowed, the batch has ≥ 2 elements and the job has at least
 * ~20 MFLOP (below that the hand-off costs more than it saves), else 1 (src/kernels/kernelThreads.ts).
 *
 * @example
 * const parts = gruThreadCount(2 * B * T * 3 * H * (D + H), B);
 */
export function gruThreadCount(flops: number, batch: number): number {
  return threads.threadCount(flops, batch);
}

/**
 * Runs one kernel phase as one part per GruCall struct in `calls` (1 or 2); with two, the phase is
 * cut into the call blocks' `parts` chunks, each run by whichever thread claims it first
 * (src/kernels/kernelThreads.ts), and returns when all are done.
 *
 * @example
 * runGruPhase("forwardSteps", writeGruCalls(kernel, shape, at, parts));
 */
export function runGruPhase(phase: GruPhase, calls: number[]): void {
  // a two-thread call block says how many chunks the phase is cut into (writeGruCalls)
  const count = calls.length === 2 ? gruKernel().i32()[calls[0] / 4 + GRU_CALL.index.parts] : 1;
  threads.runPhase(phase, calls, { count, partField: GRU_CALL.index.part });
}

/**
 * How many phase parts the worker thread has run in this process (the caller runs a part itself
 * when the worker starts late, so this can stay below the number of split calls).
 *
 * @example
 * const before = gruWorkerParts(); runGruPhase("forwardSteps", calls); const ranThere = gruWorkerParts() > before;
 */
export function gruWorkerParts(): number {
  return threads.workerParts();
}
