import * as fs from "fs";
import * as path from "path";
import { initBackend } from "../backend";
import { disposeModel } from "../models/disposeModel";
import type { RecurrentCell } from "../models/matchedUnits";
import { checkJobMemory } from "../bounds/checkJobMemory";
import { JobSteps } from "../runs/JobSteps";
import { openRun } from "../runs/openRun";
import { reopenRun } from "../runs/reopenRun";
import { readResumableRunJson } from "../runs/resumeRun";
import { readRunJson } from "../runs/runJson";
import { RUN_FILES } from "../runs/runFormat";
import { meanStd, type MeanStd } from "../training/meanStd";
import { gruVsLstmTask } from "./gruVsLstmTask";
import { readJobConfig } from "./readJobConfig";

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
 * adding, chance for recall), then a table of mean ± sd over seeds printed and returned. The runs
 * of one job share `jobId` in config.json. Ctrl-C keeps the finished runs and marks the current
 * one interrupted (with the step); `grulab resume <that run>` continues it and then the job.
 *
 * @example
 * const rows = await runGruVsLstm({ task: "adding", length: 100, seeds: 2 });
 * rows.map((r) => `${r.cell}: ${r.score.mean} ± ${r.score.sd}`);
 */
export async function runGruVsLstm(options: GruVsLstmOptions = {}): Promise<GruVsLstmRow[]> {
  const o = { ...GRU_VS_LSTM_DEFAULTS, ...options };
  if (o.task !== "adding" && o.task !== "recall") throw new Error(`gru-vs-lstm option task: ${JSON.stringify(o.task)}, expected "adding" or "recall"`);
  return gruVsLstmJob(o, `${new Date().toISOString()}-${process.pid}`, new Map());
}

/**
 * Continues a gru-vs-lstm job from one of its runs: that run resumes from its last completed
 * epoch (or restarts in its folder when it stopped before training), then the job goes on as an
 * uninterrupted one would: runs of the same job (same `jobId`, in the same parent folder) that
 * are finished are read back, unfinished ones are resumed, missing ones are started; the table
 * covers all of them. A run without `jobId` (written before it existed, or by a notebook through
 * gruVsLstmTask) is resumed alone.
 *
 * @example
 * const rows = await resumeGruVsLstm("runs/20261129-231500-gru-vs-lstm-adding-T100-lstm-s1");
 */
export async function resumeGruVsLstm(dir: string, options: Pick<GruVsLstmOptions, "progress"> = {}): Promise<GruVsLstmRow[]> {
  const c = readJobConfig(dir, "gru-vs-lstm");
  const info = readResumableRunJson(dir); // finished, diverged, writer alive: refused before anything runs
  const seed = c.number("seed");
  const parent = path.dirname(path.resolve(dir));
  const o: GruVsLstmSettings = {
    task: info.task === "classification" ? "recall" : "adding", length: c.number("length"), seeds: c.values.seeds === undefined ? seed : c.number("seeds"),
    gruUnits: c.number("gruUnits"), trainSamples: c.number("trainSamples"), epochs: c.number("epochs"), patience: c.number("patience"),
    learningRate: c.number("learningRate"), batchSize: c.number("batchSize"), symbols: c.number("symbols"),
    backend: c.string("backend"), out: parent, progress: options.progress,
  };
  const activation = c.optional("activation") ?? "tanh";
  const jobId = c.optional("jobId");
  const key = (config: Record<string, unknown>) => `${String(config.cell)} ${String(config.seed)}`;
  const runs = new Map([[key(c.values), path.resolve(dir)]]);
  if (jobId === undefined) {
    console.log(`grulab: ${c.file} has no jobId (a run written before it existed, or by a notebook): resuming this run alone`);
    return gruVsLstmJob(o, undefined, runs, { only: key(c.values), activation });
  }
  for (const name of fs.readdirSync(parent).sort()) {
    const sibling = path.join(parent, name, RUN_FILES.config);
    if (path.join(parent, name) === path.resolve(dir) || !fs.existsSync(sibling)) continue;
    const config = JSON.parse(fs.readFileSync(sibling, "utf8")) as Record<string, unknown>;
    if (config.job === "gru-vs-lstm" && config.jobId === jobId && !runs.has(key(config))) runs.set(key(config), path.join(parent, name));
  }
  return gruVsLstmJob(o, jobId, runs, { activation });
}

type GruVsLstmSettings = typeof GRU_VS_LSTM_DEFAULTS & GruVsLstmOptions;

/**
 * The memory bound of one gru-vs-lstm run (checkJobMemory) from its options: the job and the
 * sweep (`grulab gru-vs-lstm`) call it before anything is allocated; it throws naming the options.
 *
 * @example
 * checkGruVsLstmMemory({ ...GRU_VS_LSTM_DEFAULTS, length: 1e8 }); // throws "memory bound: gru-vs-lstm with … --length 100000000 …"
 */
export function checkGruVsLstmMemory(o: Pick<GruVsLstmSettings, "task" | "gruUnits" | "length" | "trainSamples" | "symbols" | "batchSize">): void {
  const adding = o.task === "adding";
  checkJobMemory({
    job: "gru-vs-lstm", cell: "gru", units: o.gruUnits, timesteps: o.length, features: adding ? 2 : o.symbols + 1, outputs: adding ? 1 : o.symbols, targets: 1,
    batchSize: o.batchSize, windows: o.trainSamples + 256 + 512, kernelCells: ["gru", "lstm", "simpleRnn"], flags: { units: "--gru-units", timesteps: "--length", batchSize: "--batch-size" },
    given: `--gru-units ${o.gruUnits} --length ${o.length} --train-samples ${o.trainSamples}${adding ? "" : ` --symbols ${o.symbols}`}`,
  });
}

/**
 * Every cell and seed of the job in order, each a step-watched run (JobSteps): a run in
 * `existing` ("<cell> <seed>" → folder) is read back when finished, else resumed; any other is
 * started (`only`: just that one, for runs without jobId).
 */
async function gruVsLstmJob(o: GruVsLstmSettings, jobId: string | undefined, existing: Map<string, string>, limit: { only?: string; activation?: string } = {}): Promise<GruVsLstmRow[]> {
  const adding = o.task === "adding";
  const rows: GruVsLstmRow[] = [];
  checkGruVsLstmMemory(o); // before anything is allocated (the data arrays alone can be absurd: --length 1e8)
  const job = new JobSteps();
  try {
    await initBackend(o.backend as never);
    const setup = await job.step("making the data", () => gruVsLstmTask(o));
    try {
      for (const cell of ["gru", "lstm", "simpleRnn"] as RecurrentCell[]) {
        const scores: number[] = [], seconds: number[] = [], runDirs: string[] = [];
        let params = 0;
        for (let seed = 1; seed <= o.seeds; seed++) {
          const key = `${cell} ${seed}`;
          if (limit.only !== undefined && key !== limit.only) continue;
          const dir = existing.get(key);
          if (dir !== undefined && readRunJson(dir).status === "finished") {
            const done = await openRun(dir);
            console.log(`${cell} seed ${seed}: finished already in ${dir}`);
            params = Number(done.config.params);
            scores.push(Number(adding ? done.metrics?.test.loss : done.metrics?.test.accuracy));
            seconds.push(done.rows.reduce((s, r) => s + r.seconds, 0) / done.rows.length);
            runDirs.push(dir);
            continue;
          }
          await job.step("starting the next run", () => undefined); // a signal during the run before stops here (it marks that run)
          const model = setup.buildModel(cell, seed, limit.activation);
          params = model.countParams();
          try {
            const run = dir !== undefined ? await reopenRun(dir, model) : undefined;
            console.log(`${cell} seed ${seed}: ${params} parameters, ${o.task} T=${o.length}`);
            const r = await setup.trainRun(cell, seed, model, {
              epochs: o.epochs, patience: o.patience, batchSize: o.batchSize, progress: o.progress, out: o.out, activation: limit.activation,
              config: { seeds: o.seeds, jobId }, run, steps: job,
            });
            for (const w of r.warnings) console.log(`  (optional step skipped: ${w})`);
            scores.push(r.score);
            seconds.push(r.secondsPerEpoch);
            runDirs.push(r.runDir);
          } finally {
            disposeModel(model); // with Adam's state
          }
        }
        if (runDirs.length > 0) rows.push({ cell, params, score: meanStd(scores), secondsPerEpoch: meanStd(seconds), runDirs });
      }
    } finally {
      setup.dispose();
    }
    job.end();
  } finally {
    job.close();
  }
  const metric = adding ? `test MSE (baseline ${(1 / 6).toFixed(4)})` : `test accuracy (chance ${(1 / o.symbols).toFixed(4)})`;
  console.log(`\n${o.task}, T = ${o.length}, ${o.seeds} seed(s): ${metric}, mean ± sd; seconds per epoch (grulab fused kernels)`);
  for (const r of rows) console.log(`${r.cell.padEnd(10)} ${String(r.params).padStart(7)} params  ${r.score.mean.toFixed(4)} ± ${r.score.sd.toFixed(4)}  ${r.secondsPerEpoch.mean.toFixed(2)} s/epoch`);
  return rows;
}
