import * as fs from "fs";
import * as path from "path";
import { defaultRunsDir } from "../runs/runsDir";
import { resolveTrial } from "./resolveTrial";
import type { SearchSpace } from "./searchSpace";
import { checkSearchSpace, spaceConfigs } from "./spaceConfigs";
import { readSweepJson, SWEEP_FILES, SWEEP_FORMAT, writeSweepJson, type SweepBudget, type SweepJson, type SweepScheduler } from "./sweepFiles";
import { canonicalJson, trialId } from "./trialId";
import type { TrialRef, TrialSpec } from "./trialSpec";

/**
 * What a sweep is: a search space, an objective (`metric`, `mode`), a trial and a scheduler, with
 * a budget. The same object in a notebook (`startSweep(name, options)`) and in a sweep file
 * (`grulab sweep sweep.json`: these keys plus `name`).
 *
 * @example
 * const options: SweepDefinition = { trial: { job: "gru-vs-lstm" }, space: { cell: ["gru", "lstm"], seed: [1, 2] },
 *   metric: "val_loss", mode: "min", scheduler: "grid", budget: { epochs: 5 } };
 */
export interface SweepDefinition {
  /** Option name → list of values (a grid axis) or distribution (`uniform`, `logUniform`, `int`, `choice`). */
  space: SearchSpace;
  /** A built-in job (`{ job: "tutorial" }`, or just `"tutorial"`) or your module's export (`{ module, export }`, the path relative to `base`). */
  trial: TrialRef | string;
  /** The history column to optimize (e.g. "val_loss", "val_acc"). */
  metric: string;
  /** "min" (default) or "max". */
  mode?: "min" | "max";
  /** "grid" (default), "random" (needs budget.trials), "asha" or `{ kind: "asha", minEpochs, eta, search }`. */
  scheduler?: SweepScheduler | SweepScheduler["kind"];
  /** Epochs per trial (ASHA: the top rung's), trials for random search, samples per grid point. */
  budget: SweepBudget;
  /** Seed of the sampled options (default 0): the same seed, the same configs. */
  seed?: number;
}

/**
 * A sweep ready to run: its folder (made, with sweep.json), its configs and trial ids in plan
 * order, and how to make the spec of config `index` at `epochs`.
 *
 * @example
 * const plan = planSweep("cells", definition, { dir: "/tmp/sweeps" });
 * const spec = plan.spec(0, plan.json.budget.epochs);
 */
export interface SweepPlan {
  dir: string;
  json: SweepJson;
  configs: Array<Record<string, unknown>>;
  ids: string[];
  spec(index: number, epochs: number): TrialSpec;
}

/** The scheduler given as a name or an object, checked. */
function schedulerOf(s: SweepDefinition["scheduler"]): SweepScheduler {
  const scheduler = typeof s === "string" ? ({ kind: s } as SweepScheduler) : s ?? { kind: "grid" };
  if (!["grid", "random", "asha"].includes(scheduler?.kind)) throw new Error(`sweep option scheduler: expected "grid", "random", "asha" or { kind: "asha", minEpochs, eta, search }, got ${JSON.stringify(s)}`);
  return scheduler;
}

/**
 * Checks a sweep before anything runs (trial, space, metric, mode, scheduler, budget: each error
 * names the option and what to do), makes its folder `<dir>/<name>/` (dir default
 * `<runs>/sweeps`) with sweep.json, and lists its configs. A folder holding the same sweep is
 * continued (its finished trials are read back, not run again); one holding another sweep is an
 * error naming its sweep.json.
 *
 * @example
 * const plan = planSweep("units", { trial: "tutorial", space: { units: [16, 32] }, metric: "val_loss", budget: { epochs: 3 } });
 */
export function planSweep(name: string, definition: SweepDefinition, options: { dir?: string; base?: string } = {}): SweepPlan {
  if (typeof name !== "string" || !/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`sweep name ${JSON.stringify(name)} must be letters, digits, _ . - only`);
  const d = definition ?? ({} as SweepDefinition);
  const givenTrial = typeof d.trial === "string" ? { job: d.trial } : d.trial;
  const resolved = resolveTrial(givenTrial, options.base);
  // A module's path is stored absolute, so that workers in other folders find it.
  const trial: TrialRef = "module" in givenTrial ? { module: path.resolve(options.base ?? process.cwd(), givenTrial.module), export: givenTrial.export } : givenTrial;
  checkSearchSpace(d.space, resolved);
  if (typeof d.metric !== "string" || d.metric === "") throw new Error(`sweep option metric: expected a history column name such as "val_loss" or "val_acc", got ${JSON.stringify(d.metric)}`);
  const mode = d.mode ?? "min";
  if (mode !== "min" && mode !== "max") throw new Error(`sweep option mode: expected "min" or "max", got ${JSON.stringify(d.mode)}`);
  const scheduler = schedulerOf(d.scheduler);
  const budget = d.budget;
  if (budget === null || typeof budget !== "object" || !Number.isInteger(budget.epochs) || budget.epochs < 1) throw new Error(`sweep option budget.epochs: expected an integer ≥ 1 (epochs per trial; ASHA: of the top rung), got ${JSON.stringify(budget?.epochs)}`);
  const seed = d.seed ?? 0;
  const search = scheduler.kind === "asha" ? scheduler.search ?? (budget.trials !== undefined ? "random" : "grid") : scheduler.kind;
  const configs = spaceConfigs(d.space, { search, trials: budget.trials, samples: budget.samples, seed });
  const ids = configs.map(trialId);
  const dir = path.resolve(options.dir ?? path.join(defaultRunsDir(), "sweeps"), name);
  const now = new Date().toISOString();
  const fresh: SweepJson = {
    format: SWEEP_FORMAT, name, status: "running", reason: null, trial, space: d.space, scheduler, budget, metric: d.metric, mode, seed,
    trials: configs.length, completed: 0, epochsSpent: 0, best: null, createdAt: now, updatedAt: now,
  };
  let json = fresh;
  if (fs.existsSync(path.join(dir, SWEEP_FILES.sweep))) {
    const old = readSweepJson(dir);
    for (const key of ["trial", "space", "scheduler", "budget", "metric", "mode", "seed"] as const) {
      if (canonicalJson(old[key]) !== canonicalJson(fresh[key])) {
        throw new Error(`${path.join(dir, SWEEP_FILES.sweep)} holds another sweep named "${name}" (its ${key} is ${JSON.stringify(old[key])}, now ${JSON.stringify(fresh[key])}): choose another name, or delete that folder`);
      }
    }
    json = { ...old, status: "running", reason: null, updatedAt: now };
  }
  fs.mkdirSync(path.join(dir, SWEEP_FILES.trials), { recursive: true });
  writeSweepJson(dir, json);
  return {
    dir, json, configs, ids,
    spec: (index, epochs) => ({ sweepDir: dir, trialId: ids[index], config: configs[index], epochs, trial, metric: d.metric, mode }),
  };
}
