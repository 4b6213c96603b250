import { BACKENDS } from "../../backend";
import { CHARLM_DEFAULTS, runCharLm } from "../../studies/runCharLm";
import type { CommandSpec } from "../commandSpec";

/**
 * `grulab charlm`: the char-level GRU language model on TypeScript's lib files, one run folder.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["--epochs", "1", "--max-chars", "20000"]));
 */
export const command: CommandSpec = {
  name: "charlm",
  summary: "char-level GRU language model on TypeScript's lib.*.d.ts (Karpathy et al. 2015), one run folder",
  options: [
    { name: "units", type: "integer", min: 1, default: CHARLM_DEFAULTS.units, doc: "GRU units per layer" },
    { name: "layers", type: "integer", min: 1, default: CHARLM_DEFAULTS.layers, doc: "stacked GRU layers" },
    { name: "timesteps", type: "integer", min: 1, default: CHARLM_DEFAULTS.timesteps, doc: "characters per training window" },
    { name: "batch-size", type: "integer", min: 1, default: CHARLM_DEFAULTS.batchSize, doc: "windows per step" },
    { name: "epochs", type: "integer", min: 1, default: CHARLM_DEFAULTS.epochs, doc: "training epochs" },
    { name: "train-windows", type: "integer", min: 0, default: CHARLM_DEFAULTS.trainWindows, doc: "training windows per epoch (0 = all)" },
    { name: "max-chars", type: "integer", min: 0, default: CHARLM_DEFAULTS.maxChars, doc: "cut every split to this many characters (0 = no cut)" },
    { name: "seed", type: "integer", min: 0, default: CHARLM_DEFAULTS.seed, doc: "seed of weights, window choice and sampling" },
    { name: "backend", type: "choice", choices: BACKENDS, defaultDoc: "$GRULAB_BACKEND, else the fastest available", doc: "tensor backend" },
    { name: "out", type: "path", valueName: "DIR", defaultDoc: "the project's runs/, or $GRULAB_RUNS", doc: "parent folder of the run folder, relative to the current directory" },
  ],
  run: async ({ options: o }) => {
    await runCharLm({
      units: o.units as number, layers: o.layers as number, timesteps: o.timesteps as number, batchSize: o.batchSize as number,
      epochs: o.epochs as number, trainWindows: o.trainWindows as number, maxChars: o.maxChars as number, seed: o.seed as number,
      backend: o.backend as string | undefined, out: o.out as string | undefined,
    });
  },
};
