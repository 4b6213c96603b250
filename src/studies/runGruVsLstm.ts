import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../backend";
import { addingProblem } from "../data/addingProblem";
import { delayedRecall } from "../data/delayedRecall";
import { disposeModel } from "../models/disposeModel";
import type { RecurrentCell } from "../models/matchedUnits";
import { JobSteps, TRAINING_STEP } from "../runs/JobSteps";
import { openRun } from "../runs/openRun";
import { reopenRun } from "../runs/reopenRun";
import { readResumableRunJson } from "../runs/resumeRun";
import type { Run } from "../runs/Run";
import { readRunJson } from "../runs/runJson";
import { RUN_FILES } from "../runs/runFormat";
import { startRun } from "../runs/startRun";
import { meanStd, type MeanStd } from "../training/meanStd";
import { buildMatchedRnn } from "./buildMatchedRnn";
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
 * (`buildMatchedRnn`) on the adding problem or delayed recall at one sequence length, one run
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
 * covers all of them. A run written before `jobId` existed is resumed alone.
 *
 * @example
 * const rows = await resumeGruVsLstm("runs/20261129-231500-gru-vs-lstm-adding-T100-lstm-s1");
 */
export async function resumeGruVsLstm(dir: string, options: Pick<GruVsLstmOptions, "progress"> = {}): Promise<GruVsLstmRow[]> {
  const c = readJobConfig(dir, "gru-vs-lstm");
  readResumableRunJson(dir); // finished, diverged, writer alive: refused before anything runs
  const classification = readRunJson(dir).task === "classification";
  const task = (c.optional("problem") ?? (classification ? "recall" : "adding")) as "adding" | "recall";
  const o = {
    task, length: c.number("length"), seeds: c.number("seeds"), gruUnits: c.number("gruUnits"), trainSamples: c.number("trainSamples"), epochs: c.number("epochs"),
    patience: c.number("patience"), learningRate: c.number("learningRate"), batchSize: c.number("batchSize"), symbols: c.number("symbols"),
    backend: c.string("backend"), out: path.dirname(path.resolve(dir)), progress: options.progress,
  };
  const jobId = c.optional("jobId");
  const key = (config: Record<string, unknown>) => `${String(config.cell)} ${String(config.seed)}`;
  const runs = new Map([[key(c.values), path.resolve(dir)]]);
  if (jobId === undefined) {
    console.log(`grulab: ${c.file} has no jobId (written before it existed): resuming this run alone`);
    return gruVsLstmJob(o, undefined, runs, { only: key(c.values) });
  }
  for (const name of fs.readdirSync(o.out).sort()) {
    const sibling = path.join(o.out, name, RUN_FILES.config);
    if (path.join(o.out, name) === path.resolve(dir) || !fs.existsSync(sibling)) continue;
    const config = JSON.parse(fs.readFileSync(sibling, "utf8")) as Record<string, unknown>;
    if (config.job === "gru-vs-lstm" && config.jobId === jobId && !runs.has(key(config))) runs.set(key(config), path.join(o.out, name));
  }
  return gruVsLstmJob(o, jobId, runs);
}

type GruVsLstmSettings = typeof GRU_VS_LSTM_DEFAULTS & GruVsLstmOptions;

/**
 * Every cell and seed of the job in order: a run in `existing` ("<cell> <seed>" → folder) is read
 * back when finished, else resumed; any other is started (`only`: just that one, for old runs).
 */
async function gruVsLstmJob(o: GruVsLstmSettings, jobId: string | undefined, existing: Map<string, string>, limit: { only?: string } = {}): Promise<GruVsLstmRow[]> {
  const job = new JobSteps();
  const adding = o.task === "adding";
  const make = (samples: number, seed: number) => adding
    ? addingProblem({ samples, length: o.length, seed })
    : delayedRecall({ samples, length: o.length, symbols: o.symbols, seed });
  const baseline: { name: string; test: Record<string, number> } = adding
    ? { name: "constant 1 (the target's mean)", test: { loss: 1 / 6, rmse: Math.sqrt(1 / 6), mae: 1 / 3 } }
    : { name: `chance (1/${o.symbols})`, test: { accuracy: 1 / o.symbols, loss: Math.log(o.symbols) } };
  const rows: GruVsLstmRow[] = [];
  let data: Record<"train" | "validation" | "test", ReturnType<typeof make>> | null = null;
  try {
    await initBackend(o.backend as never);
    data = await job.step("making the data", () => ({ train: make(o.trainSamples, 1000 + o.length), validation: make(256, 2000 + o.length), test: make(512, 3000 + o.length) }));
    const { train, validation, test } = data;
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
        const model = buildMatchedRnn(cell, {
          gruUnits: o.gruUnits, timesteps: o.length, inputDim: adding ? 2 : o.symbols + 1, outputs: adding ? 1 : o.symbols,
          task: adding ? "regression" : "classification", seed, learningRate: o.learningRate,
        });
        params = model.countParams();
        let run: Run | undefined;
        try {
          run = dir !== undefined ? await reopenRun(dir, model) : await startRun(`gru-vs-lstm-${o.task}-T${o.length}-${cell}-s${seed}`, {
            task: adding ? "regression" : "classification", dir: o.out, cliResume: true,
            ...(adding ? {} : { classes: Array.from({ length: o.symbols }, (_, k) => `s${k}`) }),
            config: { job: "gru-vs-lstm", ...o, out: undefined, progress: undefined, problem: o.task, jobId, backend: tf.getBackend(), cell, seed, params, units: model.layers[0].getConfig().units as number },
          });
          const r = run;
          job.use(r);
          console.log(`${cell} seed ${seed}: ${params} parameters, ${o.task} T=${o.length}`);
          await job.step(TRAINING_STEP, () => r.fit(model, train, { validation, epochs: o.epochs, patience: o.patience, seed, batchSize: o.batchSize, progress: o.progress }));
          const metrics = await job.step("evaluation", () => r.evaluate(model, test));
          await job.step("baselines", () => r.addBaseline(baseline.name, baseline.test));
          const finished = await job.step("report", () => r.finish({ pdf: false }));
          for (const w of finished.warnings) console.log(`  (optional step skipped: ${w})`);
          scores.push(adding ? metrics.loss : metrics.accuracy);
          seconds.push(r.history.reduce((s, h) => s + h.seconds, 0) / r.history.length);
          runDirs.push(r.dir);
        } catch (err) {
          run?.fail(err as Error);
          throw err;
        } finally {
          disposeModel(model);
        }
      }
      if (runDirs.length > 0) rows.push({ cell, params, score: meanStd(scores), secondsPerEpoch: meanStd(seconds), runDirs });
    }
    job.end();
  } finally {
    job.close();
    if (data) { data.train.dispose(); data.validation.dispose(); data.test.dispose(); }
  }
  const metric = adding ? `test MSE (baseline ${(1 / 6).toFixed(4)})` : `test accuracy (chance ${(1 / o.symbols).toFixed(4)})`;
  console.log(`\n${o.task}, T = ${o.length}, ${o.seeds} seed(s): ${metric}, mean ± sd; seconds per epoch (grulab fused kernels)`);
  for (const r of rows) console.log(`${r.cell.padEnd(10)} ${String(r.params).padStart(7)} params  ${r.score.mean.toFixed(4)} ± ${r.score.sd.toFixed(4)}  ${r.secondsPerEpoch.mean.toFixed(2)} s/epoch`);
  return rows;
}
