import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startSweep } from "../../sweeps/startSweep";
import { readSweepFile } from "../../sweeps/readSweepFile";
import { writeSweepReport } from "../../sweeps/writeSweepReport";
import { SWEEP_FILES } from "../../sweeps/sweepFiles";
import type { CommandSpec } from "../commandSpec";
import { commonOptions as c } from "../commonOptions";
import { loadCommands } from "../loadCommands";

/**
 * `grulab sweep <sweep.json>`: runs a sweep on this machine's cores (one worker process per core
 * by default), writing `<out>/<name>/` (sweep.json, results.csv, report.html, trials/). The
 * commands under it (`grulab sweep <sub> …`) are the files of src/cli/commands/sweep/.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["sweeps/cells.json", "--workers", "2"]));
 */
export const command: CommandSpec = {
  name: "sweep",
  summary: "run a sweep (search space × trial, grid / random / ASHA) on every core, one run folder per trial",
  description: "The sweep file (JSON) has name, trial ({\"job\": \"tutorial\" | \"forecast\" | \"charlm\" | \"gru-vs-lstm\"} or {\"module\": \"./file.js\", \"export\": \"fn\"}, relative to the file's folder), " +
    "space (option → list of values, or {\"uniform\"|\"logUniform\"|\"int\": [low, high]} or {\"choice\": [...]}), metric (a history column, e.g. \"val_loss\"), mode (\"min\" | \"max\"), " +
    "scheduler (\"grid\" | \"random\" | \"asha\" | {\"kind\": \"asha\", \"minEpochs\": r, \"eta\": η}), budget ({\"epochs\": N, \"trials\": N for random}) and seed. " +
    `Writes <out>/<name>/: ${SWEEP_FILES.sweep}, ${SWEEP_FILES.results} (a row per trial), ${SWEEP_FILES.report}, ${SWEEP_FILES.trials}/<id>/ (a run folder each). Running it again continues it; Ctrl-C keeps every trial's last epoch (exit 130).`,
  args: [{ name: "file", doc: "the sweep file (JSON), relative to the current directory" }],
  options: [
    { name: "workers", type: "integer", min: 0, defaultDoc: `the number of cores (${os.cpus().length} here)`, doc: "worker processes; 0 runs the trials in this process" },
    c.backend(),
    { name: "out", type: "path", valueName: "DIR", defaultDoc: "the project's runs/sweeps, or $GRULAB_RUNS/sweeps", doc: "parent folder of the sweep folder, relative to the current directory" },
    { name: "progress", type: "choice", choices: ["lines", "none"], default: "lines", doc: "a line per trial result, or none" },
  ],
  subcommands: fs.existsSync(path.join(__dirname, "sweep")) ? loadCommands(path.join(__dirname, "sweep")) : [],
  run: async ({ args, options: o }) => {
    const { name, definition, base } = readSweepFile(args.file as string);
    const sweep = await startSweep(name, {
      ...definition, base, workers: o.workers as number | undefined, backend: o.backend as string | undefined, dir: o.out as string | undefined, progress: o.progress as "lines" | "none",
    });
    const report = writeSweepReport(sweep);
    console.log(`sweep ${name}: ${sweep.status}; ${path.join(sweep.dir, "results.csv")}; report ${report}`);
  },
};
