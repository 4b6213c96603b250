import { seededRandom } from "../util/seededRandom";
import type { ResolvedTrial } from "./resolveTrial";
import type { Distribution, SearchSpace, SpaceOption } from "./searchSpace";
import { canonicalJson } from "./trialId";

const KINDS = ["uniform", "logUniform", "int", "choice"] as const;

/**
 * Checks a search space against its trial before anything runs: an empty space, an option the
 * trial does not have (named, with the trial's options listed), an empty list, a malformed
 * distribution, or a value of the wrong type for a built-in trial is an Error saying what to do.
 *
 * @example
 * checkSearchSpace({ unitz: [64] }, resolveTrial({ job: "tutorial" })); // throws: option "unitz" … its options are units, timesteps, …
 */
export function checkSearchSpace(space: SearchSpace, trial: ResolvedTrial): void {
  if (space === null || typeof space !== "object" || Array.isArray(space)) throw new Error(`sweep option space: expected an object of option → list of values or distribution, got ${JSON.stringify(space)}`);
  const names = Object.keys(space);
  const optionList = trial.options ? Object.keys(trial.options).join(", ") : "";
  if (names.length === 0) throw new Error(`sweep option space is empty: give at least one option with its values, e.g. { seed: [1, 2, 3] }${trial.options ? ` (trial "${trial.name}" takes ${optionList})` : ""}`);
  for (const name of names) {
    if (trial.options && !(name in trial.options)) throw new Error(`sweep option space: "${name}" is not an option of trial "${trial.name}": its options are ${optionList}`);
    const values = valuesToCheck(name, space[name]);
    const expected = trial.options ? typeof trial.options[name] : undefined;
    for (const v of values) {
      if (expected !== undefined && typeof v !== expected) throw new Error(`sweep option space: "${name}" has ${JSON.stringify(v)}, but trial "${trial.name}" takes a ${expected} (default ${JSON.stringify(trial.options![name])})`);
      if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`sweep option space: "${name}" has ${v}: values must be finite`);
    }
  }
}

/** The values an option may take that can be checked (a list's or choice's values, a distribution's ends), after checking its form. */
function valuesToCheck(name: string, option: SpaceOption): unknown[] {
  const where = `sweep option space: "${name}"`;
  if (Array.isArray(option)) {
    if (option.length === 0) throw new Error(`${where} is an empty list: give at least one value`);
    return option;
  }
  const keys = option !== null && typeof option === "object" ? Object.keys(option) : [];
  const kind = keys.length === 1 ? (keys[0] as (typeof KINDS)[number]) : undefined;
  if (kind === undefined || !KINDS.includes(kind)) {
    throw new Error(`${where}: expected a list of values or one of { uniform: [low, high] }, { logUniform: [low, high] }, { int: [low, high] }, { choice: [values…] }; got ${JSON.stringify(option)}`);
  }
  const v = (option as Record<string, unknown>)[kind];
  if (kind === "choice") {
    if (!Array.isArray(v) || v.length === 0) throw new Error(`${where}: choice needs a non-empty list of values, got ${JSON.stringify(v)}`);
    return v;
  }
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === "number" && Number.isFinite(x)) || !(v[0] < v[1] || (kind === "int" && v[0] === v[1]))) {
    throw new Error(`${where}: ${kind} needs [low, high] with low < high, got ${JSON.stringify(v)}`);
  }
  if (kind === "logUniform" && v[0] <= 0) throw new Error(`${where}: logUniform needs 0 < low, got ${JSON.stringify(v)}`);
  if (kind === "int" && !v.every(Number.isInteger)) throw new Error(`${where}: int needs integer ends, got ${JSON.stringify(v)}`);
  return v;
}

/** A distribution whose values can be listed (choice, int) is a grid axis too. */
function gridValues(option: SpaceOption): unknown[] | null {
  if (Array.isArray(option)) return option;
  const d = option as Distribution;
  if ("choice" in d) return d.choice;
  if ("int" in d) return Array.from({ length: d.int[1] - d.int[0] + 1 }, (_, i) => d.int[0] + i);
  return null;
}

function sample(option: SpaceOption, rand: () => number): unknown {
  const listed = gridValues(option);
  if (listed !== null) return listed[Math.floor(rand() * listed.length)];
  const d = option as Distribution;
  if ("uniform" in d) return d.uniform[0] + rand() * (d.uniform[1] - d.uniform[0]);
  const [lo, hi] = (d as { logUniform: [number, number] }).logUniform;
  return Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo)));
}

/**
 * The configs a sweep tries, in a fixed order (the same space and seed give the same configs on
 * every machine). `grid`: every combination of the lists (and of choice/int values); a continuous
 * distribution (uniform, logUniform) is sampled once per combination, `samples` times over (default
 * 1). `random`: `trials` configs, each option drawn (a list uniformly). Duplicate configs are
 * dropped (the same config is the same trial).
 *
 * @example
 * spaceConfigs({ cell: ["gru", "lstm"], seed: [1, 2] }, { search: "grid" }) // 4 configs: gru 1, gru 2, lstm 1, lstm 2
 */
export function spaceConfigs(space: SearchSpace, options: { search: "grid" | "random"; trials?: number; samples?: number; seed?: number }): Array<Record<string, unknown>> {
  const names = Object.keys(space);
  const rand = seededRandom(options.seed ?? 0);
  const configs: Array<Record<string, unknown>> = [];
  if (options.search === "random") {
    const n = options.trials;
    if (n === undefined || !Number.isInteger(n) || n < 1) throw new Error(`sweep: random search needs budget.trials, the number of configs (an integer ≥ 1), got ${JSON.stringify(n)}`);
    for (let i = 0; i < n; i++) configs.push(Object.fromEntries(names.map((k) => [k, sample(space[k], rand)])));
  } else {
    const axes = names.filter((k) => gridValues(space[k]) !== null);
    let points: Array<Record<string, unknown>> = [{}];
    for (const k of axes) points = points.flatMap((p) => gridValues(space[k])!.map((v) => ({ ...p, [k]: v })));
    const samples = options.samples ?? 1;
    for (let s = 0; s < samples; s++) {
      for (const p of points) configs.push(Object.fromEntries(names.map((k) => [k, k in p ? p[k] : sample(space[k], rand)])));
    }
  }
  const seen = new Set<string>();
  return configs.filter((c) => {
    const key = canonicalJson(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
