import * as fs from "fs";
import * as path from "path";
import { forecastStudy } from "../../studies/forecastStudy";
import { forecastSeedSweep } from "../../sweeps/forecastSeedSweep";
import { gruVsLstmStudy } from "../../sweeps/gruVsLstmStudy";
import { CHARLM_STUDY_DEFAULTS, charLmStudy } from "../../sweeps/charLmStudy";
import type { RecurrentCell } from "../../models/matchedUnits";
import { tutorialStudy } from "../../studies/tutorialStudy";
import { tutorialSeedSweep } from "../../sweeps/tutorialSeedSweep";
import { writeStudyFigures } from "../../studies/writeStudyFigures";
import type { CommandSpec } from "../commandSpec";
import CHARLM_COST from "../../../results/charlm-cost.json";

/**
 * `grulab study tutorial|forecast|gru-vs-lstm|charlm`: a study at its budget of record, writing results/<study>.json, the
 * file the numbers in README.md and docs/ are checked against, then its figures (docs/figures/<study>-*.svg);
 * `--figures-only` redraws the tutorial's, forecast's and charlm's figures from the file without training.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["tutorial", "--seeds", "3", "--results", "/tmp/results"]));
 */
/** Each study's budget of record: seeds 1…N and the epoch bound. */
const STUDY_DEFAULTS: Record<string, { seeds: number; epochs: number }> = { tutorial: { seeds: 10, epochs: 30 }, forecast: { seeds: 5, epochs: 300 }, "gru-vs-lstm": { seeds: 5, epochs: 0 }, charlm: { seeds: CHARLM_STUDY_DEFAULTS.seeds, epochs: CHARLM_STUDY_DEFAULTS.maxEpochs } };
/**
 * CPU-hours of the char-LM study's full design (2 × 256, 3 dropouts, 3 seeds, 30 epochs each), rounded:
 * results/charlm-cost.json's fullRun.cpuHours_u256_30epochs, read from the file itself (tsc copies the
 * imported JSON to dist/results/, which the package ships), so a new cost file changes the help at the next build.
 */
const FULL_DESIGN_CPU_HOURS = Math.round(CHARLM_COST.fullRun.cpuHours_u256_30epochs);
/** gru-vs-lstm's budget of record (the options below change it; the results file records what ran). */
const GRU_VS_LSTM_BUDGET = { tasks: "adding,recall", lengths: [50, 100, 200, 400].join(","), updates: 10_000, learningRates: "0.001,0.003,0.01", ablations: "gru-reset-before,gru-chrono,lstm-forget-bias-0,lstm-chrono" };

function list(name: string, value: string, parse: (s: string) => unknown): unknown[] {
  const parts = value === "" ? [] : value.split(",").map((s) => s.trim());
  return parts.map((p) => {
    const v = parse(p);
    if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`grulab study option --${name}: ${JSON.stringify(p)} is not a number (a comma-separated list, e.g. --${name} ${name === "lengths" ? "50,100" : "0.001,0.01"})`);
    return v;
  });
}

/** `--keep-from FILE`: the previous results of the study (gru-vs-lstm or charlm), parsed, or an error naming the file. */
function readKeptResults(study: string, file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) throw new Error(`grulab study ${study} option --keep-from: ${file} does not exist (give a results file of this study, e.g. results/${study}.json)`);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`grulab study ${study} option --keep-from: ${file} is not valid JSON (${(err as Error).message})`);
  }
}

export const command: CommandSpec = {
  name: "study",
  summary: "run a study at its budget of record and write results/<study>.json (the numbers the docs quote)",
  description: `charlm: the char-level study of record (Karpathy, Johnson & Fei-Fei 2015, in spirit) on TypeScript's lib files, as sweeps: GRU, LSTM and SimpleRNN language models at the parameter count of the GRU model of --units per layer (2 layers), trained by truncated BPTT with the state carried over every training character per epoch until the validation bpc (read with the state carried) stops improving (--patience, at most --epochs), dropout chosen per cell on validation from --dropouts, seeds 1…N; the defaults are the budget of record (2 × 128, dropouts 0 and 0.25, 3 seeds, at most 10 epochs: 18 trials); the full design, --units 256 --dropouts 0,0.25,0.5 --epochs 30 (27 trials), needs about ${FULL_DESIGN_CPU_HOURS} CPU-hours if every trial runs all 30 epochs (docs/studies-charlm.md); test bpc per cell (mean ± sd over seeds, moving-block bootstrap interval), n-gram baselines, gate saturation, units tested against a block-shuffle null, an untrained network and linear probes (seed 1); results/charlm.json and docs/figures/charlm-*.svg; the same command again resumes (--sweeps, default <runs>/sweeps/charlm-study); in pieces, a cell per session: --cells gru, then --cells lstm --keep-from results/charlm.json, then --cells simpleRnn --keep-from results/charlm.json, committing results/charlm.json and results/charlm-cells/ after each. gru-vs-lstm: GRU, LSTM and SimpleRNN at equal parameter counts on the adding problem (Le et al. 2015's variant) and delayed recall at T 50…400, as sweeps: a learning-rate sweep per cell and length on a tuning seed, then every cell and ablation (GRU reset-before, chrono initialisation, LSTM forget bias 0) over seeds 1…N, each trial --updates Adam updates on fresh batches with clipped gradients; success rate and updates to solve; results/gru-vs-lstm.json and docs/figures/gru-vs-lstm-*.svg; the same command again resumes. tutorial: the tutorial's GRU(128) over seeds 1…N (a sweep of the built-in tutorial trial, <runs>/sweeps/tutorial-study-*, read back when the same command runs again) beside the strongest simple baselines on the same 219 test days: accuracy, log-loss, Brier and macro-F1 with 95 % intervals over seeds, and McNemar's paired test of every seed against the strongest baseline. forecast: the CO₂ GRU forecaster over seeds 1…N (default 5, up to 300 epochs; the seeds are a sweep of the built-in forecast trial, <runs>/sweeps/forecast-study-*, read back when the same command runs again) beside persistence, seasonal naive with drift, AR, additive Holt–Winters and SARIMA (order, weights and orders chosen on validation) and a ridge linear model on the GRU's own inputs and targets: MAE/RMSE per month ahead and Diebold–Mariano tests. Every study then draws its figures (docs/figures/<study>-*.svg); --figures-only draws the tutorial's, forecast's or charlm's from the existing results file without training.`,
  args: [{ name: "study", doc: "the study to run: tutorial, forecast, gru-vs-lstm or charlm" }],
  options: [
    { name: "seeds", type: "integer", min: 1, defaultDoc: `10 (tutorial), 5 (forecast, gru-vs-lstm), ${CHARLM_STUDY_DEFAULTS.seeds} (charlm)`, doc: "seeds 1…N" },
    { name: "epochs", type: "integer", min: 1, defaultDoc: `30 (tutorial), 300 (forecast), ${CHARLM_STUDY_DEFAULTS.maxEpochs} (charlm)`, doc: "maximum epochs per seed (early stopping ends sooner)" },
    { name: "results", type: "path", valueName: "DIR", defaultDoc: "the project's results/", doc: "where <study>.json is written, relative to the current directory" },
    { name: "tasks", type: "string", valueName: "LIST", defaultDoc: GRU_VS_LSTM_BUDGET.tasks, doc: "gru-vs-lstm: the tasks, comma-separated" },
    { name: "lengths", type: "string", valueName: "LIST", defaultDoc: GRU_VS_LSTM_BUDGET.lengths, doc: "gru-vs-lstm: the sequence lengths T" },
    { name: "updates", type: "integer", min: 1, defaultDoc: String(GRU_VS_LSTM_BUDGET.updates), doc: "gru-vs-lstm: Adam updates per trial (a multiple of 50)" },
    { name: "learning-rates", type: "string", valueName: "LIST", defaultDoc: GRU_VS_LSTM_BUDGET.learningRates, doc: "gru-vs-lstm: the learning rates tried per cell and length" },
    { name: "ablations", type: "string", valueName: "LIST", defaultDoc: GRU_VS_LSTM_BUDGET.ablations, doc: "gru-vs-lstm: the ablations (empty: none)" },
    { name: "ablation-lengths", type: "string", valueName: "LIST", defaultDoc: "every length", doc: "gru-vs-lstm: the lengths the ablations run at" },
    { name: "cells", type: "string", valueName: "LIST", defaultDoc: `gru,lstm,simpleRnn (gru-vs-lstm), ${CHARLM_STUDY_DEFAULTS.cells.join(",")} (charlm)`, doc: "gru-vs-lstm: the cells run over the seeds (fewer, or empty, with --keep-from, which keeps the others' rows); charlm: the cells trained (with --keep-from the kept file's other cells are kept and compared too)" },
    { name: "units", type: "integer", min: 1, defaultDoc: String(CHARLM_STUDY_DEFAULTS.gruUnits), doc: "charlm: units per layer of the GRU model (the other cells match its parameter count)" },
    { name: "dropouts", type: "string", valueName: "LIST", defaultDoc: CHARLM_STUDY_DEFAULTS.dropouts.join(","), doc: "charlm: the dropout rates tried per cell (chosen on validation)" },
    { name: "max-chars", type: "integer", min: 0, defaultDoc: "0 (the whole corpus)", doc: "charlm: cut every split of the corpus to this many characters" },
    { name: "patience", type: "integer", min: 0, defaultDoc: String(CHARLM_STUDY_DEFAULTS.patience), doc: "charlm: epochs without a better validation bpc before a trial stops" },
    { name: "unit-chars", type: "integer", min: 8, defaultDoc: String(CHARLM_STUDY_DEFAULTS.unitChars), doc: `charlm: test characters the unit tests read (of the saturation trace's ${CHARLM_STUDY_DEFAULTS.traceChars.toLocaleString("en-US")}, so at most that)` },
    { name: "unit-shuffles", type: "integer", min: 0, defaultDoc: String(CHARLM_STUDY_DEFAULTS.unitShuffles), doc: "charlm: block shuffles of the unit tests' null (0: no unit tests); neither option changes a trial" },
    { name: "workers", type: "integer", min: 0, defaultDoc: "the number of cores (gru-vs-lstm, charlm), 0 (tutorial, forecast)", doc: "worker processes of the study's sweeps (0: in this process)" },
    { name: "sweeps", type: "path", valueName: "DIR", defaultDoc: "<runs>/sweeps/gru-vs-lstm-study (charlm: <runs>/sweeps/charlm-study)", doc: "gru-vs-lstm, charlm: the folder of the study's sweeps; tutorial, forecast: the parent folder of its seeds' sweep (default <runs>/sweeps). The same folder again resumes" },
    { name: "keep-from", type: "path", valueName: "FILE", doc: "gru-vs-lstm, charlm: a previous results file at the same budget (refused otherwise, naming the difference), so that the study runs in pieces. gru-vs-lstm: its rows this run does not make are kept (each marked with its run's date) and its chosen learning rates used (no learning-rate sweep where it has them). charlm: its cells this run does not train (--cells) are kept, each marked with its run's date, and compared with this run's (differences, error analysis) through their per-character test log2 p, read from the charlm-cells/ folder beside FILE (every charlm.json is written with it: commit both after each piece), e.g. --cells lstm --keep-from results/charlm.json. The new file's budget.runs records the kept file's date and command, not its path" },
    { name: "figures", type: "path", valueName: "DIR", defaultDoc: "the project's docs/figures (DIR/figures with --results DIR)", doc: "where the study's SVG figures are written (through Chromium)" },
    { name: "stop-when-solved", type: "flag", default: false, doc: "gru-vs-lstm: end each trial after its first validation score below the solved threshold (success and updates to solve as without stopping; test error at the stop; learning rate chosen solved-fastest first); off by default, so that the committed 600-update study's trials and numbers are what the command reproduces" },
    { name: "figures-only", type: "flag", default: false, doc: "train nothing: draw the figures from the existing results/<study>.json (or --results DIR); tutorial, forecast and charlm" },
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
    if (study === "gru-vs-lstm") {
      const given = (name: string, fallback: string) => (options[name] === undefined ? fallback : String(options[name]));
      const kept = options.keepFrom === undefined ? undefined : readKeptResults(study, path.resolve(String(options.keepFrom)));
      const flags = [["tasks", "tasks"], ["lengths", "lengths"], ["updates", "updates"], ["learning-rates", "learningRates"], ["cells", "cells"], ["ablations", "ablations"], ["ablation-lengths", "ablationLengths"], ["workers", "workers"]]
        .filter(([, k]) => options[k] !== undefined).map(([flag, k]) => `--${flag} ${String(options[k]) === "" ? "\"\"" : String(options[k])}`)
        // The kept file by what it is (the run's keptFrom has its date, command and budget), not by a path that may be temporary.
        .concat(options.stopWhenSolved === true ? ["--stop-when-solved"] : [])
        .concat(kept === undefined ? [] : [`--keep-from "<gru-vs-lstm results of ${String(kept.date)}>"`]);
      const command = [`grulab study gru-vs-lstm`, seedCount !== defaults.seeds ? `--seeds ${seedCount}` : "", ...flags].filter(Boolean).join(" ");
      await gruVsLstmStudy({
        tasks: list("tasks", given("tasks", GRU_VS_LSTM_BUDGET.tasks), String) as Array<"adding" | "recall">,
        lengths: list("lengths", given("lengths", GRU_VS_LSTM_BUDGET.lengths), Number) as number[],
        seeds: seedCount, updates: options.updates === undefined ? GRU_VS_LSTM_BUDGET.updates : Number(options.updates),
        learningRates: list("learning-rates", given("learningRates", GRU_VS_LSTM_BUDGET.learningRates), Number) as number[],
        cells: options.cells === undefined ? undefined : list("cells", String(options.cells), String) as string[],
        ablations: list("ablations", given("ablations", GRU_VS_LSTM_BUDGET.ablations), String) as string[],
        ablationLengths: options.ablationLengths === undefined ? undefined : list("ablation-lengths", String(options.ablationLengths), Number) as number[],
        workers: options.workers === undefined ? undefined : Number(options.workers),
        dir: options.sweeps === undefined ? undefined : path.resolve(String(options.sweeps)),
        keepFrom: kept,
        stopWhenSolved: options.stopWhenSolved === true,
        figuresDir,
        resultsDir, command,
      });
      return;
    }
    if (study === "charlm") {
      const keptFile = options.keepFrom === undefined ? undefined : path.resolve(String(options.keepFrom));
      const kept = keptFile === undefined ? undefined : readKeptResults(study, keptFile);
      const flags = [["cells", "cells"], ["units", "units"], ["dropouts", "dropouts"], ["max-chars", "maxChars"], ["patience", "patience"], ["unit-chars", "unitChars"], ["unit-shuffles", "unitShuffles"], ["workers", "workers"]]
        .filter(([, k]) => options[k] !== undefined).map(([flag, k]) => `--${flag} ${String(options[k])}`)
        // The kept file by what it is (the run's keptFrom has its date and command), not by a path that may be temporary.
        .concat(kept === undefined ? [] : [`--keep-from "<charlm results of ${String(kept.date)}>"`]);
      const command = [`grulab study charlm`, seedCount !== defaults.seeds ? `--seeds ${seedCount}` : "", epochs !== defaults.epochs ? `--epochs ${epochs}` : "", ...flags].filter(Boolean).join(" ");
      const results = await charLmStudy({
        cells: options.cells === undefined ? undefined : list("cells", String(options.cells), String) as RecurrentCell[],
        gruUnits: options.units === undefined ? undefined : Number(options.units),
        dropouts: options.dropouts === undefined ? undefined : list("dropouts", String(options.dropouts), Number) as number[],
        maxChars: options.maxChars === undefined ? undefined : Number(options.maxChars),
        patience: options.patience === undefined ? undefined : Number(options.patience),
        unitChars: options.unitChars === undefined ? undefined : Number(options.unitChars),
        unitShuffles: options.unitShuffles === undefined ? undefined : Number(options.unitShuffles),
        seeds: seedCount, maxEpochs: epochs,
        workers: options.workers === undefined ? undefined : Number(options.workers),
        dir: options.sweeps === undefined ? undefined : path.resolve(String(options.sweeps)),
        keepFrom: kept, keepFromDir: keptFile === undefined ? undefined : path.dirname(keptFile),
        resultsDir, command,
      });
      try {
        await writeStudyFigures(study, results, figuresDir);
      } catch (err) {
        throw new Error(`grulab study charlm: the results are written, the figures are not (${(err as Error).message}); \`grulab study charlm --figures-only\` draws them from the results file`);
      }
      return;
    }
    const sweepOptions = { dir: options.sweeps === undefined ? undefined : path.resolve(String(options.sweeps)), workers: options.workers === undefined ? undefined : Number(options.workers) };
    const results = study === "tutorial" ? await tutorialStudy({ seeds, epochs, resultsDir, command: argv, trainSeeds: tutorialSeedSweep(sweepOptions) })
      : await forecastStudy({ seeds, epochs, resultsDir, command: argv, trainSeeds: forecastSeedSweep(sweepOptions) });
    try {
      await writeStudyFigures(study, results, figuresDir);
    } catch (err) {
      throw new Error(`grulab study ${study}: the results are written, the figures are not (${(err as Error).message}); \`grulab study ${study} --figures-only\` draws them from the results file`);
    }
  },
};
