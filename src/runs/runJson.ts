import * as fs from "fs";
import * as path from "path";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { RUN_FILES, RUN_FORMAT, RUN_STATUSES, type RunJson } from "./runFormat";
import { inspectRunLock } from "./runLock";

/** Rewrites `<dir>/run.json` atomically, stamping `updatedAt`. */
export function writeRunJson(dir: string, json: RunJson): void {
  json.updatedAt = new Date().toISOString();
  writeFileAtomic(path.join(dir, RUN_FILES.run), JSON.stringify(json, null, 2) + "\n");
}

/**
 * Reads and checks `<dir>/run.json`. Errors name the folder or file: a missing folder, a file
 * given instead of a folder, a folder of format 1 (no run.json, written by grulab before
 * format 2) or of another format version. A run that says `running` while no live process holds
 * its writer lock (see runLock.ts) comes back as `crashed`, with a reason naming the last
 * completed epoch and the resume command; `callerHoldsLock` says the caller has just taken the
 * lock itself (so a `running` left on disk is a dead writer's).
 */
export function readRunJson(dir: string, options: { callerHoldsLock?: boolean } = {}): RunJson {
  if (!fs.existsSync(dir)) throw new Error(`run folder ${dir} does not exist`);
  if (!fs.statSync(dir).isDirectory()) throw new Error(`${dir} is a file, not a run folder`);
  const file = path.join(dir, RUN_FILES.run);
  if (!fs.existsSync(file)) {
    if (fs.existsSync(path.join(dir, RUN_FILES.config))) {
      throw new Error(`${dir}: it has ${RUN_FILES.config} but no ${RUN_FILES.run}: either grulab stopped while creating the run (a full disk or a kill before ${RUN_FILES.run} was written) ` +
        `or an old grulab wrote it (format 1; this grulab reads format ${RUN_FORMAT}). Nothing was trained in it: check free space and run the job again`);
    }
    throw new Error(`${file} not found: ${dir} is not a run folder`);
  }
  let json: RunJson;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8")) as RunJson;
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof json !== "object" || json === null) throw new Error(`${file}: expected a JSON object`);
  if (json.format !== RUN_FORMAT) {
    throw new Error(`${file}: run folder format ${JSON.stringify(json.format)}, this grulab reads format ${RUN_FORMAT}${typeof json.format === "number" && json.format > RUN_FORMAT ? " (written by a newer grulab)" : ""}`);
  }
  if (!RUN_STATUSES.includes(json.status)) throw new Error(`${file}: field "status" is ${JSON.stringify(json.status)}, expected one of ${RUN_STATUSES.join(", ")}`);
  if (json.task !== "classification" && json.task !== "regression") throw new Error(`${file}: field "task" is ${JSON.stringify(json.task)}, expected classification or regression`);
  if (json.status === "running") {
    const lock = options.callerHoldsLock ? null : inspectRunLock(dir);
    if (lock === null || lock.state !== "held") {
      const epochs = completedEpochs(dir);
      const why = lock === null ? `process ${json.pid} wrote it` : lock.state === "free" ? `no process holds its writer lock; process ${json.pid} wrote it` : lock.why;
      json.status = "crashed";
      json.reason = `${RUN_FILES.run} says running, but its writer is gone (${why}): killed or crashed before it could mark the run; ` +
        `${epochs === 0 ? "no epoch was completed" : `epoch ${epochs} was the last completed`}; continue it with ${json.resumeCommand}`;
    }
  }
  return json;
}

/** Rows of history.csv (completed epochs), 0 when it is absent; counted without parsing. */
function completedEpochs(dir: string): number {
  try {
    return Math.max(0, fs.readFileSync(path.join(dir, RUN_FILES.history), "utf8").split(/\r?\n|\r/).filter((l) => l.trim() !== "").length - 1);
  } catch {
    return 0;
  }
}
