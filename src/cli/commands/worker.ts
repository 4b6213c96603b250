import { commonOptions } from "../commonOptions";
import type { CommandSpec } from "../commandSpec";
import { redisOption } from "../redisOption";
import { serveQueueWorker } from "../../sweeps/queue/serveQueueWorker";

/**
 * `grulab worker --redis URL`: a machine joins the sweeps' queue and runs trials until SIGINT or
 * SIGTERM (see serveQueueWorker).
 *
 * @example
 * await command.run(parseCommandArgs(command, ["--redis", "redis://:pw@10.0.0.5:6390", "--concurrency", "2"]));
 */
export const command: CommandSpec = {
  name: "worker",
  summary: "run sweep trials from a Redis queue (BullMQ) on this machine until Ctrl-C: the second of the two commands to add a machine",
  description: "Takes trials that `grulab sweep submit` queued, runs each with runTrial in its own process (--concurrency at once) and reports its epochs to the queue. " +
    "Trial folders are written under the sweep's folder, which every machine must reach at the same path (a shared filesystem; docs/sweeps.md). " +
    "A worker killed with SIGKILL loses its trials to other workers after about --lock-ms; they resume from the last checkpoint. " +
    "Ctrl-C (SIGINT) or SIGTERM: no new trials; running ones stop after their batch, keep their last epoch and go back to the queue.",
  options: [
    redisOption.spec,
    { name: "concurrency", type: "integer", min: 1, valueName: "N", doc: "trials at once, each in its own process", defaultDoc: "the number of cores" },
    { name: "lock-ms", type: "integer", min: 1000, default: 30_000, doc: "a trial's lock in the queue: a dead worker's trial goes to another worker after about twice this" },
    commonOptions.backend(),
  ],
  run: async ({ options }) => {
    const redis = redisOption.value(options, true) as string;
    const signal = await serveQueueWorker({ redis, concurrency: options.concurrency as number | undefined, lockMs: options.lockMs as number, backend: options.backend as string | undefined });
    return signal === "SIGINT" ? 130 : 143; // stopped by a signal, as every grulab command
  },
};
