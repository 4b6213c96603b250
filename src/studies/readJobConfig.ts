import * as fs from "fs";
import * as path from "path";
import { readRunJson } from "../runs/runJson";
import { RUN_FILES } from "../runs/runFormat";

/**
 * The jobs `grulab resume` continues, by config.json's `job` (charlm runs written before it had
 * `job` say `study: "charlm"`).
 *
 * @example
 * JOB_KINDS.includes("forecast") // true
 */
export const JOB_KINDS = ["tutorial", "forecast", "charlm", "gru-vs-lstm"] as const;

/**
 * One of JOB_KINDS.
 *
 * @example
 * const kind: JobKind = "gru-vs-lstm";
 */
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * A run's config.json with typed getters whose errors name the file and the field.
 *
 * @example
 * const c = readJobConfig("runs/x", "forecast"); c.number("units");
 */
export interface JobConfig {
  file: string;
  values: Record<string, unknown>;
  kind: string | undefined;
  number(key: string): number;
  string(key: string): string;
  optional(key: string): string | undefined;
}

/**
 * Reads `<dir>/config.json` of a run folder (run.json is checked first: errors name the folder)
 * and, when `expected` is given, checks that the run was written by that job.
 *
 * @example
 * const c = readJobConfig("runs/20261129-231500-forecast", "forecast");
 * c.number("epochs"); c.string("datasetPath");
 */
export function readJobConfig(dir: string, expected?: JobKind): JobConfig {
  readRunJson(dir); // a missing folder, a non-run folder, another format: named first
  const file = path.join(dir, RUN_FILES.config);
  if (!fs.existsSync(file)) throw new Error(`${file} not found: the run folder has no ${RUN_FILES.config}`);
  let values: Record<string, unknown>;
  try {
    values = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof values !== "object" || values === null) throw new Error(`${file}: expected a JSON object`);
  const kind = typeof values.job === "string" ? values.job : values.study === "charlm" ? "charlm" : undefined;
  if (expected !== undefined && kind !== expected) throw new Error(`${file}: "job" is ${JSON.stringify(kind)}, expected "${expected}"`);
  const field = (key: string, type: "number" | "string") => {
    const v = values[key];
    if (typeof v !== type || (type === "number" && !Number.isFinite(v))) throw new Error(`${file}: field "${key}" is ${JSON.stringify(v)}, expected a ${type}`);
    return v;
  };
  return {
    file, values, kind,
    number: (key) => field(key, "number") as number,
    string: (key) => field(key, "string") as string,
    optional: (key) => (values[key] === undefined || values[key] === null ? undefined : field(key, "string") as string),
  };
}
