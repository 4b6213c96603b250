import * as os from "os";
import { GRU_VS_LSTM_DEFAULTS } from "../../studies/gruVsLstmDefaults";
import { gruVsLstmSweep } from "../../sweeps/gruVsLstmSweep";
import { SWEEP_FILES } from "../../sweeps/sweepFiles";
import type { CommandSpec } from "../commandSpec";
import { commonOptions as c, jobOptions } from "../commonOptions";
import { RUN_FILES } from "../../runs/runFormat";

const d = GRU_VS_LSTM_DEFAULTS;

/**
 * `grulab gru-vs-lstm`: GRU, LSTM and SimpleRNN at equal parameter counts on the adding problem
 * or delayed recall, a sweep with one trial (run folder) per cell and seed on every core, a mean ±
 * sd table printed.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["--task", "recall", "--length", "200"]));
 */
export const command: CommandSpec = {
  name: "gru-vs-lstm",
  summary: "GRU vs LSTM vs SimpleRNN at equal parameter counts on the adding problem or delayed recall: a sweep, one run folder per cell and seed, on every core",
  description: `A sweep (see grulab sweep): writes <out>/<name>/ with ${SWEEP_FILES.sweep}, ${SWEEP_FILES.results}, ${SWEEP_FILES.report} and ${SWEEP_FILES.trials}/<id>/, a run folder per cell and seed: ${RUN_FILES.metrics} holds the test score (adding: loss = MSE, mae, rmse; recall: accuracy) beside the task's simple baseline (constant 1; chance). Prints mean ± sd over seeds and seconds per epoch (all cells on grulab's fused kernels). Ctrl-C keeps every trial's last completed epoch (exit 130): the same command again continues the sweep (finished trials are read back, the others resume from their checkpoints).`,
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
    { name: "out", type: "path", valueName: "DIR", defaultDoc: "the project's runs/sweeps, or $GRULAB_RUNS/sweeps", doc: "parent folder of the sweep folder, relative to the current directory" },
    { name: "name", type: "string", valueName: "NAME", defaultDoc: "gru-vs-lstm-<task>-T<length>", doc: "the sweep's name (its folder); the same name and options again continue it" },
    { name: "workers", type: "integer", min: 0, defaultDoc: `the number of cores (${os.cpus().length} here)`, doc: "worker processes; 0 runs the trials in this process" },
  ],
  run: async ({ options: o }) => {
    await gruVsLstmSweep({
      ...jobOptions(o, ["length", "seeds", "gruUnits", "trainSamples", "epochs", "patience", "learningRate", "batchSize", "symbols"]),
      task: o.task as "adding" | "recall", name: o.name as string | undefined, workers: o.workers as number | undefined,
    });
  },
};
