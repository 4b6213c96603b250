import * as path from "path";
import { Queue } from "bullmq";
import type { TrialResult, TrialSpec } from "../trialSpec";
import { checkRedis } from "./checkRedis";
import { redisTarget } from "./redisTarget";
import type { TrialProgress } from "./serveQueueWorker";
import { trialQueue } from "./trialQueue";
import { workerSlots } from "./workerSlots";

/**
 * The trial queue at one moment: job counts, the connected workers, and the running trials
 * with their epochs (what `grulab sweep status --redis` prints).
 *
 * @example
 * const s = await readQueueStatus(url, { sweepDir: "/shared/sweeps/cells" });
 * console.log(formatQueueStatus(s).join("\n"));
 */
export interface QueueStatus {
  /** The URL without its password. */
  redis: string;
  counts: { waiting: number; active: number; completed: number; failed: number };
  workers: string[];
  slots: number;
  /** Running trials (of `sweepDir` when given), oldest first. */
  running: Array<{ trialId: string; sweepDir: string; epoch: number; epochs: number; worker: string; seconds: number; note?: string }>;
  /** Trials whose job failed in the queue (of `sweepDir` when given), newest first, at most 5. */
  failed: Array<{ trialId: string; sweepDir: string; reason: string }>;
}

/**
 * Reads the trial queue's state from Redis (checked first: an unreachable Redis or a refused
 * password is an Error naming the URL without the password). `sweepDir` keeps only that sweep's
 * running and failed trials (the counts are the whole queue's).
 *
 * @example
 * const status = await readQueueStatus("redis://:pw@127.0.0.1:6390");
 */
export async function readQueueStatus(url: string, options: { sweepDir?: string } = {}): Promise<QueueStatus> {
  const target = redisTarget(url);
  await checkRedis(target);
  const queue = new Queue<TrialSpec, TrialResult>(trialQueue.name, { connection: { ...trialQueue.connection(target), maxRetriesPerRequest: 1 }, prefix: trialQueue.prefix });
  try {
    const c = await queue.getJobCounts("waiting", "prioritized", "delayed", "active", "completed", "failed");
    const slots = await workerSlots(queue);
    const mine = (spec: TrialSpec | undefined) => options.sweepDir === undefined || (spec !== undefined && path.resolve(spec.sweepDir) === path.resolve(options.sweepDir));
    const now = Date.now();
    const running = (await queue.getJobs(["active"], 0, 999, true)).filter((j) => mine(j.data)).map((j) => {
      const p = (typeof j.progress === "object" ? j.progress : {}) as Partial<TrialProgress>;
      return { trialId: j.data.trialId, sweepDir: j.data.sweepDir, epoch: p.epoch ?? 0, epochs: j.data.epochs, worker: p.worker ?? j.processedBy ?? "?", seconds: (now - (j.processedOn ?? now)) / 1000, ...(p.note ? { note: p.note } : {}) };
    });
    const failed = (await queue.getJobs(["failed"], 0, 99, false)).filter((j) => mine(j.data)).slice(0, 5)
      .map((j) => ({ trialId: j.data.trialId, sweepDir: j.data.sweepDir, reason: j.failedReason }));
    return {
      redis: target.shown,
      counts: { waiting: c.waiting + c.prioritized + c.delayed, active: c.active, completed: c.completed, failed: c.failed },
      workers: slots.names, slots: slots.total, running, failed,
    };
  } finally {
    await queue.close();
  }
}

/**
 * The queue status as at most ~25 plain lines (no colours: it works under `watch`).
 *
 * @example
 * console.log(formatQueueStatus(await readQueueStatus(url)).join("\n"));
 */
export function formatQueueStatus(s: QueueStatus): string[] {
  const hosts = [...new Set(s.workers.map((w) => w.split("/")[0]))];
  const lines = [
    `queue ${s.redis}: ${s.counts.waiting} waiting, ${s.counts.active} running, ${s.counts.completed} done, ${s.counts.failed} failed`,
    `workers: ${s.workers.length} (${s.slots} slots) on ${hosts.length} machine${hosts.length === 1 ? "" : "s"}${hosts.length ? `: ${hosts.slice(0, 6).join(", ")}${hosts.length > 6 ? ", …" : ""}` : ""}`,
  ];
  const shown = s.running.slice(0, 16);
  for (const r of shown) {
    const width = 20;
    const filled = r.epochs > 0 ? Math.min(width, Math.round((width * r.epoch) / r.epochs)) : 0;
    lines.push(`  ${r.trialId} [${"#".repeat(filled)}${".".repeat(width - filled)}] epoch ${r.epoch}/${r.epochs}  ${r.seconds.toFixed(0)} s  ${r.worker}${r.note ? `  (${r.note.slice(0, 60)})` : ""}`);
  }
  if (s.running.length > shown.length) lines.push(`  … and ${s.running.length - shown.length} more running`);
  for (const f of s.failed) lines.push(`  failed ${f.trialId}: ${f.reason.slice(0, 100)}`);
  return lines;
}
