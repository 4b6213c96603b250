import * as fs from "fs";
import * as path from "path";
import { forecastStudy } from "../../studies/forecastStudy";
import { tutorialStudy } from "../../studies/tutorialStudy";
import { writeStudyFigures } from "../../studies/writeStudyFigures";
import type { CommandSpec } from "../commandSpec";

/**
 * `grulab study tutorial|forecast`: a study at its budget of record, writing results/<study>.json, the
 * file the numbers in README.md and docs/ are checked against, then its figures (docs/figures/<study>-*.svg)
 * from that file; `--figures-only` redraws the figures from the file without training.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["tutorial", "--seeds", "3", "--results", "/tmp/results"]));
 */
/** Each study's budget of record: seeds 1…N and the epoch bound. */
const STUDY_DEFAULTS: Record<string, { seeds: number; epochs: number }> = { tutorial: { seeds: 10, epochs: 30 }, forecast: { seeds: 5, epochs: 300 } };

export const command: CommandSpec = {
  name: "study",
  summary: "run a study at its budget of record and write results/<study>.json (the numbers the docs quote)",
  description: "tutorial: the tutorial's GRU(128) over seeds 1…N beside the strongest simple baselines on the same 219 test days: accuracy, log-loss, Brier and macro-F1 with 95 % intervals over seeds, and McNemar's paired test of every seed against the strongest baseline. forecast: the CO₂ GRU forecaster over seeds 1…N (default 5, up to 300 epochs) beside persistence, seasonal naive with drift, AR, additive Holt–Winters and SARIMA (order, weights and orders chosen on validation) and a ridge linear model on the GRU's own inputs and targets: MAE/RMSE per month ahead and Diebold–Mariano tests. Both then draw their figures (docs/figures/<study>-*.svg) from the results file; --figures-only draws them from the existing file without training.",
  args: [{ name: "study", doc: "the study to run: tutorial or forecast" }],
  options: [
    { name: "seeds", type: "integer", min: 1, defaultDoc: "10 (tutorial), 5 (forecast)", doc: "seeds 1…N" },
    { name: "epochs", type: "integer", min: 1, defaultDoc: "30 (tutorial), 300 (forecast)", doc: "maximum epochs per seed (early stopping ends sooner)" },
    { name: "results", type: "path", valueName: "DIR", defaultDoc: "the project's results/", doc: "where <study>.json is written, relative to the current directory" },
    { name: "figures", type: "path", valueName: "DIR", defaultDoc: "the project's docs/figures (DIR/figures with --results DIR)", doc: "where the study's SVG figures are written (through Chromium)" },
    { name: "figures-only", type: "flag", default: false, doc: "train nothing: draw the figures from the existing results/<study>.json (or --results DIR)" },
  ],
  run: async ({ options, args }) => {
    const study = String(args.study);
    const defaults = STUDY_DEFAULTS[study];
    if (!defaults) throw new Error(`grulab study: unknown study "${study}"; the studies with a results file: ${Object.keys(STUDY_DEFAULTS).join(", ")}`);
    const seedCount = options.seeds === undefined ? defaults.seeds : Number(options.seeds);
    const epochs = options.epochs === undefined ? defaults.epochs : Number(options.epochs);
    const seeds = Array.from({ length: seedCount }, (_, i) => i + 1);
    const resultsDir = options.results === undefined ? undefined : path.resolve(String(options.results));
    const figuresDir = options.figures !== undefined ? path.resolve(String(options.figures)) : resultsDir !== undefined ? path.join(resultsDir, "figures") : undefined;
    if (options.figuresOnly) {
      const file = path.join(resultsDir ?? path.resolve(__dirname, "../../../../results"), `${study}.json`);
      if (!fs.existsSync(file)) throw new Error(`grulab study ${study} --figures-only: ${file} does not exist: run \`grulab study ${study}\` first (or point --results at the folder that holds ${study}.json)`);
      let results: unknown;
      try {
        results = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch (err) {
        throw new Error(`grulab study ${study} --figures-only: ${file} is not valid JSON (${(err as Error).message})`);
      }
      await writeStudyFigures(study, results, figuresDir);
      return;
    }
    const argv = [`grulab study ${study}`, seedCount !== defaults.seeds ? `--seeds ${seedCount}` : "", epochs !== defaults.epochs ? `--epochs ${epochs}` : ""].filter(Boolean).join(" ");
    const results = study === "tutorial" ? await tutorialStudy({ seeds, epochs, resultsDir, command: argv }) : await forecastStudy({ seeds, epochs, resultsDir, command: argv });
    try {
      await writeStudyFigures(study, results, figuresDir);
    } catch (err) {
      throw new Error(`grulab study ${study}: the results are written, the figures are not (${(err as Error).message}); \`grulab study ${study} --figures-only\` draws them from the results file`);
    }
  },
};
