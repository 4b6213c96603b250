import type { GruImplementation } from "../../models/pickGruSequence";
import { runTutorial, TUTORIAL_DEFAULTS, type TutorialOptions } from "../../studies/runTutorial";
import type { CommandSpec } from "../commandSpec";
import { commonOptions as c, jobOptions } from "../commonOptions";
import { RUN_FILES } from "../../runs/runFormat";

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
  description: `Writes runs/<YYYYMMDD-HHMMSS>-tutorial/ (history, metrics, traces, model, report). Optional steps (a failure is a warning, the run still finishes): ${RUN_FILES.reportPdf} and chart export (need Chromium). Ctrl-C at any step keeps what was finished (exit 130; ${RUN_FILES.run} says interrupted and the step): \`grulab resume <run>\` continues.`,
  options: [
    c.epochs(d.epochs),
    c.units(d.units),
    { name: "timesteps", type: "integer", min: 1, default: d.timesteps, doc: "past days per window" },
    c.batchSize(d.batchSize),
    c.patience(d.patience),
    c.seed(d.seed),
    c.backend(),
    { name: "gru", type: "choice", choices: ["grulab", "tfjs"], default: d.gru, doc: "GRU layer (grulab: tf.keras 2 and Keras 3 reset-after, gate traces; tfjs: tf.layers.gru, reset-before)" },
    c.gruImplementation(d.gruImplementation),
    c.out(),
    { name: "new-classes", type: "flag", default: false, doc: "admit weather classes beyond drizzle, fog, rain, snow, sun (without it an unknown class is an error naming its line)" },
    { name: "data", type: "path", valueName: "FILE", defaultDoc: "the bundled datasets/seattle-weather.csv", doc: "CSV with date, precipitation, temp_max, temp_min, wind, weather; relative to the current directory" },
  ],
  run: async ({ options: o }) => {
    const options: TutorialOptions = {
      ...jobOptions(o, ["epochs", "units", "timesteps", "batchSize", "patience", "seed"]),
      gru: o.gru as TutorialOptions["gru"], gruImplementation: o.gruImplementation as GruImplementation,
      file: o.data as string | undefined, newClasses: o.newClasses as boolean,
    };
    await runTutorial(options);
  },
};
