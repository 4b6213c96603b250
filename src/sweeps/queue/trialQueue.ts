import { createHash } from "crypto";
import * as path from "path";
import type { JobsOptions, RedisOptions } from "bullmq";
import type { RedisTarget } from "./redisTarget";

/**
 * The one BullMQ queue every sweep's trials go through: its name and key prefix (keys
 * `grulab:trials:*`), the BullMQ connection for a `--redis` URL, the job options, and a job's
 * deterministic id. `grulab worker` takes from it whatever sweep submitted the job; the job's
 * data is the TrialSpec, its return value the TrialResult.
 *
 * @example
 * const queue = new Queue(trialQueue.name, { prefix: trialQueue.prefix, connection: trialQueue.connection(target) });
 * await queue.add(spec.trialId, spec, { ...trialQueue.jobOptions, jobId: trialQueue.jobId(spec) });
 */
export const trialQueue = {
  name: "trials",
  prefix: "grulab",
  /**
   * `<sweep>-<trialId>-e<epochs>`: the sweep (a hash of its folder's absolute path, the path all
   * machines share), the trial (from its config) and the epochs to reach (an ASHA promotion is a
   * new job of the same trial). Adding a job whose id Redis holds already adds nothing, so a
   * trial submitted twice (a driver restarted, two drivers) is one job.
   */
  jobId(spec: { sweepDir: string; trialId: string; epochs: number }): string {
    const sweep = createHash("sha256").update(path.resolve(spec.sweepDir)).digest("hex").slice(0, 8);
    return `${sweep}-${spec.trialId}-e${spec.epochs}`;
  },
  /** Jobs stay in Redis when done (a re-submitted trial finds its result there; `grulab sweep status` counts them); attempts: 1, a failing trial is a result, not a retry. */
  jobOptions: { attempts: 1, removeOnComplete: false, removeOnFail: false } satisfies JobsOptions,
  /** BullMQ's connection: retried forever (a restarted Redis is waited for; what it held comes back from its AOF). */
  connection(target: RedisTarget): RedisOptions {
    return {
      host: target.host, port: target.port, username: target.username, password: target.password, db: target.db,
      maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(100 * times, 2_000),
    };
  },
};
