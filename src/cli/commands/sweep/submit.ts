import * as path from "path";
import { queueExecutor } from "../../../sweeps/queue/queueExecutor";
import { readSweepFile } from "../../../sweeps/readSweepFile";
import { startSweep } from "../../../sweeps/startSweep";
import { writeSweepReport } from "../../../sweeps/writeSweepReport";
import type { CommandSpec } from "../../commandSpec";
import { redisOption } from "../../redisOption";

/**
 * `grulab sweep submit <sweep.json> --redis URL`: drives the sweep with its trials queued in
 * Redis for `grulab worker`s (queueExecutor): the same driver, results.csv, sweep.json and report
 * as `grulab sweep <sweep.json>`, in the sweep's folder on the path every worker shares. Stopped
 * (Ctrl-C), queued trials stay with the workers; submitting again continues and collects them.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["sweep.json", "--redis", url, "--out", "/shared/sweeps"]));
 */
export const command: CommandSpec = {
  name: "sweep submit",
  summary: "run a sweep file's trials on `grulab worker`s through Redis (BullMQ); this process drives the sweep (ASHA promotions) and writes its table",
  description: "Checks Redis first (an unreachable server or a refused password is an error naming the URL without the password, before anything runs). " +
    "Each trial is a job with a deterministic id (sweep folder, trial id, epochs): submitting twice queues it once; a trial that failed runs again. " +
    "The sweep folder (--out) must be on a path every worker reaches (docs/sweeps.md, \"Many machines\").",
  args: [{ name: "file", doc: "the sweep file (JSON, as for grulab sweep), relative to the current directory" }],
  options: [
    redisOption.spec,
    { name: "in-flight", type: "integer", min: 1, valueName: "N", doc: "trials queued at once", defaultDoc: "the slots of the workers connected now, else 8" },
    { name: "out", type: "path", valueName: "DIR", defaultDoc: "the project's runs/sweeps, or $GRULAB_RUNS/sweeps", doc: "parent folder of the sweep folder, on the shared path" },
    { name: "progress", type: "choice", choices: ["lines", "none"], default: "lines", doc: "a line per trial result, or none" },
  ],
  run: async ({ args, options: o }) => {
    const executor = await queueExecutor({ redis: redisOption.value(o, true) as string, inFlight: o.inFlight as number | undefined });
    // This command made the executor, so it closes it (startSweep leaves a given executor open): its Redis connections end and the process exits.
    try {
      const { name, definition, base } = readSweepFile(args.file as string);
      const sweep = await startSweep(name, { ...definition, base, executor, dir: o.out as string | undefined, progress: o.progress as "lines" | "none" });
      const report = writeSweepReport(sweep);
      console.log(`sweep ${name}: ${sweep.status}; ${path.join(sweep.dir, "results.csv")}; report ${report}`);
    } finally {
      await executor.close();
    }
  },
};
