import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { GRU_CONTROL as C } from "./gruControl";
import { rnnWasm } from "./rnnWasm";

/** The phases of rnn.wasm that can run split over two threads; each takes one call block. */
export type RnnPhase = "forwardInput" | "forwardSteps" | "backwardSteps" | "backwardWeights";
const PHASES: RnnPhase[] = ["forwardInput", "forwardSteps", "backwardSteps", "backwardWeights"];

interface Pool { ctrl: Int32Array; seq: number }
let pool: Pool | null | undefined;

// The same worker script as the GRU's (src/kernels/gruWorker.ts: it runs any export of the module
// it is given), here on rnn.wasm and its own memory.
function startWorker(): Pool | null {
  if (pool !== undefined) return pool;
  pool = null;
  const script = path.join(__dirname, "gruWorker.js");
  if (!fs.existsSync(script)) return pool;
  const wasm = rnnWasm();
  const control = new SharedArrayBuffer(C.size * 4);
  const ctrl = new Int32Array(control);
  const worker = new Worker(script, { workerData: { wasmModule: wasm.module, memory: wasm.memory, control, names: PHASES } });
  worker.unref(); // never keeps the process alive
  worker.on("error", () => { /* reported through the control block */ });
  Atomics.wait(ctrl, C.ready, 0, 5000);
  if (Atomics.load(ctrl, C.ready) !== 1) {
    void worker.terminate();
    return pool;
  }
  pool = { ctrl, seq: 0 };
  return pool;
}

/**
 * Threads for a fused LSTM / SimpleRNN call, by the GRU's rule: GRULAB_THREADS=1 one, =2 two
 * whenever batch ≥ 2, unset two on machines with ≥ 2 cores for jobs of at least ~20 MFLOP.
 *
 * @example
 * const parts = rnnThreadCount(2 * B * T * 4 * H * (D + H), B);
 */
export function rnnThreadCount(flops: number, batch: number): number {
  const env = process.env.GRULAB_THREADS;
  if (env !== undefined && env !== "" && env !== "1" && env !== "2") throw new Error(`GRULAB_THREADS: "${env}", expected 1 or 2`);
  const allowed = env === "1" || env === "2" ? Number(env) : Math.min(2, os.availableParallelism?.() ?? os.cpus().length);
  if (batch < 2 || allowed < 2) return 1;
  if (env !== "2" && flops < 20e6) return 1;
  return startWorker() ? 2 : 1;
}

/**
 * Runs one phase as `parts` parts, part p reading the call block at `blocks[p]`: part 1 on the
 * worker, part 0 here; returns when both are done.
 *
 * @example
 * runRnnPhase("forwardSteps", [block0, block1]);
 */
export function runRnnPhase(phase: RnnPhase, blocks: number[]): void {
  const run = rnnWasm().exports[phase];
  if (blocks.length === 1 || !pool) {
    run(blocks[0]);
    return;
  }
  const { ctrl } = pool;
  ctrl[C.command] = PHASES.indexOf(phase);
  ctrl[C.argc] = 1;
  ctrl[C.args] = blocks[1];
  const seq = ++pool.seq;
  Atomics.store(ctrl, C.request, seq);
  Atomics.notify(ctrl, C.request);
  run(blocks[0]);
  const started = Date.now();
  for (let done = Atomics.load(ctrl, C.done); done !== seq; done = Atomics.load(ctrl, C.done)) {
    Atomics.wait(ctrl, C.done, done, 1000);
    if (Date.now() - started > 120_000) throw new Error(`fused LSTM/SimpleRNN: the worker thread did not finish ${phase} in 120 s`);
  }
  if (ctrl[C.failed]) throw new Error(`fused LSTM/SimpleRNN: the worker thread failed in ${phase}`);
}
