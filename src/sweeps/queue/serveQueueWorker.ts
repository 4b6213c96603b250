import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { WaitingError, Worker, type Job } from "bullmq";
import { RUN_FILES } from "../../runs/runFormat";
import { watchSignals } from "../../runs/watchSignals";
import { localExecutor } from "../localExecutor";
import { trialDir } from "../runTrial";
import type { TrialResult, TrialSpec } from "../trialSpec";
import { checkRedis } from "./checkRedis";
import { redisTarget } from "./redisTarget";
import { trialQueue } from "./trialQueue";
import { workerName } from "./workerSlots";

/**
 * Options of {@link serveQueueWorker}.
 *
 * @example
 * await serveQueueWorker({ redis: "redis://:pw@10.0.0.5:6390", concurrency: 2 });
 */
export interface QueueWorkerOptions {
  /** The queue's Redis: `redis://:PASSWORD@HOST:PORT`. */
  redis: string;
  /** Trials at once, each in its own process (default the number of cores). */
  concurrency?: number;
  /** BullMQ's lock of a running trial (ms, default 30000): a worker that dies (SIGKILL, power) loses its trial to another worker after about this long plus the stalled check's interval (the same). */
  lockMs?: number;
  /** Backend of the trials (default initBackend's choice). */
  backend?: string;
  /** How often a running trial's folder is looked at for new epochs, reported to the queue only when they change (ms, default 250: a look is one small file read; a write happens once per epoch). */
  progressMs?: number;
  /** Where its lines go (default console.log). */
  log?: (line: string) => void;
}

/** A running trial's progress as the queue shows it (job.progress). */
export interface TrialProgress {
  epoch: number;
  epochs: number;
  worker: string;
  note?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Epochs completed in a trial's folder: the data rows of its history.csv. */
function epochsDone(dir: string): number {
  try {
    return fs.readFileSync(path.join(dir, RUN_FILES.history), "utf8").split("\n").filter((l) => l.trim() !== "").length - 1;
  } catch {
    return 0;
  }
}

/**
 * `grulab worker`: takes trials from the queue and runs each with `runTrial` in its own process
 * (`concurrency` at once), on any machine that reaches Redis and the sweeps' shared folder.
 * Reports each running trial's epochs as the job's progress; returns the TrialResult as the
 * job's value. Killed (SIGKILL), its trials go to another worker when their lock expires (BullMQ's
 * stalled check) and resume from their last checkpoint. A trial whose folder another process is
 * writing (the same job delivered twice) waits for it and then returns the recorded result, so it
 * runs once. SIGINT/SIGTERM: no new trials; running ones stop after their batch, keep their last
 * epoch and go back to the queue for another worker; then it resolves with the signal.
 *
 * @example
 * await serveQueueWorker({ redis: process.env.GRULAB_REDIS_URL!, concurrency: 2 }); // until SIGINT/SIGTERM
 */
export async function serveQueueWorker(options: QueueWorkerOptions): Promise<NodeJS.Signals> {
  const target = redisTarget(options.redis);
  await checkRedis(target);
  const log = options.log ?? ((line: string) => console.log(line));
  const concurrency = options.concurrency ?? os.cpus().length;
  const name = workerName(os.hostname(), process.pid, concurrency);
  const lockMs = options.lockMs ?? 30_000;
  const local = localExecutor({ workers: concurrency, backend: options.backend, log: (line, stream) => (stream === "stderr" ? console.error(line) : log(line)) });
  let stopping = false;

  const processor = async (job: Job<TrialSpec, TrialResult>, token?: string): Promise<TrialResult> => {
    const spec = job.data;
    const dir = trialDir(spec.sweepDir, spec.trialId);
    if (!fs.existsSync(spec.sweepDir)) {
      throw new Error(`the sweep folder ${spec.sweepDir} does not exist on ${os.hostname()}: every worker needs the sweeps' shared folder at the same path (docs/sweeps.md, "Many machines")`);
    }
    let note: string | undefined;
    let reported = "";
    // Written when it changes (an epoch ended, a note): one Redis script per epoch, not per tick.
    const report = async () => {
      const progress: TrialProgress = { epoch: epochsDone(dir), epochs: spec.epochs, worker: name, ...(note ? { note } : {}) };
      if (JSON.stringify(progress) === reported) return;
      reported = JSON.stringify(progress);
      await job.updateProgress(progress).catch(() => undefined);
    };
    const timer = setInterval(() => void report(), options.progressMs ?? 250);
    log(`worker ${name}: trial ${spec.trialId} to ${spec.epochs} epochs (${spec.sweepDir})`);
    try {
      await report();
      for (;;) {
        const result = await local.run(spec);
        if (result.status === "interrupted" && stopping) {
          await job.moveToWait(token);
          log(`worker ${name}: trial ${spec.trialId} interrupted at epoch ${result.epochs}, back in the queue`);
          throw new WaitingError();
        }
        // The same trial in another process (a job delivered twice): wait for it, then read its result.
        if (result.status === "failed" && /has a live writer/.test(result.error ?? "") && !stopping) {
          note = `waiting: ${result.error}`;
          await report();
          await sleep(2000);
          continue;
        }
        log(`worker ${name}: trial ${spec.trialId} ${result.status}, ${result.epochs} epochs`);
        return { ...result, worker: `${name}/${result.worker}` };
      }
    } finally {
      clearInterval(timer);
    }
  };

  const worker = new Worker<TrialSpec, TrialResult>(trialQueue.name, processor, {
    connection: trialQueue.connection(target), prefix: trialQueue.prefix, name, concurrency,
    lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: 3,
  });
  worker.on("error", (err) => log(`worker ${name}: ${err.message} (retrying)`));
  await worker.waitUntilReady();
  log(`worker ${name}: taking trials from ${target.shown} (${concurrency} at once)`);
  return new Promise<NodeJS.Signals>((resolve) => {
    // (watchSignals: a copy of the same Ctrl-C, from the terminal's group or npx passing it on, is
    // ignored; a second press later ends the process at once)
    const unwatch = watchSignals((signal) => {
      stopping = true;
      log(`worker ${name}: ${signal}: no new trials; running trials stop after their batch and go back to the queue…`);
      // Closing the local executor interrupts the running trials (their processors put them back);
      // the BullMQ worker's close waits for those processors.
      void Promise.all([worker.close(), local.close()]).then(() => { unwatch(); resolve(signal); });
    });
  });
}
