import { BACKENDS } from "../../backend";
import { GRU_IMPLEMENTATIONS, type GruImplementation } from "../../models/pickGruSequence";
import { FORECAST_DEFAULTS, runForecast } from "../../studies/runForecast";
import type { CommandSpec } from "../commandSpec";

const d = FORECAST_DEFAULTS;

/**
 * `grulab forecast`: a GRU forecaster on a monthly series (default Mauna Loa CO₂) against
 * persistence, seasonal naive and linear AR, one run folder.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["--epochs", "50"]));
 */
export const command: CommandSpec = {
  name: "forecast",
  summary: "forecast a monthly series (default Mauna Loa CO2) with a GRU against persistence, seasonal naive and linear AR, one run folder",
  description: "Writes runs/<YYYYMMDD-HHMMSS>-forecast/: metrics.json holds the GRU's test mae and rmse over every month ahead (in the series' units) beside each baseline's; the printed table adds one month ahead. Optional steps (report.pdf, chart export) are warnings when they fail. Ctrl-C keeps the finished epochs.",
  options: [
    { name: "epochs", type: "integer", min: 1, default: d.epochs, doc: "maximum training epochs (early stopping ends sooner)" },
    { name: "patience", type: "integer", min: 0, default: d.patience, doc: "early stopping patience in epochs, 0 = off" },
    { name: "units", type: "integer", min: 1, default: d.units, doc: "GRU units" },
    { name: "timesteps", type: "integer", min: 1, default: d.timesteps, doc: "months of history per window" },
    { name: "horizon", type: "integer", min: 1, default: d.horizon, doc: "months forecast from each window" },
    { name: "batch-size", type: "integer", min: 1, default: d.batchSize, doc: "samples per step" },
    { name: "learning-rate", type: "number", min: 0, default: d.learningRate, doc: "Adam learning rate" },
    { name: "seed", type: "integer", min: 0, default: d.seed, doc: "seed of initial weights and shuffling" },
    { name: "backend", type: "choice", choices: BACKENDS, defaultDoc: "$GRULAB_BACKEND, else the fastest available", doc: "tensor backend" },
    { name: "gru-implementation", type: "choice", choices: GRU_IMPLEMENTATIONS, default: "auto", doc: "sequence code of the grulab GRU" },
    { name: "out", type: "path", valueName: "DIR", defaultDoc: "the project's runs/, or $GRULAB_RUNS", doc: "parent folder of the run folder, relative to the current directory" },
    { name: "data", type: "path", valueName: "FILE", defaultDoc: "the bundled datasets/co2-concentration.csv", doc: "monthly CSV (one row per month, in time order), relative to the current directory" },
    { name: "date-column", type: "string", valueName: "NAME", default: "Date", doc: "the CSV's date column (YYYY-MM-DD or YYYY-MM)" },
    { name: "column", type: "string", valueName: "NAME", default: "CO2", doc: "the CSV's column to forecast" },
  ],
  run: async ({ options: o }) => {
    await runForecast({
      epochs: o.epochs as number, patience: o.patience as number, units: o.units as number, timesteps: o.timesteps as number,
      horizon: o.horizon as number, batchSize: o.batchSize as number, learningRate: o.learningRate as number, seed: o.seed as number,
      backend: o.backend as string | undefined, gruImplementation: o.gruImplementation as GruImplementation, out: o.out as string | undefined,
      file: o.data as string | undefined, dateColumn: o.dateColumn as string, valueColumn: o.column as string,
    });
  },
};
