import { BACKENDS } from "../../backend";
import { CHARLM_DEFAULTS, runCharLm } from "../../studies/runCharLm";
import type { CommandSpec } from "../commandSpec";
import { UsageError } from "../usageError";

const d = CHARLM_DEFAULTS;

/** "1,3,5" → [1, 3, 5]; anything else is a usage error naming the option. */
function numberList(text: string, option: string, integer: boolean): number[] {
  const values = text.split(",").map((s) => Number(s.trim()));
  if (text.trim() === "" || values.some((v) => !Number.isFinite(v) || (integer && (!Number.isInteger(v) || v < 1)) || v < 0)) {
    throw new UsageError(`option --${option} expects a comma-separated list of ${integer ? "positive integers" : "numbers ≥ 0"}, got "${text}"`);
  }
  return values;
}

/**
 * `grulab charlm`: the char-level GRU language model of Karpathy et al. 2015 on TypeScript's
 * lib.*.d.ts, one run folder (see runCharLm).
 *
 * @example
 * await command.run(parseCommandArgs(command, ["--epochs", "1", "--max-chars", "50000"]));
 */
export const command: CommandSpec = {
  name: "charlm",
  summary: "char-level GRU language model on TypeScript's lib.*.d.ts (Karpathy et al. 2015), one run folder",
  description: "Writes runs/<YYYYMMDD-HHMMSS>-charlm/: history, checkpoints, metrics (test bpc beside n-gram baselines), " +
    "gate traces, traces/unit-features.csv, generated.txt (samples), model, report. Defaults take minutes (docs/studies-charlm.md).",
  options: [
    { name: "units", type: "integer", min: 1, default: d.units, doc: "GRU units per layer" },
    { name: "layers", type: "integer", min: 1, default: d.layers, doc: "stacked GRU layers" },
    { name: "timesteps", type: "integer", min: 1, default: d.timesteps, doc: "characters per training window (truncated BPTT)" },
    { name: "batch-size", type: "integer", min: 1, default: d.batchSize, doc: "windows per step" },
    { name: "epochs", type: "integer", min: 1, default: d.epochs, doc: "training epochs" },
    { name: "train-windows", type: "integer", min: 0, default: d.trainWindows, doc: "training windows per epoch, a seeded subset (0 = all ~28,000)" },
    { name: "validation-windows", type: "integer", min: 0, default: d.validationWindows, doc: "validation windows scored after each epoch (0 = all)" },
    { name: "learning-rate", type: "number", min: 0, default: d.learningRate, doc: "Adam learning rate" },
    { name: "ngram-orders", type: "string", valueName: "LIST", default: d.ngramOrders.join(","), doc: "n of each n-gram baseline, comma-separated" },
    { name: "temperatures", type: "string", valueName: "LIST", default: d.temperatures.join(","), doc: "sampling temperatures, comma-separated" },
    { name: "trace-chars", type: "integer", min: 1, default: d.traceChars, doc: "test characters read for the unit search" },
    { name: "trace-from", type: "integer", min: 0, default: d.traceFrom, doc: "where those characters start in the test text" },
    { name: "max-chars", type: "integer", min: 0, default: d.maxChars, doc: "cut every split to this many characters (0 = no cut)" },
    { name: "seed", type: "integer", min: 0, default: d.seed, doc: "seed of weights, window choice and sampling" },
    { name: "backend", type: "choice", choices: BACKENDS, defaultDoc: "$GRULAB_BACKEND, else the fastest available", doc: "tensor backend" },
    { name: "out", type: "path", valueName: "DIR", defaultDoc: "the project's runs/, or $GRULAB_RUNS", doc: "parent folder of the run folder, relative to the current directory" },
  ],
  run: async ({ options: o }) => {
    await runCharLm({
      units: o.units as number, layers: o.layers as number, timesteps: o.timesteps as number, batchSize: o.batchSize as number,
      epochs: o.epochs as number, trainWindows: o.trainWindows as number, validationWindows: o.validationWindows as number,
      learningRate: o.learningRate as number, ngramOrders: numberList(o.ngramOrders as string, "ngram-orders", true),
      temperatures: numberList(o.temperatures as string, "temperatures", false), traceChars: o.traceChars as number, traceFrom: o.traceFrom as number,
      maxChars: o.maxChars as number, seed: o.seed as number, backend: o.backend as string | undefined, out: o.out as string | undefined,
    });
  },
};
