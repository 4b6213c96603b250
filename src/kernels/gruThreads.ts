import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { GRU_CONTROL as C } from "./gruControl";
import { gruKernel } from "./gruKernel";

/** The kernel phases that can run split over two threads (src/kernels/wasm/gru.ts, src/kernels/native/gru.c). */
export type GruPhase = "forwardInput" | "forwardSteps" | "backwardSteps" | "backwardWeights";
const PHASES: GruPhase[] = ["forwardInput", "forwardSteps", "backwardSteps", "backwardWeights"];

interface Pool { worker: Worker; ctrl: Int32Array; seq: number }
let pool: Pool | null | undefined;

// GRULAB_THREADS=1 keeps everything on the calling thread; =2 splits every job with batch ≥ 2
// (tests use it on small shapes); unset: 2 threads on machines with ≥ 2 cores, for big enough jobs.
let cores: number | undefined;
function configuredThreads(): number {
  const env = process.env.GRULAB_THREADS;
  if (env === undefined || env === "") return Math.min(2, (cores ??= os.availableParallelism?.() ?? os.cpus().length));
  if (env === "1" || env === "2") return Number(env);
  throw new Error(`GRULAB_THREADS: "${env}", expected 1 or 2`);
}

// Starts the worker once; null (and one thread from then on) if it cannot start.
function startWorker(): Pool | null {
  if (pool !== undefined) return pool;
  pool = null;
  const script = path.join(__dirname, "gruWorker.js");
  if (!fs.existsSync(script)) return pool;
  const kernel = gruKernel();
  const control = new SharedArrayBuffer(C.size * 4);
  const ctrl = new Int32Array(control);
  const worker = new Worker(script, { workerData: { ...kernel.worker, memory: kernel.memory, control, names: PHASES } });
  worker.unref(); // never keeps the process alive
  worker.on("error", () => { /* reported through the control block: the caller times out or sees `failed` */ });
  Atomics.wait(ctrl, C.ready, 0, 5000);
  if (Atomics.load(ctrl, C.ready) !== 1) {
    void worker.terminate();
    return pool;
  }
  pool = { worker, ctrl, seq: 0 };
  return pool;
}

/**
 * How many threads a fused call uses: 2 (the caller and one worker_thread sharing the kernel's
 * memory, splitting the batch) when allowed, the batch has ≥ 2 elements and the job has at least
 * ~20 MFLOP (below that the hand-off costs more than it saves), else 1.
 *
 * @example
 * const parts = gruThreadCount(2 * B * T * 3 * H * (D + H), B);
 */
export function gruThreadCount(flops: number, batch: number): number {
  if (batch < 2 || configuredThreads() < 2) return 1;
  if (process.env.GRULAB_THREADS !== "2" && flops < 20e6) return 1;
  return startWorker() ? 2 : 1;
}

/**
 * Runs one kernel phase as one part per GruCall struct in `calls` (1 or 2): part 1 on the worker,
 * part 0 here, and returns when both are done.
 *
 * @example
 * runGruPhase("forwardSteps", writeGruCalls(kernel, shape, at, parts));
 */
export function runGruPhase(phase: GruPhase, calls: number[]): void {
  const run = gruKernel().exports[phase];
  if (calls.length === 1 || !pool) {
    for (const call of calls) run(call);
    return;
  }
  const { ctrl } = pool;
  ctrl[C.command] = PHASES.indexOf(phase);
  ctrl[C.argc] = 1;
  ctrl[C.args] = calls[1];
  const seq = ++pool.seq;
  Atomics.store(ctrl, C.request, seq);
  Atomics.notify(ctrl, C.request);
  run(calls[0]);
  const started = Date.now();
  for (let done = Atomics.load(ctrl, C.done); done !== seq; done = Atomics.load(ctrl, C.done)) {
    Atomics.wait(ctrl, C.done, done, 1000);
    if (Date.now() - started > 120_000) throw new Error(`fused GRU: the worker thread did not finish ${phase} in 120 s`);
  }
  if (ctrl[C.failed]) throw new Error(`fused GRU: the worker thread failed in ${phase}`);
}
