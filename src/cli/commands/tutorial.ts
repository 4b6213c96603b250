import { BACKENDS } from "../../backend";
import { GRU_IMPLEMENTATIONS, type GruImplementation } from "../../models/pickGruSequence";
import { runTutorial, TUTORIAL_DEFAULTS, type TutorialOptions } from "../../runs/runTutorial";
import type { CommandSpec } from "../commandSpec";

const d = TUTORIAL_DEFAULTS;

/**
 * `grulab tutorial`: the tutorial's GRU classifier on the Seattle weather data, one run folder.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["--epochs", "5"]));
 */
export const command: CommandSpec = {
  name: "tutorial",
  summary: "reproduce the tutorial: GRU(units) → Dense(softmax) on the Seattle weather data, one run folder",
  description: "Writes runs/<YYYYMMDD-HHMMSS>-tutorial/ (history, metrics, traces, model, report). Optional steps (a failure is a warning, the run still finishes): report.pdf and chart export (need Chromium). Ctrl-C keeps the finished epochs: `grulab resume <run>` continues.",
  options: [
    { name: "epochs", type: "integer", min: 1, default: d.epochs, doc: "maximum training epochs" },
    { name: "units", type: "integer", min: 1, default: d.units, doc: "GRU units" },
    { name: "timesteps", type: "integer", min: 1, default: d.timesteps, doc: "past days per window" },
    { name: "batch-size", type: "integer", min: 1, default: d.batchSize, doc: "samples per step" },
    { name: "patience", type: "integer", min: 0, default: d.patience, doc: "early stopping patience in epochs, 0 = off" },
    { name: "seed", type: "integer", min: 0, default: d.seed, doc: "seed of initial weights and shuffling" },
    { name: "backend", type: "choice", choices: BACKENDS, defaultDoc: "$GRULAB_BACKEND, else the fastest available", doc: "tensor backend" },
    { name: "gru", type: "choice", choices: ["grulab", "tfjs"], default: d.gru, doc: "GRU layer (grulab: tf.keras 2 and Keras 3 reset-after, gate traces; tfjs: tf.layers.gru, reset-before)" },
    { name: "gru-implementation", type: "choice", choices: GRU_IMPLEMENTATIONS, default: d.gruImplementation, doc: "sequence code of the grulab GRU" },
    { name: "out", type: "path", valueName: "DIR", defaultDoc: "the project's runs/, or $GRULAB_RUNS", doc: "parent folder of the run folder, relative to the current directory" },
    { name: "new-classes", type: "flag", default: false, doc: "admit weather classes beyond drizzle, fog, rain, snow, sun (without it an unknown class is an error naming its line)" },
    { name: "data", type: "path", valueName: "FILE", defaultDoc: "the bundled datasets/seattle-weather.csv", doc: "CSV with date, precipitation, temp_max, temp_min, wind, weather; relative to the current directory" },
  ],
  run: async ({ options: o }) => {
    const options: TutorialOptions = {
      epochs: o.epochs as number, units: o.units as number, timesteps: o.timesteps as number, batchSize: o.batchSize as number,
      patience: o.patience as number, seed: o.seed as number, backend: o.backend as string | undefined,
      gru: o.gru as TutorialOptions["gru"], gruImplementation: o.gruImplementation as GruImplementation,
      out: o.out as string | undefined, file: o.data as string | undefined, newClasses: o.newClasses as boolean,
    };
    await runTutorial(options);
  },
};
