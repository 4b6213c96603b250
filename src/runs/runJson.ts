import * as fs from "fs";
import * as path from "path";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { RUN_FILES, RUN_FORMAT, RUN_STATUSES, type RunJson } from "./runFormat";

/** Rewrites `<dir>/run.json` atomically, stamping `updatedAt`. */
export function writeRunJson(dir: string, json: RunJson): void {
  json.updatedAt = new Date().toISOString();
  writeFileAtomic(path.join(dir, RUN_FILES.run), JSON.stringify(json, null, 2) + "\n");
}

/**
 * Reads and checks `<dir>/run.json`. Errors name the folder or file: a missing folder, a file
 * given instead of a folder, a folder of format 1 (no run.json, written by grulab before
 * format 2) or of another format version.
 */
export function readRunJson(dir: string): RunJson {
  if (!fs.existsSync(dir)) throw new Error(`run folder ${dir} does not exist`);
  if (!fs.statSync(dir).isDirectory()) throw new Error(`${dir} is a file, not a run folder`);
  const file = path.join(dir, RUN_FILES.run);
  if (!fs.existsSync(file)) {
    if (fs.existsSync(path.join(dir, RUN_FILES.config))) {
      throw new Error(`${dir}: run folder of format 1 (it has ${RUN_FILES.config} but no ${RUN_FILES.run}); this grulab reads format ${RUN_FORMAT}: run the job again`);
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
  return json;
}
