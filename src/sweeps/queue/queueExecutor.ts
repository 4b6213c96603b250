import { trialDir } from "../runTrial";
import type { TrialExecutor } from "../trialExecutor";
import type { TrialResult, TrialSpec } from "../trialSpec";
import { redisTarget } from "./redisTarget";
import { trialQueue } from "./trialQueue";
import { workerSlots } from "./workerSlots";

/**
 * Options of {@link queueExecutor}.
 *
 * @example
 * const executor = await queueExecutor({ redis: "redis://:pw@10.0.0.5:6390", inFlight: 32 });
 */
export interface QueueExecutorOptions {
  /** The queue's Redis: `redis://:PASSWORD@HOST:PORT` (`START_REDIS`, i.e. bash scripts/redis.sh of the package, prints it). */
  redis: string;
  /** Trials kept in the queue at once (the sweep's concurrency); default the slots of the workers connected now, or 8 when none is. */
  inFlight?: number;
  /** How often the state of the submitted jobs is read back besides BullMQ's events (ms, default 10000): a result is never missed, also across a Redis restart. */
  pollMs?: number;
  /** Where its notes go (default console.log). */
  log?: (line: string) => void;
}

interface Pending {
  spec: TrialSpec;
  resolve(result: TrialResult): void;
}

/** What a job that failed in the queue (not in the trial: runTrial reports those as results) becomes in the results table. */
function failedResult(spec: TrialSpec, reason: string, worker: string | undefined): TrialResult {
  return { trialId: spec.trialId, status: "failed", best: null, bestEpoch: null, epochs: 0, seconds: 0, worker: worker ?? "", runDir: trialDir(spec.sweepDir, spec.trialId), error: `queue: ${reason}` };
}

/**
 * The sweep's trials through BullMQ on Redis, to `grulab worker`s on any machine that reaches it:
 * a TrialExecutor for `runSweep`/`startSweep` (`grulab sweep submit` uses it). `run(spec)` adds
 * the trial as a job with a deterministic id (trialQueue.jobId: a trial submitted twice is one
 * job; a job that failed in the queue is retried) and resolves with the TrialResult the worker
 * returned. The driver keeps `concurrency` jobs queued; the scheduler's decisions (ASHA
 * promotions: a new job of the same trial with more epochs) come from whoever drives the sweep.
 * Redis is checked before anything is submitted (an Error naming the URL without its password);
 * afterwards a lost connection is waited for (BullMQ reconnects) and nothing is lost. `close()`
 * stops waiting: queued and running trials stay with the workers, and driving the sweep again
 * collects their results.
 *
 * BullMQ and ioredis are loaded on the first call, so importing grulab/sweeps does not load them.
 *
 * @example
 * // In a notebook: the trials go to the `grulab worker --redis URL` processes of every machine.
 * const redis = "redis://:PASSWORD@10.0.0.5:6390";   // what scripts/redis.sh printed
 * const sweep = await startSweep("cells", {
 *   trial: { job: "gru-vs-lstm" }, space: { cell: ["gru", "lstm"], seed: [1, 2, 3] },
 *   metric: "val_loss", budget: { epochs: 10 }, executor: queueExecutor({ redis }) });
 * show(sweep);
 */
export async function queueExecutor(options: QueueExecutorOptions): Promise<TrialExecutor> {
  const target = redisTarget(options.redis);
  // BullMQ and ioredis load here, on first use: importing grulab/sweeps does not pay for them.
  const [{ Job, Queue, QueueEvents }, { checkRedis }] = await Promise.all([import("bullmq"), import("./checkRedis")]);
  await checkRedis(target);
  const log = options.log ?? ((line: string) => console.log(line));
  const connection = trialQueue.connection(target);
  const queue = new Queue(trialQueue.name, { connection, prefix: trialQueue.prefix });
  const events = new QueueEvents(trialQueue.name, { connection, prefix: trialQueue.prefix });
  queue.on("error", () => undefined); // connection errors: BullMQ reconnects; the poll below carries on
  events.on("error", () => undefined);
  const pending = new Map<string, Pending>();
  let closed = false;
  const retried = new Set<string>();

  const settle = (jobId: string, result: TrialResult) => {
    const p = pending.get(jobId);
    if (p === undefined) return;
    pending.delete(jobId);
    p.resolve(result);
  };
  /** Reads a job back; settles it when it is done. */
  const check = async (jobId: string) => {
    const p = pending.get(jobId);
    if (p === undefined) return;
    const job = await Job.fromId<TrialSpec, TrialResult>(queue, jobId);
    if (job === undefined) return; // not (yet) there: run() adds it
    if (job.finishedOn && job.returnvalue) settle(jobId, job.returnvalue);
    else if (job.finishedOn && job.failedReason) settle(jobId, failedResult(p.spec, job.failedReason, job.processedBy));
  };
  events.on("completed", ({ jobId }) => { void check(jobId).catch(() => undefined); });
  events.on("failed", ({ jobId }) => { void check(jobId).catch(() => undefined); });
  const poll = setInterval(() => {
    for (const jobId of pending.keys()) void check(jobId).catch(() => undefined);
  }, options.pollMs ?? 10_000);

  let inFlight = options.inFlight;
  if (inFlight === undefined) {
    const slots = await workerSlots(queue);
    inFlight = slots.total > 0 ? slots.total : 8;
    log(`queue ${target.shown}: ${slots.workers} worker${slots.workers === 1 ? "" : "s"} connected (${slots.total} slots): keeping ${inFlight} trials queued at once`);
  }

  return {
    concurrency: inFlight,
    run(spec: TrialSpec): Promise<TrialResult> {
      if (closed) return Promise.reject(new Error("queueExecutor: closed"));
      const jobId = trialQueue.jobId(spec);
      const done = new Promise<TrialResult>((resolve) => pending.set(jobId, { spec, resolve }));
      void (async () => {
        const job = await queue.add(spec.trialId, spec, { ...trialQueue.jobOptions, jobId });
        // The id was there already (submitted before): a job that failed in the queue, or whose
        // trial failed or was interrupted, runs again (as a local sweep run again would).
        const state = await job.getState();
        if (state === "failed") await job.retry("failed");
        else if (state === "completed" && pending.has(jobId) && job.returnvalue && ["failed", "interrupted"].includes(job.returnvalue.status) && !retried.has(jobId)) {
          retried.add(jobId);
          await job.retry("completed");
        }
        await check(jobId);
      })().catch((err: Error) => settle(jobId, failedResult(spec, `could not add the job: ${err.message}`, undefined)));
      return done;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      clearInterval(poll);
      for (const [jobId, p] of pending) {
        settle(jobId, { ...failedResult(p.spec, "", undefined), status: "interrupted", runDir: "", error: "the sweep's driver stopped waiting; the trial stays queued (drive the sweep again to collect it)" });
      }
      await Promise.all([events.close(), queue.close()]);
    },
  };
}
