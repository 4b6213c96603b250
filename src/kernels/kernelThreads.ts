import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { KERNEL_CONTROL as C } from "./kernelControl";

/** The kernel phases that can run split over two threads (gru.wasm / the native addon, rnn.wasm); each takes one call address. */
export type KernelPhase = "forwardInput" | "forwardSteps" | "backwardSteps" | "backwardWeights";
const PHASES: KernelPhase[] = ["forwardInput", "forwardSteps", "backwardSteps", "backwardWeights"];

/** What the split needs of a kernel: its phases, its shared memory, and what its worker loads. */
export interface SplitKernel {
  /** The phases; a native addon also says which CPU the calling thread is on (the worker keeps off it). */
  exports: Record<KernelPhase, (call: number) => void> & { threadCpu?: () => number };
  memory: WebAssembly.Memory;
  /** The compiled module the worker instantiates on `memory`, or the native addon it loads instead. */
  worker: { wasmModule: WebAssembly.Module | null; nativePath: string | null };
}

/** One kernel's two-thread split (see kernelThreads). */
export interface KernelThreads {
  /** 1 or 2: how many parts a call of `flops` over `batch` elements is split into; 2 also wakes the worker (call it before staging the inputs). */
  threadCount(flops: number, batch: number): number;
  /**
   * Runs `phase` once per call address in `calls` (1 or 2): part 1 on the worker, part 0 here; with
   * `chunks` (count > 2), the phase runs `count` times, chunk i with the `part` field (i32 field
   * index `partField` of each call block) set to i, on whichever thread claims chunk i.
   */
  runPhase(phase: KernelPhase, calls: number[], chunks?: { count: number; partField: number }): void;
  /** How many parts the worker has run so far (the caller runs a part itself when the worker starts late). */
  workerParts(): number;
}

// GRULAB_THREADS=1 keeps everything on the calling thread; =2 splits every job with batch ≥ 2
// (tests use it on small shapes); unset: 2 threads on machines with ≥ 2 cores, for big enough jobs.
let cores: number | undefined;
function configuredThreads(): number {
  const env = process.env.GRULAB_THREADS;
  if (env === undefined || env === "") return Math.min(2, (cores ??= os.availableParallelism?.() ?? os.cpus().length));
  if (env === "1" || env === "2") return Number(env);
  throw new Error(`GRULAB_THREADS: "${env}", expected 1 or 2`);
}

// GRULAB_WORKER_CPU=any lets Linux place the native worker anywhere (as before 2026-12-08, to
// measure what keeping it off the caller's CPU gives: bench/workerPlacement.ts); unset or "other":
// the worker keeps off the CPU the caller ran on when it last woke it. Read once, when the worker
// starts (GRULAB_THREADS is read at every call).
function workerKeepsOffCaller(): boolean {
  const env = process.env.GRULAB_WORKER_CPU;
  if (env === undefined || env === "" || env === "other") return true;
  if (env === "any") return false;
  throw new Error(`GRULAB_WORKER_CPU: "${env}", expected "other" (the default) or "any"`);
}

/**
 * The two-thread split of a fused kernel: the caller and one worker_thread (src/kernels/kernelWorker.ts,
 * started at the first split call, never keeping the process alive) share the kernel's memory and
 * each run their part (a batch range) of a phase; when the worker has not started its part by the
 * time the caller's is done, the caller runs it too (never much slower than one thread). 2 threads
 * when GRULAB_THREADS allows, the batch has ≥ 2 elements and the job has at least ~20 MFLOP (below that the hand-off costs more than it
 * saves; GRULAB_THREADS=2 splits any batch ≥ 2), else 1 — also when the worker cannot start.
 * `label` names the kernel in errors.
 *
 * @example
 * const threads = kernelThreads("fused GRU", gruKernel);
 * if (threads.threadCount(flops, batch) === 2) threads.runPhase("forwardSteps", [call0, call1]);
 */
export function kernelThreads(label: string, kernel: () => SplitKernel): KernelThreads {
  let pool: { ctrl: Int32Array; seq: number } | null | undefined;
  let workerParts = 0;

  // Starts the worker once; null (and one thread from then on) if it cannot start.
  function startWorker(): typeof pool {
    if (pool !== undefined) return pool;
    const keepOffCaller = workerKeepsOffCaller(); // first: a bad GRULAB_WORKER_CPU is an error, not one thread
    pool = null;
    const script = path.join(__dirname, "kernelWorker.js");
    if (!fs.existsSync(script)) return pool;
    const k = kernel();
    const control = new SharedArrayBuffer(C.size * 4);
    const ctrl = new Int32Array(control);
    ctrl[C.mainCpu] = -1;
    const worker = new Worker(script, { workerData: { ...k.worker, memory: k.memory, control, names: PHASES, label, keepOffCaller } });
    worker.unref(); // never keeps the process alive
    worker.on("error", () => { /* reported through the control block: the caller times out or sees `failed` */ });
    Atomics.wait(ctrl, C.ready, 0, 5000);
    if (Atomics.load(ctrl, C.ready) !== 1) {
      void worker.terminate();
      return pool;
    }
    pool = { ctrl, seq: 0 };
    return pool;
  }

  return {
    threadCount(flops: number, batch: number): number {
      const allowed = configuredThreads(); // first: a bad GRULAB_THREADS is an error whatever the batch
      if (batch < 2 || allowed < 2) return 1;
      if (process.env.GRULAB_THREADS !== "2" && flops < 20e6) return 1;
      const p = startWorker();
      if (!p) return 1;
      // where this thread runs now: the worker keeps off that CPU (after an idle gap Linux woke it
      // onto this one, and the two halves shared a CPU for several steps)
      Atomics.store(p.ctrl, C.mainCpu, kernel().exports.threadCpu?.() ?? -1);
      Atomics.notify(p.ctrl, C.request); // wake it now, while this thread stages the inputs
      return 2;
    },
    runPhase(phase: KernelPhase, calls: number[], chunks?: { count: number; partField: number }): void {
      const run = kernel().exports[phase];
      if (calls.length === 2 && chunks && chunks.count > 2) {
        runChunked(run, phase, calls, chunks.count, chunks.partField);
        return;
      }
      if (calls.length === 1 || !pool) {
        for (const call of calls) run(call);
        return;
      }
      const { ctrl } = pool;
      ctrl[C.command] = PHASES.indexOf(phase);
      ctrl[C.argc] = 1;
      ctrl[C.args] = calls[1];
      ctrl[C.chunks] = 0;
      const seq = ++pool.seq;
      Atomics.store(ctrl, C.request, seq);
      Atomics.notify(ctrl, C.request);
      run(calls[0]);
      // The worker has not claimed its part yet (it woke late): run that part here too.
      if (Atomics.compareExchange(ctrl, C.claim, seq - 1, seq) === seq - 1) {
        run(calls[1]);
        return;
      }
      // The worker is running its part: poll for its end rather than sleep (a thread woken from a
      // futex sleep starts late on these VMs), then sleep if it takes long.
      workerParts++;
      const started = Date.now();
      for (let i = 1; Atomics.load(ctrl, C.done) !== seq && (i & 1023 || Date.now() - started < 20); i++);
      for (let done = Atomics.load(ctrl, C.done); done !== seq; done = Atomics.load(ctrl, C.done)) {
        Atomics.wait(ctrl, C.done, done, 1000);
        if (Date.now() - started > 120_000) throw new Error(`${label}: the worker thread did not finish ${phase} in 120 s`);
      }
      if (ctrl[C.failed]) throw new Error(`${label}: the worker thread failed in ${phase}`);
    },
    workerParts: () => workerParts + (pool ? Atomics.load(pool.ctrl, C.workerChunks) : 0),
  };

  // `count` chunks claimed one at a time by whichever thread is free: the worker joins when it
  // wakes, and the caller never waits for more than the one chunk the worker is running (a whole
  // half, when the worker woke late or was preempted, cost as much as one thread did).
  function runChunked(run: (call: number) => void, phase: KernelPhase, calls: number[], count: number, partField: number): void {
    const partAt = (call: number) => call / 4 + partField;
    const mem = () => new Int32Array(kernel().memory.buffer);
    if (!pool) {
      for (let i = 0; i < count; i++) {
        mem()[partAt(calls[0])] = i;
        run(calls[0]);
      }
      return;
    }
    const { ctrl } = pool;
    const seq = ++pool.seq;
    const tag = (seq & 0x7fffff) << 8;
    ctrl[C.command] = PHASES.indexOf(phase);
    ctrl[C.argc] = 1;
    ctrl[C.args] = calls[1];
    ctrl[C.chunks] = count;
    ctrl[C.partAt] = partAt(calls[1]);
    ctrl[C.failed] = 0;
    Atomics.store(ctrl, C.finishedChunks, 0);
    Atomics.store(ctrl, C.nextChunk, tag);
    Atomics.store(ctrl, C.request, seq);
    Atomics.notify(ctrl, C.request);
    let mine = 0;
    for (;;) {
      const next = Atomics.load(ctrl, C.nextChunk);
      if ((next & 0xff) >= count) break;
      if (Atomics.compareExchange(ctrl, C.nextChunk, next, next + 1) !== next) continue;
      mem()[partAt(calls[0])] = next & 0xff;
      run(calls[0]);
      mine++;
    }
    Atomics.store(ctrl, C.claim, seq); // the two-part protocol's slots stay in step with `request`
    Atomics.add(ctrl, C.finishedChunks, mine);
    // the worker's last chunk: poll for its end (a sleeping thread wakes late here), then sleep
    const started = Date.now();
    for (let i = 1; Atomics.load(ctrl, C.finishedChunks) !== count && (i & 1023 || Date.now() - started < 20); i++);
    for (let done = Atomics.load(ctrl, C.finishedChunks); done !== count; done = Atomics.load(ctrl, C.finishedChunks)) {
      Atomics.wait(ctrl, C.finishedChunks, done, 1000);
      if (Date.now() - started > 120_000) throw new Error(`${label}: the worker thread did not finish ${phase} in 120 s`);
    }
    Atomics.store(ctrl, C.done, seq);
    if (ctrl[C.failed]) throw new Error(`${label}: the worker thread failed in ${phase}`);
  }
}
