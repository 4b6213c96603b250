import { BACKENDS } from "../backend";
import { GRU_IMPLEMENTATIONS } from "../models/pickGruSequence";
import type { CommandInput, OptionSpec } from "./commandSpec";

/** An integer option ≥ `min` with its default. */
function integer(name: string, min: number, byDefault: number, doc: string): OptionSpec {
  return { name, type: "integer", min, default: byDefault, doc };
}

/**
 * The options the study commands (tutorial, forecast, charlm, gru-vs-lstm) share, one spec
 * builder each: the command passes its own default (and, where its meaning is narrower, its own
 * doc line), so the usage still shows every option with its default.
 *
 * @example
 * const options: OptionSpec[] = [commonOptions.epochs(30), commonOptions.seed(42), commonOptions.backend(), commonOptions.out()];
 */
export const commonOptions = {
  epochs: (byDefault: number, doc = "maximum training epochs"): OptionSpec => integer("epochs", 1, byDefault, doc),
  units: (byDefault: number, doc = "GRU units"): OptionSpec => integer("units", 1, byDefault, doc),
  batchSize: (byDefault: number, doc = "samples per step"): OptionSpec => integer("batch-size", 1, byDefault, doc),
  patience: (byDefault: number): OptionSpec => integer("patience", 0, byDefault, "early stopping patience in epochs, 0 = off"),
  seed: (byDefault: number, doc = "seed of initial weights and shuffling"): OptionSpec => integer("seed", 0, byDefault, doc),
  learningRate: (byDefault: number): OptionSpec => ({ name: "learning-rate", type: "number", min: 0, default: byDefault, doc: "Adam learning rate" }),
  gruImplementation: (byDefault: string): OptionSpec =>
    ({ name: "gru-implementation", type: "choice", choices: GRU_IMPLEMENTATIONS, default: byDefault, doc: "sequence code of the grulab GRU" }),
  backend: (): OptionSpec =>
    ({ name: "backend", type: "choice", choices: BACKENDS, defaultDoc: "$GRULAB_BACKEND, else the fastest available", doc: "tensor backend" }),
  /** `folder`: what the command writes under DIR ("run folder", "run folders"). */
  out: (folder = "run folder"): OptionSpec =>
    ({ name: "out", type: "path", valueName: "DIR", defaultDoc: "the project's runs/, or $GRULAB_RUNS", doc: `parent folder of the ${folder}, relative to the current directory` }),
};

/**
 * The parsed values a study job takes as they are: each named numeric option as a number, and
 * `backend` and `out` (undefined when absent, so the job picks its own). Options the command
 * turns into something else (lists, renamed keys) it maps itself.
 *
 * @example
 * await runForecast({ ...jobOptions(o, ["epochs", "units"]), file: o.data as string | undefined });
 */
export function jobOptions<K extends string>(o: CommandInput["options"], numeric: readonly K[]): Record<K, number> & { backend: string | undefined; out: string | undefined } {
  const numbers = Object.fromEntries(numeric.map((key) => [key, o[key] as number])) as Record<K, number>;
  return { ...numbers, backend: o.backend as string | undefined, out: o.out as string | undefined };
}
