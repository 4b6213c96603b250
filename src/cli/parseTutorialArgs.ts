import { parseArgs } from "util";
import { BACKENDS } from "../backend";
import { GRU_IMPLEMENTATIONS, type GruImplementation } from "../models/pickGruSequence";
import { TUTORIAL_DEFAULTS, type TutorialOptions } from "../runs/runTutorial";

/**
 * A command-line mistake: the CLI prints its message and exits with code 2.
 *
 * @example
 * throw new UsageError('option --epochs expects an integer ≥ 1, got "x"');
 */
export class UsageError extends Error {}

const INTEGER_OPTIONS: Array<[flag: string, key: keyof TutorialOptions, min: number]> = [
  ["epochs", "epochs", 1], ["units", "units", 1], ["timesteps", "timesteps", 1], ["seed", "seed", 0],
  ["batch-size", "batchSize", 1], ["patience", "patience", 0],
];

/**
 * Parses `grulab tutorial` options into TutorialOptions. Unknown options, missing values,
 * non-integers and unknown backends are UsageErrors naming the option and what it expects.
 *
 * @example
 * parseTutorialArgs(["--epochs", "5", "--backend", "cpu"]) // { epochs: 5, backend: "cpu" }
 */
export function parseTutorialArgs(args: string[]): TutorialOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      allowPositionals: false,
      strict: true,
      options: {
        ...Object.fromEntries(INTEGER_OPTIONS.map(([flag]) => [flag, { type: "string" as const }])),
        backend: { type: "string" }, out: { type: "string" }, gru: { type: "string" }, "gru-implementation": { type: "string" }, data: { type: "string" },
      },
    }));
  } catch (err) {
    const msg = (err as Error).message.replace(/\. To specify a positional argument.*$/s, "");
    throw new UsageError(`${msg} (see grulab --help)`);
  }
  const out: TutorialOptions = {};
  for (const [flag, key, min] of INTEGER_OPTIONS) {
    const v = values[flag];
    if (v === undefined) continue;
    const s = String(v);
    if (!/^\d+$/.test(s) || Number(s) < min || !Number.isSafeInteger(Number(s))) {
      throw new UsageError(`option --${flag} expects an integer ≥ ${min}, got "${s}"`);
    }
    (out as Record<string, unknown>)[key] = Number(s);
  }
  if (values.backend !== undefined) {
    const b = String(values.backend);
    if (!(BACKENDS as readonly string[]).includes(b)) throw new UsageError(`option --backend expects one of ${BACKENDS.join(", ")}, got "${b}"`);
    out.backend = b;
  }
  if (values.gru !== undefined) {
    if (values.gru !== "grulab" && values.gru !== "tfjs") throw new UsageError(`option --gru expects grulab or tfjs, got "${String(values.gru)}"`);
    out.gru = values.gru;
  }
  if (values["gru-implementation"] !== undefined) {
    const v = String(values["gru-implementation"]);
    if (!(GRU_IMPLEMENTATIONS as readonly string[]).includes(v)) throw new UsageError(`option --gru-implementation expects one of ${GRU_IMPLEMENTATIONS.join(", ")}, got "${v}"`);
    out.gruImplementation = v as GruImplementation;
  }
  if (values.out !== undefined) {
    if (String(values.out) === "") throw new UsageError("option --out expects a folder, got an empty string");
    out.out = String(values.out);
  }
  if (values.data !== undefined) out.file = String(values.data);
  return out;
}

/**
 * The text of `grulab --help`.
 *
 * @example
 * process.stdout.write(helpText());
 */
export function helpText(): string {
  const d = TUTORIAL_DEFAULTS;
  return `grulab — GRU experiments in TypeScript

Usage:
  grulab tutorial [options]   reproduce the tutorial: train GRU(units) → Dense(softmax) on the
                              Seattle weather data and write runs/<YYYYMMDD-HHMMSS>-tutorial/
  grulab --help               this text

Options of tutorial:
  --epochs N        maximum training epochs (default ${d.epochs})
  --units N         GRU units (default ${d.units})
  --timesteps N     past days per window (default ${d.timesteps})
  --batch-size N    samples per step (default ${d.batchSize})
  --patience N      early stopping patience in epochs, 0 = off (default ${d.patience})
  --seed N          seed of initial weights and shuffling (default ${d.seed})
  --backend NAME    ${BACKENDS.join(" | ")} (default: $GRULAB_BACKEND, else the fastest available)
  --gru NAME        GRU layer: grulab (Keras 2+ reset-after GRU, gate traces) | tfjs
                    (tf.layers.gru, reset-before, for comparison) (default ${d.gru})
  --gru-implementation NAME
                    grulab GRU sequence code: ${GRU_IMPLEMENTATIONS.join(" | ")} (default ${d.gruImplementation})
  --out DIR         parent folder of the run folder, relative to the current folder (default: the project's runs/, or $GRULAB_RUNS)
  --data FILE       CSV with date, precipitation, temp_max, temp_min, wind, weather
                    (default: the bundled datasets/seattle-weather.csv)

Exit codes: 0 done, 1 failed, 2 bad command line.
`;
}
