// What the GRU-vs-LSTM study's full design costs at 10⁴ and 10⁵ updates per trial, without and with
// --stop-when-solved, from two committed files: the measured CPU cost of a trial
// (results/gru-vs-lstm-cost.json, bench/gruVsLstmTrialCost.ts) and which seeds solved the task and
// when in the study of record (results/gru-vs-lstm.json, 600 updates). Writes
// results/gru-vs-lstm-budget.json; trains nothing.
//
//   node dist/bench/gruVsLstmBudget.js
import * as fs from "fs";
import * as path from "path";
import { studyResultsHeader } from "../src/studies/studyResultsHeader";
import { writeStudyResults } from "../src/studies/writeStudyResults";
import { gruVsLstmBudget, type GruVsLstmSolvedRecord, type GruVsLstmTrialCost } from "../src/sweeps/gruVsLstmBudget";

function main(): void {
  const results = path.resolve(__dirname, "../../results");
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(results, name), "utf8")) as Record<string, unknown>;
  const cost = read("gru-vs-lstm-cost.json");
  const solved = read("gru-vs-lstm.json");
  const costBudget = (cost.budget ?? {}) as Record<string, unknown>;
  const budgets = Object.fromEntries([10_000, 100_000].map((updates) => {
    const pieces = gruVsLstmBudget(cost as unknown as GruVsLstmTrialCost, solved as unknown as GruVsLstmSolvedRecord, { updates });
    const sum = (k: "trials" | "cpuHours" | "cpuHoursStopping" | "seedsStoppingEarly") => pieces.reduce((n, p) => n + p[k], 0);
    return [`updates${updates}`, {
      updatesPerTrial: updates, trials: sum("trials"), cpuHours: sum("cpuHours"), cpuHoursStopping: sum("cpuHoursStopping"),
      stoppingSaves: 1 - sum("cpuHoursStopping") / sum("cpuHours"), seedsStoppingEarly: sum("seedsStoppingEarly"), pieces,
    }];
  }));
  writeStudyResults("gru-vs-lstm-budget", {
    ...studyResultsHeader("gru-vs-lstm-budget", "node dist/bench/gruVsLstmBudget.js", {
      updatesPerTrial: [10_000, 100_000], tasks: ["adding", "recall"], lengths: costBudget.lengths, learningRatesPerCell: 3, seeds: 5,
      ablations: ["gru-reset-before", "gru-chrono", "lstm-forget-bias-0", "lstm-chrono"],
    }),
    inputs: {
      cost: { file: "results/gru-vs-lstm-cost.json", date: cost.date, loadAverage: cost.loadAverage, lengths: costBudget.lengths },
      solved: { file: "results/gru-vs-lstm.json", date: solved.date, updatesPerTrial: (solved.budget as Record<string, unknown>).updatesPerTrial },
    },
    design: "both tasks, every length of the cost file, 3 learning-rate trials per cell on the tuning seed, then gru, lstm, simpleRnn and the 4 ablations over 5 seeds: 44 trials per task and length",
    assumption: "a trial costs its cell's fixed CPU seconds plus updates × its cell's CPU seconds per update (the cost file: measured under load, delayed recall costed at the adding problem's rate). With stopping, a seed that solved the task in the 600-update study stops at its updates to solve there (the same learning rate chosen); every other seed, every learning-rate trial and every task and length that study lacks runs the whole budget: an upper bound",
    budgets,
  }, results);
}

main();
