import * as fs from "fs";
import * as path from "path";
import { readHistoryCsv } from "./historyCsv";
import { readRunJson } from "./runJson";
import { RUN_FILES, type MetricsJson, type RunStatus, type Task } from "./runFormat";

/**
 * One run folder at a glance: what `grulab ls` prints per line and `listRuns` puts in a row.
 *
 * @example
 * const { runs } = await findRuns("runs"); runs[0].best // { metric: "test accuracy", value: 0.652 }
 */
export interface RunSummary {
  /** The run folder's name (its time stamp and the run's name). */
  folder: string;
  /** The run folder, absolute. */
  dir: string;
  name: string;
  task: Task;
  status: RunStatus;
  /** Completed epochs. */
  epochs: number;
  /** The best epoch by the early-stopping monitor (0 before the first). */
  bestEpoch: number;
  /**
   * The run's headline number: the test accuracy (classification) or test rmse (regression) of a
   * finished run's metrics.json; before that, the validation loss (else the loss) of its best
   * epoch in history.csv; null when there is none yet.
   */
  best: { metric: string; value: number } | null;
  createdAt: string;
  updatedAt: string;
  /** Seconds from the last change of run.json (an epoch, a status) to `now`. */
  ageSeconds: number;
}

/** The runs in a folder, newest first, and the sub-folders that are not readable runs (with why). */
export interface FoundRuns {
  runs: RunSummary[];
  skipped: { dir: string; reason: string }[];
}

async function headline(dir: string, task: Task, bestEpoch: number): Promise<RunSummary["best"]> {
  const metricsFile = path.join(dir, RUN_FILES.metrics);
  if (fs.existsSync(metricsFile)) {
    const metrics = JSON.parse(fs.readFileSync(metricsFile, "utf8")) as MetricsJson;
    for (const key of task === "classification" ? ["accuracy", "acc"] : ["rmse", "mae", "loss"]) {
      const v = metrics.test?.[key];
      if (typeof v === "number" && Number.isFinite(v)) return { metric: `test ${key}`, value: v };
    }
  }
  const historyFile = path.join(dir, RUN_FILES.history);
  if (!fs.existsSync(historyFile)) return null;
  const rows = await readHistoryCsv(historyFile);
  const row = rows.find((r) => r.epoch === bestEpoch) ?? rows[rows.length - 1];
  if (row === undefined) return null;
  if (Number.isFinite(row.val_loss)) return { metric: "val_loss", value: row.val_loss };
  return Number.isFinite(row.loss) ? { metric: "loss", value: row.loss } : null;
}

/**
 * The run folders directly inside `dir` (grulab's `runs/`), summarised from their run.json,
 * metrics.json and history.csv, newest first. Sub-folders without run.json are passed over
 * silently (e.g. `notebooks/`); a run folder that cannot be read is listed in `skipped` with the
 * reason. A missing `dir` is an error naming it.
 *
 * @example
 * const { runs } = await findRuns("runs");
 * for (const r of runs) console.log(r.status, r.name, r.best?.metric, r.best?.value);
 */
export async function findRuns(dir: string, now: Date = new Date()): Promise<FoundRuns> {
  const root = path.resolve(dir);
  if (!fs.existsSync(root)) throw new Error(`runs folder ${root} does not exist (runs land in <project>/runs/, or $GRULAB_RUNS)`);
  if (!fs.statSync(root).isDirectory()) throw new Error(`${root} is a file, not a folder of runs`);
  const runs: RunSummary[] = [];
  const skipped: FoundRuns["skipped"] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const runDir = path.join(root, entry.name);
    if (!entry.isDirectory() || !fs.existsSync(path.join(runDir, RUN_FILES.run))) continue;
    try {
      const info = readRunJson(runDir);
      runs.push({
        folder: entry.name, dir: runDir, name: info.name, task: info.task, status: info.status,
        epochs: info.epoch, bestEpoch: info.bestEpoch,
        best: await headline(runDir, info.task, info.bestEpoch),
        createdAt: info.createdAt, updatedAt: info.updatedAt,
        ageSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(info.updatedAt)) / 1000)),
      });
    } catch (err) {
      skipped.push({ dir: runDir, reason: (err as Error).message });
    }
  }
  runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.folder.localeCompare(a.folder));
  return { runs, skipped };
}
