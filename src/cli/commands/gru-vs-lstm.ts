import { GRU_VS_LSTM_DEFAULTS, runGruVsLstm } from "../../studies/runGruVsLstm";
import type { CommandSpec } from "../commandSpec";
import { commonOptions as c, jobOptions } from "../commonOptions";
import { RUN_FILES } from "../../runs/runFormat";

const d = GRU_VS_LSTM_DEFAULTS;

/**
 * `grulab gru-vs-lstm`: GRU, LSTM and SimpleRNN at equal parameter counts on the adding problem
 * or delayed recall, one run folder per cell and seed, a mean ± sd table printed.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["--task", "recall", "--length", "200"]));
 */
export const command: CommandSpec = {
  name: "gru-vs-lstm",
  summary: "GRU vs LSTM vs SimpleRNN at equal parameter counts on the adding problem or delayed recall, one run folder per cell and seed",
  description: `Writes runs/<YYYYMMDD-HHMMSS>-gru-vs-lstm-<task>-T<length>-<cell>-s<seed>/ for each cell and seed: ${RUN_FILES.metrics} holds the test score (adding: loss = MSE, mae, rmse; recall: accuracy) beside the task's simple baseline (constant 1; chance). Prints mean ± sd over seeds and seconds per epoch (all cells on grulab's fused kernels). Ctrl-C at any step keeps the finished runs and marks the current one interrupted (exit 130): \`grulab resume <that run>\` continues it, then the job's remaining runs.`,
  options: [
    { name: "task", type: "choice", choices: ["adding", "recall"], default: d.task, doc: "adding problem (regression) or delayed recall (classification)" },
    { name: "length", type: "integer", min: 2, default: d.length, doc: "steps per sequence" },
    { name: "seeds", type: "integer", min: 1, default: d.seeds, doc: "seeds 1…N per cell" },
    { name: "gru-units", type: "integer", min: 1, default: d.gruUnits, doc: "the GRU's units; LSTM and SimpleRNN get the same parameter count" },
    { name: "train-samples", type: "integer", min: 1, default: d.trainSamples, doc: "training sequences (validation 256, test 512)" },
    c.epochs(d.epochs, "maximum training epochs (early stopping ends sooner)"),
    c.patience(d.patience),
    c.learningRate(d.learningRate),
    c.batchSize(d.batchSize),
    { name: "symbols", type: "integer", min: 2, default: d.symbols, doc: "delayed recall's alphabet" },
    c.backend(),
    c.out("run folders"),
  ],
  run: async ({ options: o }) => {
    await runGruVsLstm({
      ...jobOptions(o, ["length", "seeds", "gruUnits", "trainSamples", "epochs", "patience", "learningRate", "batchSize", "symbols"]),
      task: o.task as "adding" | "recall",
    });
  },
};
