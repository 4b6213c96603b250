import { resumeJob } from "../../studies/resumeJob";
import type { CommandSpec } from "../commandSpec";
import { RUN_FILES } from "../../runs/runFormat";

/**
 * `grulab resume <run>`: continues the job that wrote an interrupted (or killed) run folder,
 * whatever its kind, from its last completed epoch, then the job's remaining steps (see resumeJob).
 *
 * @example
 * await command.run(parseCommandArgs(command, ["runs/20261127-101500-tutorial"]));
 */
export const command: CommandSpec = {
  name: "resume",
  summary: "continue an interrupted run of any job (tutorial, forecast, charlm, gru-vs-lstm) from its last completed epoch, then the job's remaining steps",
  description: `Reads ${RUN_FILES.run} and ${RUN_FILES.config}, rebuilds the same data and model, continues training after the last completed epoch with the recorded options ` +
    "(from epoch 1 in the same folder when the run stopped before training), then evaluates, adds the baselines, traces and reports it as an uninterrupted run would. " +
    "gru-vs-lstm: that run alone (a trial of the grulab gru-vs-lstm sweep: the same grulab gru-vs-lstm command again continues the sweep's other trials). Refused with the reason: finished or diverged runs, a run whose process is alive, folders that are not runs, runs of other jobs. " +
    "Ctrl-C while resuming keeps what was finished again (exit 130; SIGTERM 143).",
  args: [{ name: "run", doc: "the run folder, relative to the current directory" }],
  options: [
    { name: "progress", type: "choice", choices: ["auto", "lines", "none"], default: "auto", doc: "training progress: a bar on a terminal (auto), a line per epoch, or none" },
    { name: "force", type: "flag", default: false, doc: "take the run over even though its writer lock looks held (a writer on another host, or one you know is gone); says whose lock it broke, and that writer stops at its next epoch" },
  ],
  run: async ({ args, options }) => {
    await resumeJob(args.run as string, { progress: options.progress as "auto" | "lines" | "none", force: options.force === true });
  },
};
