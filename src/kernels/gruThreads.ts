import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { GRU_CONTROL as C } from "./gruControl";
import { gruWasm } from "./gruWasm";

/** The kernel phases that can run split over two threads (src/kernels/wasm/gru.ts). */
export type GruPhase = "forwardInput" | "forwardSteps" | "backwardSteps" | "backwardWeights";
const PHASES: GruPhase[] = ["forwardInput", "forwardSteps", "backwardSteps", "backwardWeights"];

interface Pool { worker: Worker; ctrl: Int32Array; seq: number }
let pool: Pool | null | undefined;

// GRULAB_THREADS=1 keeps everything on the calling thread; =2 splits every job with batch ≥ 2
// (tests use it on small shapes); unset: 2 threads on machines with ≥ 2 cores, for big enough jobs.
function configuredThreads(): number {
  const env = process.env.GRULAB_THREADS;
  if (env === undefined || env === "") return Math.min(2, os.availableParallelism?.() ?? os.cpus().length);
  if (env === "1" || env === "2") return Number(env);
  throw new Error(`GRULAB_THREADS: "${env}", expected 1 or 2`);
}

// Starts the worker once; null (and one thread from then on) if it cannot start.
function startWorker(): Pool | null {
  if (pool !== undefined) return pool;
  pool = null;
  const script = path.join(__dirname, "gruWorker.js");
  if (!fs.existsSync(script)) return pool;
  const wasm = gruWasm();
  const control = new SharedArrayBuffer(C.size * 4);
  const ctrl = new Int32Array(control);
  const worker = new Worker(script, { workerData: { wasmModule: wasm.module, memory: wasm.memory, control, names: PHASES } });
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
 * Runs one kernel phase as `parts` parts: part 1 on the worker, part 0 here, and returns when
 * both are done. `args(part)` gives each part's arguments (its range and its scratch buffers).
 *
 * @example
 * runGruPhase("forwardSteps", parts, (p) => [...common, lo(p), hi(p), tmp(p)]);
 */
export function runGruPhase(phase: GruPhase, parts: number, args: (part: number) => number[]): void {
  const run = gruWasm().exports[phase] as unknown as (...a: number[]) => void;
  if (parts === 1 || !pool) {
    run(...args(0));
    return;
  }
  const { ctrl } = pool;
  const mine = args(0);
  const theirs = args(1);
  ctrl[C.command] = PHASES.indexOf(phase);
  ctrl[C.argc] = theirs.length;
  ctrl.set(theirs, C.args);
  const seq = ++pool.seq;
  Atomics.store(ctrl, C.request, seq);
  Atomics.notify(ctrl, C.request);
  run(...mine);
  const started = Date.now();
  for (let done = Atomics.load(ctrl, C.done); done !== seq; done = Atomics.load(ctrl, C.done)) {
    Atomics.wait(ctrl, C.done, done, 1000);
    if (Date.now() - started > 120_000) throw new Error(`fused GRU: the worker thread did not finish ${phase} in 120 s`);
  }
  if (ctrl[C.failed]) throw new Error(`fused GRU: the worker thread failed in ${phase}`);
}

