// A local worker process of a sweep: forked by localExecutor, it initializes the backend once,
// then runs the trials it is sent (runTrial) one at a time and sends back each result.
import { initBackend } from "../backend";
import { runTrial } from "./runTrial";
import type { TrialResult, TrialSpec } from "./trialSpec";

/** A message from the executor to a worker. */
export type ToWorker = { type: "run"; id: number; spec: TrialSpec } | { type: "exit" };
/** A message from a worker to the executor. */
export type FromWorker = { type: "ready" } | { type: "result"; id: number; result: TrialResult };

/**
 * The body of a forked worker (it runs only in a child process with an IPC channel): backend
 * from GRULAB_SWEEP_BACKEND, name from GRULAB_SWEEP_WORKER. A SIGINT/SIGTERM while idle ends it;
 * during a trial, the trial's fit stops after the batch, marks the run interrupted and the
 * worker sends that result, then ends.
 *
 * @example
 * // src/sweeps/localWorker.ts, when it is the main module of a forked process:
 * void serveLocalWorker();
 */
export async function serveLocalWorker(): Promise<void> {
  if (!process.send) throw new Error("serveLocalWorker: not a forked process (no IPC channel); localExecutor starts workers");
  const send = (m: FromWorker) => process.send!(m);
  const name = process.env.GRULAB_SWEEP_WORKER ?? `local-${process.pid}`;
  let busy = false;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    if (!busy) process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.on("disconnect", () => process.exit(0)); // the sweep's process is gone
  await initBackend(process.env.GRULAB_SWEEP_BACKEND || undefined);
  process.on("message", (m: ToWorker) => {
    if (m.type === "exit") process.exit(0);
    busy = true;
    runTrial(m.spec, { worker: name })
      .catch((err: Error): TrialResult => ({ trialId: m.spec.trialId, status: "failed", best: null, bestEpoch: null, epochs: 0, seconds: 0, worker: name, runDir: "", error: err.message }))
      .then((result) => {
        busy = false;
        send({ type: "result", id: m.id, result });
        if (stopping) setImmediate(() => process.exit(130));
      });
  });
  send({ type: "ready" });
}

if (require.main === module) {
  serveLocalWorker().catch((err: Error) => {
    console.error(`grulab sweep worker: ${err.message}`);
    process.exit(1);
  });
}
