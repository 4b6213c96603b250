import { findRuns } from "../../runs/findRuns";
import { RUN_LIST_COLUMNS, runListRow } from "../../runs/listRuns";
import { defaultRunsDir } from "../../runs/runsDir";
import { formatCell } from "../../util/formatCell";
import type { CommandSpec } from "../commandSpec";

/**
 * `grulab ls [DIR]`: the runs in a folder, newest first, one line each (as `mlflow runs list`),
 * or as JSON with --json.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["runs", "--json"]));
 */
export const command: CommandSpec = {
  name: "ls",
  summary: "list the runs in a folder: status, task, name, best metric, epochs, age (--json for scripts)",
  description: "best: test accuracy (classification) or test rmse (regression) once a run has finished,\n" +
    "else the validation loss of its best epoch so far. In a notebook: grulab.listRuns() gives the same table.",
  args: [{ name: "dir", doc: "the folder of run folders (default: the project's runs/, or $GRULAB_RUNS)", optional: true }],
  options: [{ name: "json", type: "flag", doc: "print a JSON array (one object per run) instead of the table" }],
  run: async ({ options, args }) => {
    const dir = (args.dir as string | undefined) ?? defaultRunsDir();
    const { runs, skipped } = await findRuns(dir);
    for (const s of skipped) console.error(`ls: skipped ${s.dir}: ${s.reason}`);
    if (options.json === true) {
      console.log(JSON.stringify(runs, null, 2));
      return;
    }
    if (runs.length === 0) {
      console.log(`ls: no runs in ${dir}`);
      return;
    }
    const cells = [RUN_LIST_COLUMNS.map(String), ...runs.map((r) => runListRow(r).map(formatCell))];
    const widths = RUN_LIST_COLUMNS.map((_, c) => Math.max(...cells.map((row) => row[c].length)));
    for (const row of cells) console.log(row.map((v, c) => (c === row.length - 1 ? v : v.padEnd(widths[c]))).join("  "));
  },
};
