import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { fusedKernelInUse } from "../kernels/fusedKernelInUse";
import { makeRunDir } from "./makeRunDir";
import { acquireRunLock } from "./runLock";
import { Run } from "./Run";
import { writeRunJson } from "./runJson";
import { RUN_FILES, RUN_FORMAT, type RunJson, type Task } from "./runFormat";
import { defaultRunsDir } from "./runsDir";

/**
 * Options of {@link startRun}.
 *
 * @example
 * await startRun("my-gru", { task: "classification", classes: ["rain", "sun"], config: { units: 64 }, dir: "experiments" });
 */
export interface StartRunOptions {
  /** "classification" (default) or "regression": decides metrics.json and the report. */
  task?: Task;
  /** Anything describing the run (model size, data, …): written to config.json; numbers and strings compare best across runs. */
  config?: Record<string, unknown>;
  /** Class names in the order of the model's outputs (classification). */
  classes?: string[];
  /** Parent folder of the run folder; relative paths resolve against process.cwd(). Default: `defaultRunsDir()` (GRULAB_RUNS, else the project's runs/). */
  dir?: string;
  /** The run folder itself instead of a new `<dir>/<YYYYMMDD-HHMMSS>-<name>/` (made if missing; it must not hold a run yet): a sweep's trial folder. Relative to process.cwd(). */
  runDir?: string;
  /** True when `grulab resume <run>` can continue this job (the tutorial); default false: the hint names resumeRun. */
  cliResume?: boolean;
}

/**
 * Starts a run: makes `<dir>/<YYYYMMDD-HHMMSS>-<name>/` and writes run.json (status running) and
 * config.json (your config plus name, task, classes, backend, the fused kernel in use, versions and createdAt; fit adds
 * its options). Returns the Run that writes the rest, holding the folder's writer lock
 * (writer.lock) until the run ends (finished, interrupted, diverged, failed) or the process exits.
 *
 * @example
 * const run = await startRun("my-gru", { task: "classification", classes: data.classes, config: { units: 64 } });
 * await run.fit(model, data.train, { validation: data.validation, epochs: 30, patience: 6, seed: 1 });
 * await run.evaluate(model, data.test);
 * await finishRun(run);
 */
export async function startRun(name: string, options: StartRunOptions = {}): Promise<Run> {
  const task = options.task ?? "classification";
  if (task !== "classification" && task !== "regression") throw new Error(`startRun: option task must be "classification" or "regression", got ${JSON.stringify(task)}`);
  if (options.classes !== undefined && (!Array.isArray(options.classes) || !options.classes.every((c) => typeof c === "string"))) {
    throw new Error("startRun: option classes must be an array of class names (strings)");
  }
  const parent = options.dir !== undefined ? path.resolve(options.dir) : defaultRunsDir();
  const dir = options.runDir !== undefined ? exactRunDir(options.runDir) : path.resolve(makeRunDir(parent, name));
  const lock = acquireRunLock(dir); // a fresh folder: free; held until the run ends (Run)
  const createdAt = new Date().toISOString();
  const info: RunJson = {
    format: RUN_FORMAT, name, task, status: "running", reason: null, epoch: 0, bestEpoch: 0, createdAt, updatedAt: createdAt, pid: process.pid,
    // A job the grulab command can resume says so; any other run continues through resumeRun.
    resumeCommand: options.cliResume ? cliResumeCommand(dir) : `resumeRun("${dir}") then run.fit(model, the same data)`,
  };
  const config: Record<string, unknown> = {
    ...(options.config ?? {}), name, task, ...(options.classes ? { classes: options.classes } : {}),
    backend: tf.getBackend(), kernel: fusedKernelInUse(), tfjsVersion: tf.version.tfjs, node: process.version, createdAt,
  };
  try {
    writeFileAtomic(path.join(dir, RUN_FILES.config), JSON.stringify(config, null, 2) + "\n");
    writeRunJson(dir, info);
  } catch (err) {
    lock.release();
    throw err;
  }
  return new Run(dir, info, config, options.classes, lock);
}

/** The folder of startRun's `runDir` option, made when missing; one that holds a run already is an error naming its run.json. */
function exactRunDir(runDir: string): string {
  const dir = path.resolve(runDir);
  if (fs.existsSync(path.join(dir, RUN_FILES.run))) throw new Error(`startRun: ${path.join(dir, RUN_FILES.run)} exists: the folder holds a run already (reopen it with resumeRun)`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** `npx grulab resume <dir>`, the folder relative to the working directory when it is below it. */
export function cliResumeCommand(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  // npx finds the grulab of the project (grulab is not on PATH unless installed globally).
  return `npx grulab resume ${relative.startsWith("..") || relative === "" ? path.resolve(dir) : relative}`;
}
