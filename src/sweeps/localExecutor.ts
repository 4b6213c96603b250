import { fork, type ChildProcess } from "child_process";
import * as os from "os";
import * as path from "path";
import type { FromWorker, ToWorker } from "./localWorker";
import type { TrialExecutor } from "./trialExecutor";
import type { TrialResult, TrialSpec } from "./trialSpec";

/**
 * Options of {@link localExecutor}.
 *
 * @example
 * localExecutor({ workers: 2, backend: "wasm" });
 */
export interface LocalExecutorOptions {
  /** Worker processes; default the number of cores (`os.cpus().length`). */
  workers?: number;
  /** Backend of every worker; default initBackend's choice (GRULAB_BACKEND, else the fastest available). */
  backend?: string;
  /** Where the workers' output lines go, prefixed with the worker's name; default console.log / console.error. */
  log?: (line: string, stream: "stdout" | "stderr") => void;
}

interface Job {
  id: number;
  spec: TrialSpec;
  resolve(result: TrialResult): void;
}

interface Worker {
  name: string;
  child: ChildProcess;
  ready: boolean;
  job: Job | null;
}

/**
 * Runs trials in N forked worker processes on this machine (default one per core), each calling
 * `runTrial`; a trial waits for a free worker. With more than one worker each runs its kernels
 * on one thread (GRULAB_THREADS=1, unless set), so N workers use N cores. A worker that dies
 * during a trial (killed, out of memory) gives that trial status "failed" with the reason and is
 * replaced; the trial's folder keeps its last completed epoch, and running the sweep again
 * resumes it. `close()` interrupts running trials (SIGINT: each stops after its batch and keeps
 * its folder consistent) and waits for the workers to end.
 *
 * @example
 * const executor = localExecutor({ workers: 2 });
 * const results = await Promise.all(specs.map((s) => executor.run(s)));
 * await executor.close();
 */
export function localExecutor(options: LocalExecutorOptions = {}): TrialExecutor {
  const count = options.workers ?? os.cpus().length;
  if (!Number.isInteger(count) || count < 1) throw new Error(`sweep: option workers must be an integer ≥ 1, got ${JSON.stringify(options.workers)}`);
  const log = options.log ?? ((line, stream) => (stream === "stderr" ? console.error(line) : console.log(line)));
  const workers: Worker[] = [];
  const waiting: Job[] = [];
  let nextId = 0;
  let closing = false;

  const spawn = (k: number): Worker => {
    const name = `local-${k + 1}`;
    const env: NodeJS.ProcessEnv = { ...process.env, GRULAB_SWEEP_WORKER: name, GRULAB_SWEEP_BACKEND: options.backend ?? "" };
    if (count > 1 && env.GRULAB_THREADS === undefined) env.GRULAB_THREADS = "1";
    const child = fork(path.join(__dirname, "localWorker.js"), [], { env, silent: true });
    const w: Worker = { name, child, ready: false, job: null };
    for (const stream of ["stdout", "stderr"] as const) {
      let rest = "";
      child[stream]!.on("data", (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split("\n");
        rest = lines.pop()!;
        for (const line of lines) if (line.trim() !== "") log(`[${name}] ${line}`, stream);
      });
    }
    child.on("message", (m: FromWorker) => {
      if (m.type === "ready") w.ready = true;
      else if (w.job !== null && m.id === w.job.id) {
        const job = w.job;
        w.job = null;
        job.resolve(m.result);
      }
      dispatch();
    });
    child.on("exit", (code, signal) => {
      const job = w.job;
      w.job = null;
      workers[k] = undefined as unknown as Worker;
      if (job) {
        job.resolve({
          trialId: job.spec.trialId, status: "failed", best: null, bestEpoch: null, epochs: 0, seconds: 0, worker: name, runDir: "",
          error: `worker ${name} (pid ${child.pid}) ended with ${signal ?? `exit code ${code}`} during the trial; its run folder keeps the last completed epoch (run the sweep again to resume it)`,
        });
      }
      if (!closing) {
        workers[k] = spawn(k);
        dispatch();
      }
    });
    return w;
  };

  const dispatch = () => {
    for (let k = 0; k < count && waiting.length > 0; k++) {
      if (workers[k] === undefined && !closing) workers[k] = spawn(k);
      const w = workers[k];
      if (!w || !w.ready || w.job !== null) continue;
      const job = waiting.shift()!;
      w.job = job;
      w.child.send({ type: "run", id: job.id, spec: job.spec } satisfies ToWorker);
    }
  };

  return {
    concurrency: count,
    run(spec: TrialSpec): Promise<TrialResult> {
      if (closing) return Promise.reject(new Error("localExecutor: closed"));
      return new Promise((resolve) => {
        waiting.push({ id: nextId++, spec, resolve });
        dispatch();
      });
    },
    async close(): Promise<void> {
      closing = true;
      for (const job of waiting.splice(0)) {
        job.resolve({ trialId: job.spec.trialId, status: "interrupted", best: null, bestEpoch: null, epochs: 0, seconds: 0, worker: "", runDir: "", error: "the sweep stopped before this trial started" });
      }
      await Promise.all(workers.filter((w) => w !== undefined).map((w) => new Promise<void>((resolve) => {
        if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
        const timer = setTimeout(() => w.child.kill("SIGKILL"), 120_000);
        w.child.once("exit", () => { clearTimeout(timer); resolve(); });
        if (w.job !== null) w.child.kill("SIGINT"); // fit stops after its batch and keeps the folder; the worker sends the result and ends
        else w.child.send({ type: "exit" } satisfies ToWorker);
      })));
    },
  };
}
