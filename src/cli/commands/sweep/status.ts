import * as path from "path";
import { formatQueueStatus, readQueueStatus } from "../../../sweeps/queue/queueStatus";
import { readResultsTable } from "../../../sweeps/resultsTable";
import { readSweepJson, SWEEP_FILES } from "../../../sweeps/sweepFiles";
import * as fs from "fs";
import type { CommandSpec } from "../../commandSpec";
import { UsageError } from "../../usageError";
import { redisOption } from "../../redisOption";

/**
 * `grulab sweep status DIR|--redis URL`: one screen of plain text (works under `watch`): the
 * sweep's progress from its sweep.json, a line per trial that did not finish with its error (from
 * results.csv: failed, diverged or interrupted, the options that differ between trials, the message), and with `--redis` the queue's counts, its workers and
 * the running trials (of DIR's sweep when given) with their epochs.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["runs/sweeps/cells", "--redis", url]));
 */
export const command: CommandSpec = {
  name: "sweep status",
  summary: "a sweep's progress and the queue's (counts, workers, running trials with their epochs); plain text for `watch`",
  args: [{ name: "dir", doc: "the sweep's folder (holding sweep.json)", optional: true }],
  options: [redisOption.spec],
  run: async ({ args, options }) => {
    const dir = args.dir as string | undefined;
    const url = redisOption.value(options, false);
    if (dir === undefined && url === undefined) throw new UsageError("give the sweep's folder, or --redis URL (or $GRULAB_REDIS_URL) for the queue, or both (see grulab sweep status --help)");
    const lines: string[] = [];
    if (dir !== undefined) {
      const s = readSweepJson(path.resolve(dir));
      const best = s.best ? `; best ${s.metric} ${s.best.value.toPrecision(5)} (trial ${s.best.trialId}, epoch ${s.best.epoch})` : "";
      lines.push(`sweep ${s.name} (${path.resolve(dir)}): ${s.status}${s.reason ? ` (${s.reason})` : ""}, ${s.completed}/${s.trials} trials done, ${s.epochsSpent} epochs${best}; updated ${s.updatedAt}`);
      if (fs.existsSync(path.join(path.resolve(dir), SWEEP_FILES.results))) {
        const varied = Object.entries(s.space).filter(([, v]) => !Array.isArray(v) || v.length > 1).map(([k]) => k);
        for (const row of readResultsTable(path.resolve(dir)).rows) {
          if (row.status === "finished" || !row.error) continue;
          lines.push(`  trial ${row.trialId} (${varied.map((k) => `${k} ${row[k]}`).join(", ")}) ${row.status}: ${row.error}`);
        }
      }
    }
    if (url !== undefined) lines.push(...formatQueueStatus(await readQueueStatus(url, { sweepDir: dir === undefined ? undefined : path.resolve(dir) })));
    console.log(lines.join("\n"));
  },
};
