import { meanStd } from "../training/meanStd";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readHistoryCsv } from "../runs/historyCsv";
import { RUN_FILES } from "../runs/runFormat";
import type { RecurrentCell } from "../models/matchedUnits";
import { checkGruVsLstmMemory, GRU_VS_LSTM_DEFAULTS, type GruVsLstmOptions, type GruVsLstmRow } from "../studies/gruVsLstmDefaults";
import { startSweep } from "./startSweep";
import type { OpenedSweep } from "./openSweep";

/**
 * Options of {@link gruVsLstmSweep}: the study's (GRU_VS_LSTM_DEFAULTS, `out` the parent of the
 * sweep folder), the sweep's name, and the worker processes.
 *
 * @example
 * const options: GruVsLstmSweepOptions = { task: "recall", length: 50, seeds: 3, workers: 2 };
 */
export interface GruVsLstmSweepOptions extends GruVsLstmOptions {
  /** The sweep's name (its folder under `out`); default `gru-vs-lstm-<task>-T<length>`. */
  name?: string;
  /** Worker processes; default the number of cores (0: in this process). */
  workers?: number;
}

/**
 * The GRU-vs-LSTM study as a sweep: GRU, LSTM and SimpleRNN at equal parameter counts × seeds
 * 1…N, one trial (run folder) each, on every core; then the table of mean ± sd over seeds per
 * cell, printed and returned with the sweep. `grulab gru-vs-lstm` runs it; the same command again
 * continues it (finished trials are read back, interrupted ones resume from their checkpoints).
 *
 * @example
 * const { rows, sweep } = await gruVsLstmSweep({ task: "adding", length: 100, seeds: 2 });
 */
export async function gruVsLstmSweep(options: GruVsLstmSweepOptions = {}): Promise<{ rows: GruVsLstmRow[]; sweep: OpenedSweep }> {
  const o = { ...GRU_VS_LSTM_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof GRU_VS_LSTM_DEFAULTS & GruVsLstmSweepOptions;
  if (o.task !== "adding" && o.task !== "recall") throw new Error(`gru-vs-lstm option task: ${JSON.stringify(o.task)}, expected "adding" or "recall"`);
  // the sweep's memory (its worker processes, localExecutor's default one per core), before the sweep folder or any data exists
  checkGruVsLstmMemory({ ...o, workers: o.workers ?? os.cpus().length });
  const cells: RecurrentCell[] = ["gru", "lstm", "simpleRnn"];
  const sweep = await startSweep(o.name ?? `gru-vs-lstm-${o.task}-T${o.length}`, {
    trial: { job: "gru-vs-lstm" },
    space: {
      task: [o.task], length: [o.length], gruUnits: [o.gruUnits], trainSamples: [o.trainSamples], learningRate: [o.learningRate], batchSize: [o.batchSize],
      symbols: [o.symbols], patience: [o.patience], cell: cells, seed: Array.from({ length: o.seeds }, (_, i) => i + 1),
    },
    metric: "val_loss", mode: "min", scheduler: "grid", budget: { epochs: o.epochs },
    dir: o.out, workers: o.workers, backend: o.backend, progress: o.progress === "none" ? "none" : "lines",
  });
  const rows: GruVsLstmRow[] = [];
  for (const cell of cells) {
    const trials = sweep.rows.filter((r) => r.cell === cell && r.status === "finished");
    if (trials.length === 0) continue;
    const dirs = trials.map((r) => `${sweep.dir}/trials/${r.trialId}`);
    // config.json and history.csv alone (not openRun, which also parses every trial's traces and
    // predictions: this process holds no trial, and its memory bound, checkGruVsLstmMemory's
    // sweep process, assumes it reads no more than these).
    const runs = await Promise.all(dirs.map(async (d) => ({
      config: JSON.parse(fs.readFileSync(path.join(d, RUN_FILES.config), "utf8")) as Record<string, unknown>,
      rows: await readHistoryCsv(path.join(d, RUN_FILES.history)),
    })));
    rows.push({
      cell, params: Number(runs[0].config.params), runDirs: dirs,
      score: meanStd(trials.map((r) => Number(r.test_score))),
      secondsPerEpoch: meanStd(runs.map((run) => run.rows.reduce((s, r) => s + r.seconds, 0) / run.rows.length)),
    });
  }
  const metric = o.task === "adding" ? `test MSE (baseline ${(1 / 6).toFixed(4)})` : `test accuracy (chance ${(1 / o.symbols).toFixed(4)})`;
  if (o.progress !== "none") {
    console.log(`\n${o.task}, T = ${o.length}, ${o.seeds} seed(s): ${metric}, mean ± sd; seconds per epoch (grulab fused kernels); sweep ${sweep.dir}`);
    for (const r of rows) console.log(`${r.cell.padEnd(10)} ${String(r.params).padStart(7)} params  ${r.score.mean.toFixed(4)} ± ${r.score.sd.toFixed(4)}  ${r.secondsPerEpoch.mean.toFixed(2)} s/epoch`);
  }
  return { rows, sweep };
}
