import { BACKENDS } from "../../backend";
import { GRU_VS_LSTM_DEFAULTS, runGruVsLstm } from "../../studies/runGruVsLstm";
import type { CommandSpec } from "../commandSpec";

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
  description: "Writes runs/<YYYYMMDD-HHMMSS>-gru-vs-lstm-<task>-T<length>-<cell>-s<seed>/ for each cell and seed: metrics.json holds the test score (adding: loss = MSE, mae, rmse; recall: accuracy) beside the task's simple baseline (constant 1; chance). Prints mean ± sd over seeds and seconds per epoch (all cells on grulab's fused kernels). Ctrl-C keeps the finished epochs of the current run and the finished runs.",
  options: [
    { name: "task", type: "choice", choices: ["adding", "recall"], default: d.task, doc: "adding problem (regression) or delayed recall (classification)" },
    { name: "length", type: "integer", min: 2, default: d.length, doc: "steps per sequence" },
    { name: "seeds", type: "integer", min: 1, default: d.seeds, doc: "seeds 1…N per cell" },
    { name: "gru-units", type: "integer", min: 1, default: d.gruUnits, doc: "the GRU's units; LSTM and SimpleRNN get the same parameter count" },
    { name: "train-samples", type: "integer", min: 1, default: d.trainSamples, doc: "training sequences (validation 256, test 512)" },
    { name: "epochs", type: "integer", min: 1, default: d.epochs, doc: "maximum training epochs (early stopping ends sooner)" },
    { name: "patience", type: "integer", min: 0, default: d.patience, doc: "early stopping patience in epochs, 0 = off" },
    { name: "learning-rate", type: "number", min: 0, default: d.learningRate, doc: "Adam learning rate" },
    { name: "batch-size", type: "integer", min: 1, default: d.batchSize, doc: "samples per step" },
    { name: "symbols", type: "integer", min: 2, default: d.symbols, doc: "delayed recall's alphabet" },
    { name: "backend", type: "choice", choices: BACKENDS, defaultDoc: "$GRULAB_BACKEND, else the fastest available", doc: "tensor backend" },
    { name: "out", type: "path", valueName: "DIR", defaultDoc: "the project's runs/, or $GRULAB_RUNS", doc: "parent folder of the run folders, relative to the current directory" },
  ],
  run: async ({ options: o }) => {
    await runGruVsLstm({
      task: o.task as "adding" | "recall", length: o.length as number, seeds: o.seeds as number, gruUnits: o.gruUnits as number,
      trainSamples: o.trainSamples as number, epochs: o.epochs as number, patience: o.patience as number,
      learningRate: o.learningRate as number, batchSize: o.batchSize as number, symbols: o.symbols as number,
      backend: o.backend as string | undefined, out: o.out as string | undefined,
    });
  },
};
