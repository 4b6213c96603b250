import type { GruImplementation } from "../../models/pickGruSequence";
import { FORECAST_DEFAULTS, runForecast } from "../../studies/runForecast";
import type { CommandSpec } from "../commandSpec";
import { commonOptions as c, jobOptions } from "../commonOptions";
import { RUN_FILES } from "../../runs/runFormat";

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
  description: `Writes runs/<YYYYMMDD-HHMMSS>-forecast/: ${RUN_FILES.metrics} holds the GRU's test mae and rmse over every month ahead (in the series' units) beside each baseline's; the printed table adds one month ahead. Optional steps (${RUN_FILES.reportPdf}, chart export) are warnings when they fail. Ctrl-C at any step keeps what was finished (exit 130; ${RUN_FILES.run} says interrupted and the step): \`grulab resume <run>\` continues.`,
  options: [
    c.epochs(d.epochs, "maximum training epochs (early stopping ends sooner)"),
    c.patience(d.patience),
    c.units(d.units),
    { name: "timesteps", type: "integer", min: 1, default: d.timesteps, doc: "months of history per window" },
    { name: "horizon", type: "integer", min: 1, default: d.horizon, doc: "months forecast from each window" },
    c.batchSize(d.batchSize),
    c.learningRate(d.learningRate),
    c.seed(d.seed),
    c.backend(),
    c.gruImplementation("auto"),
    c.out(),
    { name: "data", type: "path", valueName: "FILE", defaultDoc: "the bundled datasets/co2-concentration.csv", doc: "monthly CSV (one row per month, in time order), relative to the current directory" },
    { name: "date-column", type: "string", valueName: "NAME", default: "Date", doc: "the CSV's date column (YYYY-MM-DD or YYYY-MM)" },
    { name: "column", type: "string", valueName: "NAME", default: "CO2", doc: "the CSV's column to forecast" },
  ],
  run: async ({ options: o }) => {
    await runForecast({
      ...jobOptions(o, ["epochs", "patience", "units", "timesteps", "horizon", "batchSize", "learningRate", "seed"]),
      gruImplementation: o.gruImplementation as GruImplementation,
      file: o.data as string | undefined, dateColumn: o.dateColumn as string, valueColumn: o.column as string,
    });
  },
};
