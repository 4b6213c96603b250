import { CHARLM_DEFAULTS, runCharLm } from "../../studies/runCharLm";
import type { CommandSpec } from "../commandSpec";
import { commonOptions as c, jobOptions } from "../commonOptions";
import { UsageError } from "../usageError";
import { TRACE_FILES } from "../../runs/runFormat";

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
    `gate traces, traces/${TRACE_FILES.unitFeatures}, generated.txt (samples), model, report. Defaults take minutes (docs/studies-charlm.md). ` +
    "Ctrl-C at any step (the n-gram baselines too: a line per order) keeps what was finished (exit 130): `grulab resume <run>` continues.",
  options: [
    c.units(d.units, "GRU units per layer"),
    { name: "layers", type: "integer", min: 1, default: d.layers, doc: "stacked GRU layers" },
    { name: "timesteps", type: "integer", min: 1, default: d.timesteps, doc: "characters per training window (truncated BPTT)" },
    c.batchSize(d.batchSize, "windows per step"),
    c.epochs(d.epochs, "training epochs"),
    { name: "train-windows", type: "integer", min: 0, default: d.trainWindows, doc: "training windows per epoch, a seeded subset (0 = all ~28,000)" },
    { name: "validation-windows", type: "integer", min: 0, default: d.validationWindows, doc: "validation windows scored after each epoch (0 = all)" },
    c.learningRate(d.learningRate),
    { name: "ngram-orders", type: "string", valueName: "LIST", default: d.ngramOrders.join(","), doc: "n of each n-gram baseline, comma-separated" },
    { name: "temperatures", type: "string", valueName: "LIST", default: d.temperatures.join(","), doc: "sampling temperatures, comma-separated" },
    { name: "trace-chars", type: "integer", min: 1, default: d.traceChars, doc: "test characters read for the unit search" },
    { name: "trace-from", type: "integer", min: 0, default: d.traceFrom, doc: "where those characters start in the test text" },
    { name: "max-chars", type: "integer", min: 0, default: d.maxChars, doc: "cut every split to this many characters (0 = no cut)" },
    c.seed(d.seed, "seed of weights, window choice and sampling"),
    c.backend(),
    c.out(),
  ],
  run: async ({ options: o }) => {
    await runCharLm({
      ...jobOptions(o, ["units", "layers", "timesteps", "batchSize", "epochs", "trainWindows", "validationWindows", "learningRate",
        "traceChars", "traceFrom", "maxChars", "seed"]),
      ngramOrders: numberList(o.ngramOrders as string, "ngram-orders", true), temperatures: numberList(o.temperatures as string, "temperatures", false),
    });
  },
};
