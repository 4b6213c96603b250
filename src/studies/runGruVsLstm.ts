import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../backend";
import { addingProblem } from "../data/addingProblem";
import { delayedRecall } from "../data/delayedRecall";
import type { RecurrentCell } from "../models/matchedUnits";
import type { Run } from "../runs/Run";
import { startRun } from "../runs/startRun";
import { meanStd, type MeanStd } from "../training/meanStd";
import { buildMatchedRnn } from "./buildMatchedRnn";

/**
 * Defaults of `runGruVsLstm` (and of `grulab gru-vs-lstm`).
 *
 * @example
 * runGruVsLstm({ ...GRU_VS_LSTM_DEFAULTS, length: 200 });
 */
export const GRU_VS_LSTM_DEFAULTS = {
  task: "adding" as "adding" | "recall",
  length: 100,
  seeds: 2,
  gruUnits: 32,
  trainSamples: 1024,
  epochs: 12,
  patience: 4,
  learningRate: 0.005,
  batchSize: 32,
  symbols: 8,
};

/**
 * Options of `runGruVsLstm`: those of `GRU_VS_LSTM_DEFAULTS` (each optional), and where the
 * runs go.
 *
 * @example
 * const options: GruVsLstmOptions = { task: "recall", length: 50, seeds: 3, out: "runs" };
 */
export interface GruVsLstmOptions extends Partial<typeof GRU_VS_LSTM_DEFAULTS> {
  /** Parent folder of the run folders, relative to the current directory; default the project's runs/. */
  out?: string;
  /** Backend name; default initBackend's choice. */
  backend?: string;
  /** Training progress: "auto" (default), "lines" or "none". */
  progress?: "auto" | "lines" | "none";
}

/** One cell's result over the seeds: its test score (adding: MSE; recall: accuracy) and seconds per epoch. */
export interface GruVsLstmRow {
  cell: RecurrentCell;
  params: number;
  score: MeanStd;
  secondsPerEpoch: MeanStd;
  runDirs: string[];
}

/**
 * The GRU-vs-LSTM study as a job: GRU, LSTM and SimpleRNN at equal parameter counts
 * (`buildMatchedRnn`) on the adding problem or delayed recall at one sequence length, one run
 * folder per cell and seed (test score beside the task's simple baseline: the constant 1 for
 * adding, chance for recall), then a table of mean ± sd over seeds printed and returned.
 *
 * @example
 * const rows = await runGruVsLstm({ task: "adding", length: 100, seeds: 2 });
 * rows.map((r) => `${r.cell}: ${r.score.mean} ± ${r.score.sd}`);
 */
export async function runGruVsLstm(options: GruVsLstmOptions = {}): Promise<GruVsLstmRow[]> {
  const o = { ...GRU_VS_LSTM_DEFAULTS, ...options };
  if (o.task !== "adding" && o.task !== "recall") throw new Error(`gru-vs-lstm option task: ${JSON.stringify(o.task)}, expected "adding" or "recall"`);
  await initBackend(o.backend as never);
  const adding = o.task === "adding";
  const make = (samples: number, seed: number) => adding
    ? addingProblem({ samples, length: o.length, seed })
    : delayedRecall({ samples, length: o.length, symbols: o.symbols, seed });
  const train = make(o.trainSamples, 1000 + o.length);
  const validation = make(256, 2000 + o.length);
  const test = make(512, 3000 + o.length);
  const baseline: { name: string; test: Record<string, number> } = adding
    ? { name: "constant 1 (the target's mean)", test: { loss: 1 / 6, rmse: Math.sqrt(1 / 6), mae: 1 / 3 } }
    : { name: `chance (1/${o.symbols})`, test: { accuracy: 1 / o.symbols, loss: Math.log(o.symbols) } };
  const rows: GruVsLstmRow[] = [];
  try {
    for (const cell of ["gru", "lstm", "simpleRnn"] as RecurrentCell[]) {
      const scores: number[] = [], seconds: number[] = [], runDirs: string[] = [];
      let params = 0;
      for (let seed = 1; seed <= o.seeds; seed++) {
        const model = buildMatchedRnn(cell, {
          gruUnits: o.gruUnits, timesteps: o.length, inputDim: adding ? 2 : o.symbols + 1, outputs: adding ? 1 : o.symbols,
          task: adding ? "regression" : "classification", seed, learningRate: o.learningRate,
        });
        params = model.countParams();
        let run: Run | undefined;
        try {
          run = await startRun(`gru-vs-lstm-${o.task}-T${o.length}-${cell}-s${seed}`, {
            task: adding ? "regression" : "classification", dir: o.out,
            ...(adding ? {} : { classes: Array.from({ length: o.symbols }, (_, k) => `s${k}`) }),
            config: { job: "gru-vs-lstm", ...o, out: undefined, backend: tf.getBackend(), cell, seed, params, units: model.layers[0].getConfig().units as number },
          });
          console.log(`${cell} seed ${seed}: ${params} parameters, ${o.task} T=${o.length}`);
          await run.fit(model, train, { validation, epochs: o.epochs, patience: o.patience, seed, batchSize: o.batchSize, progress: o.progress });
          const metrics = await run.evaluate(model, test);
          run.addBaseline(baseline.name, baseline.test);
          const finished = await run.finish({ pdf: false });
          for (const w of finished.warnings) console.log(`  (optional step skipped: ${w})`);
          scores.push(adding ? metrics.loss : metrics.accuracy);
          seconds.push(run.history.reduce((s, r) => s + r.seconds, 0) / run.history.length);
          runDirs.push(run.dir);
        } catch (err) {
          run?.fail(err as Error);
          throw err;
        } finally {
          model.dispose();
        }
      }
      rows.push({ cell, params, score: meanStd(scores), secondsPerEpoch: meanStd(seconds), runDirs });
    }
  } finally {
    train.dispose(); validation.dispose(); test.dispose();
  }
  const metric = adding ? `test MSE (baseline ${(1 / 6).toFixed(4)})` : `test accuracy (chance ${(1 / o.symbols).toFixed(4)})`;
  console.log(`\n${o.task}, T = ${o.length}, ${o.seeds} seed(s): ${metric}, mean ± sd; seconds per epoch (grulab fused kernels)`);
  for (const r of rows) console.log(`${r.cell.padEnd(10)} ${String(r.params).padStart(7)} params  ${r.score.mean.toFixed(4)} ± ${r.score.sd.toFixed(4)}  ${r.secondsPerEpoch.mean.toFixed(2)} s/epoch`);
  return rows;
}
