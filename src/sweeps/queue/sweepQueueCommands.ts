import * as path from "path";
import type { CommandSpec } from "../../cli/commandSpec";
import { UsageError } from "../../cli/usageError";
import { readSweepJson } from "../sweepFiles";
import type { TrialExecutor } from "../trialExecutor";
import { queueExecutor } from "./queueExecutor";
import { formatQueueStatus, readQueueStatus } from "./queueStatus";

/** How `grulab sweep <file>` runs a sweep file with a given executor (the sweep command passes its own). */
export type RunSweepFile = (file: string, executor: TrialExecutor) => Promise<void | number>;

const redisOption = { name: "redis", type: "string" as const, valueName: "URL", doc: "the queue's Redis, redis://:PASSWORD@HOST:PORT (the GRULAB_REDIS_URL line scripts/redis.sh prints)", defaultDoc: "$GRULAB_REDIS_URL" };

function redisUrl(options: Record<string, unknown>, needed: boolean): string | undefined {
  const url = (options.redis as string | undefined) ?? (process.env.GRULAB_REDIS_URL || undefined);
  if (url === undefined && needed) throw new UsageError("option --redis URL is needed (or $GRULAB_REDIS_URL): the queue's Redis, e.g. the GRULAB_REDIS_URL line that scripts/redis.sh prints");
  return url;
}

/**
 * `grulab sweep submit <sweep.json> --redis URL`: drives the sweep with its trials queued in
 * Redis for `grulab worker`s (queueExecutor): the same driver, results.csv and sweep.json as
 * `grulab sweep <sweep.json>`, in the sweep's folder on the shared path. Stopped (Ctrl-C), queued
 * trials stay with the workers; submitting again continues and collects them.
 *
 * @example
 * await sweepSubmitCommand(runSweepFile).run(parseCommandArgs(sweepSubmitCommand(runSweepFile), ["sweep.json", "--redis", url]));
 */
export function sweepSubmitCommand(runSweepFile: RunSweepFile): CommandSpec {
  return {
    name: "sweep submit",
    summary: "run a sweep file's trials on `grulab worker`s through Redis (BullMQ): the first of the two commands to add machines",
    description: "Checks Redis first (an unreachable server or a refused password is an error naming the URL without the password, before anything runs). " +
      "Each trial is a job with a deterministic id (sweep folder, trial id, epochs): submitting twice queues it once. This process drives the sweep (grid, random, ASHA promotions) " +
      "and writes results.csv and sweep.json; the sweep's folder must be on a path every worker reaches (docs/sweeps.md).",
    args: [{ name: "file", doc: "the sweep file (JSON: name, trial, space, metric, mode, scheduler, budget)" }],
    options: [
      redisOption,
      { name: "in-flight", type: "integer", min: 1, valueName: "N", doc: "trials queued at once", defaultDoc: "the slots of the workers connected now, else 8" },
    ],
    run: async ({ args, options }) => {
      const executor = await queueExecutor({ redis: redisUrl(options, true) as string, inFlight: options.inFlight as number | undefined });
      return runSweepFile(args.file as string, executor);
    },
  };
}

/**
 * `grulab sweep status DIR|--redis URL`: one screen of plain text (works under `watch`): the
 * sweep's progress from its sweep.json, and with `--redis` the queue's counts, its workers and
 * the running trials (of DIR's sweep when given) with their epochs.
 *
 * @example
 * await sweepStatusCommand.run(parseCommandArgs(sweepStatusCommand, ["runs/sweeps/cells", "--redis", url]));
 */
export const sweepStatusCommand: CommandSpec = {
  name: "sweep status",
  summary: "a sweep's progress and the queue's (counts, workers, running trials with their epochs); plain text for `watch`",
  args: [{ name: "dir", doc: "the sweep's folder (holding sweep.json)", optional: true }],
  options: [redisOption],
  run: async ({ args, options }) => {
    const dir = args.dir as string | undefined;
    const url = redisUrl(options, dir === undefined);
    const lines: string[] = [];
    if (dir !== undefined) {
      const s = readSweepJson(path.resolve(dir));
      const best = s.best ? `; best ${s.metric} ${s.best.value.toPrecision(5)} (trial ${s.best.trialId}, epoch ${s.best.epoch})` : "";
      lines.push(`sweep ${s.name} (${path.resolve(dir)}): ${s.status}${s.reason ? ` (${s.reason})` : ""}, ${s.completed}/${s.trials} trials done, ${s.epochsSpent} epochs${best}; updated ${s.updatedAt}`);
    }
    if (url !== undefined) lines.push(...formatQueueStatus(await readQueueStatus(url, { sweepDir: dir === undefined ? undefined : path.resolve(dir) })));
    console.log(lines.join("\n"));
  },
};

/**
 * The queue's subcommands of `grulab sweep` (its CommandSpec's `subcommands`): `sweep submit`
 * (runs a sweep file through `runSweepFile`, the sweep command's own, with the queue's executor)
 * and `sweep status`.
 *
 * @example
 * export const command: CommandSpec = { name: "sweep", …, subcommands: sweepQueueSubcommands(runSweepFile) };
 */
export function sweepQueueSubcommands(runSweepFile: RunSweepFile): CommandSpec[] {
  return [sweepSubmitCommand(runSweepFile), sweepStatusCommand];
}
