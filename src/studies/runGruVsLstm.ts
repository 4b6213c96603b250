import { initBackend } from "../backend";
import type { RecurrentCell } from "../models/matchedUnits";
import { meanStd, type MeanStd } from "../training/meanStd";
import { gruVsLstmTask } from "./gruVsLstmTask";

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
 * (`buildMatchedRnn`) on the adding problem or delayed recall at one sequence length
 * (`gruVsLstmTask`: data, models, baseline, runs), one run
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
  const setup = gruVsLstmTask(o);
  const rows: GruVsLstmRow[] = [];
  try {
    for (const cell of ["gru", "lstm", "simpleRnn"] as RecurrentCell[]) {
      const scores: number[] = [], seconds: number[] = [], runDirs: string[] = [];
      let params = 0;
      for (let seed = 1; seed <= o.seeds; seed++) {
        const model = setup.buildModel(cell, seed);
        params = model.countParams();
        try {
          console.log(`${cell} seed ${seed}: ${params} parameters, ${o.task} T=${o.length}`);
          const r = await setup.trainRun(cell, seed, model, { epochs: o.epochs, patience: o.patience, batchSize: o.batchSize, progress: o.progress, out: o.out, config: { seeds: o.seeds, progress: o.progress } });
          for (const w of r.warnings) console.log(`  (optional step skipped: ${w})`);
          scores.push(r.score);
          seconds.push(r.secondsPerEpoch);
          runDirs.push(r.runDir);
        } finally {
          model.dispose();
        }
      }
      rows.push({ cell, params, score: meanStd(scores), secondsPerEpoch: meanStd(seconds), runDirs });
    }
  } finally {
    setup.dispose();
  }
  const metric = adding ? `test MSE (baseline ${(1 / 6).toFixed(4)})` : `test accuracy (chance ${(1 / o.symbols).toFixed(4)})`;
  console.log(`\n${o.task}, T = ${o.length}, ${o.seeds} seed(s): ${metric}, mean ± sd; seconds per epoch (grulab fused kernels)`);
  for (const r of rows) console.log(`${r.cell.padEnd(10)} ${String(r.params).padStart(7)} params  ${r.score.mean.toFixed(4)} ± ${r.score.sd.toFixed(4)}  ${r.secondsPerEpoch.mean.toFixed(2)} s/epoch`);
  return rows;
}
