import * as path from "path";
import { BUILT_IN_TRIALS } from "./builtInTrials";
import type { TrialFunction } from "./trialFunction";
import type { TrialRef } from "./trialSpec";

/**
 * A trial reference made callable: its function, a name for messages, and the options it takes
 * with their defaults (null for a user's module, which takes whatever its config holds).
 *
 * @example
 * const { run, name, options } = resolveTrial({ job: "tutorial" });
 */
export interface ResolvedTrial {
  name: string;
  run: TrialFunction;
  options: Record<string, number | string> | null;
}

/**
 * Finds a trial's function: a built-in job by name, or `export` of `module` (a path, resolved
 * against `base`, default the working directory). Errors name the job and list the built-in
 * ones, or name the module and the export and list what the module does export.
 *
 * @example
 * resolveTrial({ module: "./trials.js", export: "trainOne" }, "/home/me/sweeps").run
 */
export function resolveTrial(ref: TrialRef, base: string = process.cwd()): ResolvedTrial {
  if (ref !== null && typeof ref === "object" && "job" in ref && typeof ref.job === "string") {
    const builtIn = BUILT_IN_TRIALS[ref.job];
    if (builtIn === undefined) throw new Error(`trial: unknown job "${ref.job}": the built-in trials are ${Object.keys(BUILT_IN_TRIALS).join(", ")} (or give { module, export } of your own)`);
    return { name: ref.job, run: builtIn.run, options: builtIn.options };
  }
  if (ref === null || typeof ref !== "object" || typeof (ref as { module?: unknown }).module !== "string" || typeof (ref as { export?: unknown }).export !== "string") {
    throw new Error(`trial: expected { job: ${Object.keys(BUILT_IN_TRIALS).map((k) => `"${k}"`).join(" | ")} } or { module: "path/to/module.js", export: "functionName" }, got ${JSON.stringify(ref)}`);
  }
  const { module, export: name } = ref as { module: string; export: string };
  const file = path.resolve(base, module);
  let exports: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exports = require(file) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`trial module ${file} cannot be loaded: ${(err as Error).message.split("\n")[0]}`);
  }
  const fn = exports[name];
  if (typeof fn !== "function") {
    const functions = Object.keys(exports).filter((k) => typeof exports[k] === "function");
    throw new Error(`trial module ${file} does not export a function "${name}"${fn === undefined ? "" : ` (it is a ${typeof fn})`}: its exported functions are ${functions.length ? functions.join(", ") : "none"}`);
  }
  return { name: `${module}#${name}`, run: fn as TrialFunction, options: null };
}
