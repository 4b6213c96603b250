import type * as dfd from "danfojs-node";
import { danfo } from "../util/danfo";
import { findRuns, type RunSummary } from "./findRuns";
import { defaultRunsDir } from "./runsDir";

/**
 * How long ago, in the largest whole unit: "45s", "12m", "3h", "6d".
 *
 * @example
 * runAge(7200) // "2h"
 */
export function runAge(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** The columns of `listRuns` (and of `grulab ls`), in order. */
export const RUN_LIST_COLUMNS = ["status", "task", "name", "best_metric", "best", "epochs", "best_epoch", "age", "folder"] as const;

/** One run as a row of RUN_LIST_COLUMNS (best: NaN when there is none yet). */
export function runListRow(r: RunSummary): (string | number)[] {
  return [r.status, r.task, r.name, r.best?.metric ?? "", r.best?.value ?? NaN, r.epochs, r.bestEpoch, runAge(r.ageSeconds), r.folder];
}

/**
 * The runs in a folder as a danfo DataFrame, newest first — what `grulab ls` prints: status, task,
 * name, the best metric (test accuracy / test rmse once finished, else the best epoch's val_loss),
 * epochs, best epoch, age and folder. Default folder: the project's `runs/` (as `startRun` uses).
 * Folders that are not readable runs are left out with a warning on stderr.
 *
 * @example
 * show(await listRuns());                 // in a notebook: every run of the project
 * const runs = await listRuns("runs");
 * runs.query(runs["status"].eq("finished"))
 */
export async function listRuns(dir: string = defaultRunsDir()): Promise<dfd.DataFrame> {
  const { runs, skipped } = await findRuns(dir);
  for (const s of skipped) console.warn(`listRuns: skipped ${s.dir}: ${s.reason}`);
  const df = danfo();
  if (runs.length === 0) return new df.DataFrame([], { columns: [...RUN_LIST_COLUMNS] });
  return new df.DataFrame(runs.map(runListRow), { columns: [...RUN_LIST_COLUMNS] });
}
