import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { lineChartSvg } from "../charts/lineChartSvg";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { readHistoryCsv } from "../runs/historyCsv";
import { RUN_FILES, type MetricsJson } from "../runs/runFormat";
import { readRunJson } from "../runs/runJson";
import { defaultRunsDir } from "../runs/runsDir";
import { refuseOtherBudget, studyResultsHeader } from "../studies/studyResultsHeader";
import { writeStudyResults } from "../studies/writeStudyResults";
import { checkJobMemory, type JobMemorySizes } from "../bounds/checkJobMemory";
import { fisherExactTest } from "../training/fisherExactTest";
import { meanStd } from "../training/meanStd";
import { chooseLearningRate } from "./gruVsLstmLearningRate";
import { GRU_VS_LSTM_UPDATES_OPTIONS, GRU_VS_LSTM_VARIANTS } from "./gruVsLstmUpdatesTrial";
import { trialDir } from "./runTrial";
import { startSweep } from "./startSweep";
import type { TrialExecutor } from "./trialExecutor";
import { trialId } from "./trialId";

/**
 * Options of {@link gruVsLstmStudy}. Every one has a default: the budget of record is the full
 * study (both tasks, T 50…400, 5 seeds, 10,000 updates per trial); `grulab study gru-vs-lstm`
 * takes smaller budgets as options and the results file records what was run.
 *
 * @example
 * const options: GruVsLstmStudyOptions = { tasks: ["adding"], updates: 400, learningRates: [1e-3, 1e-2], workers: 2 };
 */
export interface GruVsLstmStudyOptions {
  /** Tasks (default both: "adding", "recall"). */
  tasks?: Array<"adding" | "recall">;
  /** Sequence lengths T (default 50, 100, 200, 400). */
  lengths?: number[];
  /** Seeds 1…N of the final trials (default 5). */
  seeds?: number;
  /** Adam updates per trial, a multiple of `updatesPerEpoch` (default 10,000). */
  updates?: number;
  /** Updates between two validation scores (one history row; default 50): the resolution of steps-to-solve and of resuming. */
  updatesPerEpoch?: number;
  /** Learning rates tried per cell, task and length on the tuning seed (default 1e-3, 3e-3, 1e-2); the best by validation loss is used for the seeds. */
  learningRates?: number[];
  /** The seed of the learning-rate trials, not among the final seeds (default 101). */
  tuningSeed?: number;
  /** The cells run over the seeds at every length (default gru, lstm, simpleRnn; fewer with `keepFrom`, which keeps the others' rows). */
  cells?: string[];
  /** Variants besides the three cells (default all ablations: gru-reset-before, gru-chrono, lstm-forget-bias-0, lstm-chrono); they use their cell's chosen learning rate. */
  ablations?: string[];
  /** The lengths the ablations run at (default all of `lengths`; each must be one of them). */
  ablationLengths?: number[];
  /** Batch size (default 32), GRU units (default 32; the others matched in parameters), gradient clip norm (default 1). */
  batchSize?: number;
  gruUnits?: number;
  clipNorm?: number;
  /** Solved: the validation error below this fraction of the trivial baseline's (default 0.1). */
  solvedFraction?: number;
  /**
   * Ends every trial after its first epoch with the validation error below the solved threshold
   * (the trial option `stopWhenSolved`; default false). Success and updates to solve are those of
   * the study without stopping; test and best validation errors are those at the stop; the learning
   * rate is chosen by rule "solved-fastest" (`chooseLearningRate`). Its trials are other trials (the
   * option is in their ids), and `keepFrom` refuses a results file made the other way.
   */
  stopWhenSolved?: boolean;
  /**
   * Worker processes (default the cores; 0: this process); `executor` (e.g. the BullMQ queue's)
   * replaces them. Every sweep of the study runs on that one executor and none closes it: the
   * caller that made it closes it after the study (each sweep closes only the workers it starts).
   */
  workers?: number;
  executor?: TrialExecutor;
  /** Parent of the study's sweep folders (default `<runs>/sweeps/gru-vs-lstm-study`). */
  dir?: string;
  /** Where gru-vs-lstm.json goes (default the project's results/; null: not written) and the figures (default the project's docs/figures; null: none). */
  resultsDir?: string | null;
  figuresDir?: string | null;
  /** The command to record (default "grulab study gru-vs-lstm"). */
  command?: string;
  /**
   * A previous results object of this study (results/gru-vs-lstm.json) at the same budget: its rows (task,
   * length, variant) that this run does not make are kept, each marked with the run that made it (`runDate`,
   * a date in `budget.runs`), and its sweeps that this run does not repeat are counted in the budget; a row
   * this run makes replaces it. Its chosen learning rates of a task and length are used as they are (no
   * learning-rate sweep there: at the same budget the sweep would repeat them). Refused when its budget
   * differs (updates, seeds, learning rates, sizes, the solved criterion). This run's entry in
   * `budget.runs` records the kept file's own date, command and budget (`keptFrom`).
   */
  keepFrom?: Record<string, unknown>;
  /** Backend of the trials; "lines" (default) or "none". */
  backend?: string;
  progress?: "lines" | "none";
}

const CELLS = ["gru", "lstm", "simpleRnn"];

/**
 * The sizes of the GRU-vs-LSTM study's memory bound (checkJobMemory, estimateJobMemory), as
 * gru-vs-lstm's sweep bound with the study's sizes and worker count. A trial
 * (`gru-vs-lstm-updates`) is bounded as a GRU of 2 × `gruUnits` (the matched SimpleRNN's units are
 * about √3 times the GRU's, the LSTM's fewer: a GRU of twice the size bounds all three, as
 * charLmStudyMemory's) at the longest of `lengths`, with recall's inputs and outputs when recall is
 * among `tasks` (`symbols` + 1 inputs and `symbols` outputs; adding 2 and 1), on the windows a trial
 * holds at once: two epochs' fresh batches (`updatesPerEpoch` × `batchSize` each: the first epoch's
 * kept, the current one's made) and the validation and test sets. Every process that runs trials
 * may run all three cells (a sweep of the study holds GRU, LSTM and SimpleRNN trials), so each
 * cell's fused kernel is counted in it. With `workers` N ≥ 1 (the default: one per core) each
 * sweep starts N worker processes of its own and ends them, so the bound is one sweep's: N whole
 * worker processes plus the study's own (SWEEP_PROCESS), at most as many running a trial as its
 * largest sweep has (3 × learning rates on the tuning seed, or cells and ablations × seeds); the
 * refusal may suggest `--workers ≤ N` or `--workers` to 0. With 0 every trial runs in this
 * process. An executor's trials run elsewhere: the study passes 0 (its own process, as a sweep's
 * with `--workers 0`).
 *
 * @example
 * estimateJobMemory(gruVsLstmStudyMemory({ tasks: ["adding", "recall"], lengths: [50, 100, 200, 400], gruUnits: 32, batchSize: 32, updatesPerEpoch: 50, learningRates: [1e-3, 3e-3, 1e-2], variants: 7, seeds: 5, workers: 2 })).peak // the study of record on 2 workers
 */
export function gruVsLstmStudyMemory(o: { tasks: string[]; lengths: number[]; gruUnits: number; batchSize: number; updatesPerEpoch: number; learningRates: number[]; variants: number; seeds: number; workers: number }): JobMemorySizes {
  const recall = o.tasks.includes("recall");
  const symbols = GRU_VS_LSTM_UPDATES_OPTIONS.symbols;
  const length = Math.max(...o.lengths);
  const workers = o.workers;
  return {
    job: "gru-vs-lstm study", cell: "gru", units: 2 * o.gruUnits, timesteps: length, features: recall ? symbols + 1 : 2, outputs: recall ? symbols : 1, targets: 1,
    batchSize: o.batchSize, windows: 2 * o.updatesPerEpoch * o.batchSize + GRU_VS_LSTM_UPDATES_OPTIONS.validationSamples + GRU_VS_LSTM_UPDATES_OPTIONS.testSamples,
    kernelCells: ["gru", "lstm", "simpleRnn"],
    workers, trials: Math.max(CELLS.length * o.learningRates.length, o.variants * o.seeds),
    // gruUnits, batchSize and updatesPerEpoch are options of gruVsLstmStudy (grulab study gru-vs-lstm keeps their defaults).
    flags: { units: "gruUnits", timesteps: "--lengths", batchSize: "batchSize", ...(workers > 0 ? { workers: "--workers" } : {}) },
    given: `--lengths ${o.lengths.join(",")}${workers > 0 ? ` --workers ${workers}` : ""} (gruUnits ${o.gruUnits}, batchSize ${o.batchSize}, updatesPerEpoch ${o.updatesPerEpoch})`,
  };
}

const ABLATIONS = ["gru-reset-before", "gru-chrono", "lstm-forget-bias-0", "lstm-chrono"];

/** The trivial baseline's validation error and the study's error measure for a task. */
function baselineOf(task: string, symbols: number): { name: string; error: number; measure: string } {
  return task === "adding"
    ? { name: "predicting the mean (1) always: MSE 1/6", error: 1 / 6, measure: "MSE" }
    : { name: `chance (1/${symbols}): error rate ${(1 - 1 / symbols).toFixed(3)}`, error: 1 - 1 / symbols, measure: "error rate" };
}

/**
 * One trial's outcome read from its run folder: the validation error after every epoch
 * (history.csv: adding val_loss, the MSE; recall 1 − val_acc), whether it fell below the
 * threshold and after how many updates first, and the test error at the end (metrics.json).
 * A trial whose weights became NaN or infinite (run.json status "diverged") has no metrics.json:
 * its test error is null and `diverged` is true; it counts as solved only if its validation error
 * fell below the threshold before it diverged. Any other trial without metrics.json is an error
 * naming the folder and its status.
 *
 * @example
 * const t = trialOutcome("/runs/sweeps/gru-vs-lstm-study/seeds-adding-T50-lr0.01/trials/3fa2", "adding", 50, 1 / 60);
 * t.solved; t.updatesToSolve;
 */
export async function trialOutcome(dir: string, task: string, updatesPerEpoch: number, threshold: number): Promise<{ solved: boolean; updatesToSolve: number | null; errorAtSolve: number | null; bestValError: number; testError: number | null; diverged: boolean; epochs: number }> {
  const rows = await readHistoryCsv(path.join(dir, RUN_FILES.history));
  const errorOf = (row: Record<string, number>) => (task === "adding" ? row.val_loss : 1 - row.val_acc);
  const errors = rows.map((r) => errorOf(r as unknown as Record<string, number>));
  const first = errors.findIndex((e) => e < threshold);
  const metricsFile = path.join(dir, RUN_FILES.metrics);
  let testError: number | null = null;
  let diverged = false;
  if (fs.existsSync(metricsFile)) {
    const test = (JSON.parse(fs.readFileSync(metricsFile, "utf8")) as MetricsJson).test as Record<string, number>;
    testError = task === "adding" ? test.loss : 1 - test.accuracy;
  } else {
    const status = readRunJson(dir).status;
    if (status !== "diverged") throw new Error(`gru-vs-lstm study: trial ${dir} has no ${RUN_FILES.metrics} (status ${status}): run its sweep again to finish it`);
    diverged = true;
  }
  return {
    solved: first >= 0, updatesToSolve: first >= 0 ? rows[first].epoch * updatesPerEpoch : null, errorAtSolve: first >= 0 ? errors[first] : null,
    bestValError: Math.min(...errors.filter((e) => Number.isFinite(e))), testError, diverged, epochs: rows.length,
  };
}

/** Mean ± sd of the test errors of the trials that have one (a diverged trial has none); mean and sd null when none has. */
function testErrorSummary(values: Array<number | null>): { mean: number | null; sd: number | null; n: number; perSeed: Array<number | null> } {
  const finite = values.filter((v): v is number => v !== null);
  return { ...(finite.length > 0 ? meanStd(finite) : { mean: null, sd: null, n: 0 }), perSeed: values };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * The GRU-vs-LSTM study of record, as sweeps: for each task and length, a learning-rate sweep of
 * GRU, LSTM and SimpleRNN (equal parameter counts) on a tuning seed, the rate with the lowest
 * validation loss chosen per cell, then the cells over seeds 1…N at every length, then the
 * ablations (GRU reset-before, chrono initialisation, LSTM forget bias 0; each at its cell's
 * chosen rate) over the same seeds at `ablationLengths`, each trial
 * `updates` Adam updates on fresh batches with clipped gradients (`gru-vs-lstm-updates` trials).
 * A trial is solved when its validation error falls below `solvedFraction` of the trivial
 * baseline's; the study reports per cell the success rate, the median updates to solve, and the
 * test error, and writes results/gru-vs-lstm.json (budget spent, seeds, versions, date, command,
 * every number) and docs/figures/gru-vs-lstm-*.svg. Every sweep resumes: the same call again
 * reads finished trials back and continues interrupted ones from their last epoch.
 *
 * @example
 * const results = await gruVsLstmStudy({ tasks: ["adding"], lengths: [50], seeds: 2, updates: 100, learningRates: [0.01], ablations: [], resultsDir: null, figuresDir: null });
 */
export async function gruVsLstmStudy(options: GruVsLstmStudyOptions = {}): Promise<Record<string, unknown>> {
  const started = Date.now();
  const tasks = options.tasks ?? ["adding", "recall"];
  const lengths = options.lengths ?? [50, 100, 200, 400];
  const seeds = Array.from({ length: options.seeds ?? 5 }, (_, i) => i + 1);
  const updatesPerEpoch = options.updatesPerEpoch ?? 50;
  const updates = options.updates ?? 10_000;
  const learningRates = options.learningRates ?? [1e-3, 3e-3, 1e-2];
  const tuningSeed = options.tuningSeed ?? 101;
  const ablations = options.ablations ?? ABLATIONS;
  const ablationLengths = options.ablationLengths ?? lengths;
  const cells = options.cells ?? CELLS;
  const solvedFraction = options.solvedFraction ?? 0.1;
  const stopWhenSolved = options.stopWhenSolved ?? false;
  const learningRateRule = stopWhenSolved ? "solved-fastest" : "val-loss";
  // Stopped trials are other trials: their sweeps are named apart (e.g. lr-adding-T50-stop), so both kinds share a --sweeps folder.
  const suffix = stopWhenSolved ? "-stop" : "";
  const fixed = {
    batchSize: options.batchSize ?? GRU_VS_LSTM_UPDATES_OPTIONS.batchSize, gruUnits: options.gruUnits ?? GRU_VS_LSTM_UPDATES_OPTIONS.gruUnits,
    clipNorm: options.clipNorm ?? GRU_VS_LSTM_UPDATES_OPTIONS.clipNorm, updatesPerEpoch,
  };
  if (!Number.isInteger(updates) || updates < updatesPerEpoch || updates % updatesPerEpoch !== 0) {
    throw new Error(`gru-vs-lstm study option updates: ${updates}, expected a positive multiple of updatesPerEpoch (${updatesPerEpoch})`);
  }
  for (const t of tasks) if (t !== "adding" && t !== "recall") throw new Error(`gru-vs-lstm study option tasks: ${JSON.stringify(t)}, expected "adding" or "recall"`);
  for (const c of cells) if (!CELLS.includes(c)) throw new Error(`gru-vs-lstm study option cells: ${JSON.stringify(c)}, expected some of ${CELLS.join(", ")}`);
  for (const a of ablations) if (!ABLATIONS.includes(a)) throw new Error(`gru-vs-lstm study option ablations: ${JSON.stringify(a)}, expected some of ${ABLATIONS.join(", ")}`);
  for (const T of ablationLengths) if (!lengths.includes(T)) throw new Error(`gru-vs-lstm study option ablationLengths: ${T} is not one of lengths (${lengths.join(", ")})`);
  if (seeds.length === 0 || learningRates.length === 0 || lengths.length === 0) throw new Error("gru-vs-lstm study: options seeds, learningRates and lengths must not be empty");
  const sizes = { seeds, tuningSeed, learningRates, updatesPerTrial: updates, ...fixed, validationSamples: GRU_VS_LSTM_UPDATES_OPTIONS.validationSamples, testSamples: GRU_VS_LSTM_UPDATES_OPTIONS.testSamples, solvedFraction, stopWhenSolved };
  if (options.keepFrom !== undefined) checkSameBudget(options.keepFrom, sizes);
  // The memory bound of the study's largest trial on its workers (or in this process), before any folder or data exists.
  checkJobMemory(gruVsLstmStudyMemory({
    tasks, lengths, gruUnits: fixed.gruUnits, batchSize: fixed.batchSize, updatesPerEpoch, learningRates, variants: cells.length + ablations.length, seeds: seeds.length,
    workers: options.executor ? 0 : options.workers ?? os.cpus().length,
  }));
  const epochs = updates / updatesPerEpoch;
  const dir = options.dir ?? path.join(defaultRunsDir(), "sweeps", "gru-vs-lstm-study");
  const run = { workers: options.workers, executor: options.executor, dir, backend: options.backend, progress: options.progress ?? "lines" } as const;
  // With stopWhenSolved a sweep also records the updates its trials made (they end at different epochs).
  const sweeps: Array<{ name: string; trials: number; seconds: number; updates?: number }> = [];
  let trialSeconds = 0;
  let trialCount = 0;
  const record = (name: string, s: { rows: Array<Record<string, unknown>> }) => {
    const seconds = s.rows.reduce((sum, r) => sum + (Number(r.seconds) || 0), 0);
    sweeps.push({ name, trials: s.rows.length, seconds, ...(stopWhenSolved ? { updates: s.rows.reduce((sum, r) => sum + (Number(r.epochs) || 0), 0) * updatesPerEpoch } : {}) });
    trialSeconds += seconds;
    trialCount += s.rows.length;
  };
  const tasksOut: Record<string, unknown> = {};
  const chosen: Record<string, Record<string, Record<string, number>>> = {};
  for (const task of tasks) {
    const symbols = GRU_VS_LSTM_UPDATES_OPTIONS.symbols;
    const baseline = baselineOf(task, symbols);
    const threshold = solvedFraction * baseline.error;
    // With stopWhenSolved every trial of this task stops at the threshold (an option of the trial, so in its id).
    const stop: Record<string, number[]> = stopWhenSolved ? { stopWhenSolved: [threshold] } : {};
    // 1. The learning rate per cell and length, on the tuning seed, by the lowest validation loss
    // (one sweep per length, so that a study over fewer lengths reuses these trials).
    chosen[task] = {};
    const lrTrials: Record<string, Record<string, Record<string, number | null>>> = {};
    const keptRates = ((options.keepFrom?.chosenLearningRates ?? {}) as Record<string, Record<string, Record<string, number>>>)[task] ?? {};
    const chooseRates = async (T: number) => {
      if (keptRates[`T${T}`] !== undefined && CELLS.every((c) => typeof keptRates[`T${T}`][c] === "number")) {
        chosen[task][`T${T}`] = { ...keptRates[`T${T}`] };
        return;
      }
      const lrName = `lr-${task}-T${T}${suffix}`;
      const lrSweep = await startSweep(lrName, {
        ...run, trial: "gru-vs-lstm-updates", metric: "val_loss", mode: "min", budget: { epochs },
        space: { task: [task], length: [T], variant: CELLS, learningRate: learningRates, seed: [tuningSeed], ...Object.fromEntries(Object.entries(fixed).map(([k, v]) => [k, [v]])), ...stop },
      });
      record(lrName, lrSweep);
      chosen[task][`T${T}`] = {};
      lrTrials[`T${T}`] = {};
      for (const cell of CELLS) {
        const tried = lrSweep.rows.filter((r) => r.variant === cell);
        lrTrials[`T${T}`][cell] = Object.fromEntries(tried.map((r) => [String(r.learningRate), typeof r.val_loss === "number" && Number.isFinite(r.val_loss) ? r.val_loss : null]));
        const finite = tried.filter((r) => r.status === "finished" && typeof r.val_loss === "number" && Number.isFinite(r.val_loss));
        if (finite.length === 0) throw new Error(`gru-vs-lstm study: no learning-rate trial of ${cell} at T ${T} (${task}) finished: see ${lrSweep.dir}/results.csv`);
        const candidates = await Promise.all(finite.map(async (r) => {
          const outcome = learningRateRule === "val-loss" ? null : await trialOutcome(trialDir(lrSweep.dir, String(r.trialId)), task, updatesPerEpoch, threshold);
          return { learningRate: Number(r.learningRate), valLoss: r.val_loss as number, solved: outcome?.solved ?? false, updatesToSolve: outcome?.updatesToSolve ?? null, errorAtSolve: outcome?.errorAtSolve ?? null };
        }));
        chosen[task][`T${T}`][cell] = chooseLearningRate(candidates, learningRateRule);
      }
    };
    // 2. Every variant over the seeds at its cell's chosen rate, one sweep per length, rate and
    // group: first the three cells at every length, then the ablations (at `ablationLengths`).
    const dirs = new Map<string, string[]>();
    const runGroup = async (T: number, group: string[], kind: "cells" | "ablations") => {
      const byRate = new Map<number, string[]>();
      for (const v of group) byRate.set(rateOf(T, v), [...(byRate.get(rateOf(T, v)) ?? []), v]);
      for (const [rate, members] of byRate) {
        const name = `${kind}-${task}-T${T}-lr${rate}${suffix}`;
        const space = { task: [task], length: [T], variant: members, learningRate: [rate], seed: seeds, ...Object.fromEntries(Object.entries(fixed).map(([k, v]) => [k, [v]])), ...stop };
        const s = await startSweep(name, { ...run, trial: "gru-vs-lstm-updates", metric: "val_loss", mode: "min", budget: { epochs }, space });
        record(name, s);
        for (const v of members) dirs.set(`${T} ${v}`, seeds.map((seed) => trialDir(s.dir, trialId({ task, length: T, variant: v, learningRate: rate, seed, ...fixed, ...(stopWhenSolved ? { stopWhenSolved: threshold } : {}) }))));
      }
    };
    const rateOf = (T: number, variant: string) => chosen[task][`T${T}`][GRU_VS_LSTM_VARIANTS[variant].cell];
    for (const T of lengths) {
      await chooseRates(T);
      if (cells.length > 0) await runGroup(T, cells, "cells");
    }
    for (const T of ablationLengths) await runGroup(T, ablations, "ablations");
    const perLength: Record<string, unknown> = {};
    for (const T of lengths) {
      const rows: Record<string, unknown> = {};
      for (const v of [...cells, ...(ablationLengths.includes(T) ? ablations : [])]) {
        const trialDirs = dirs.get(`${T} ${v}`)!;
        const outcomes = await Promise.all(trialDirs.map((d) => trialOutcome(d, task, updatesPerEpoch, threshold)));
        const config = JSON.parse(fs.readFileSync(path.join(trialDirs[0], RUN_FILES.config), "utf8")) as Record<string, unknown>;
        const solvedSteps = outcomes.filter((t) => t.solved).map((t) => t.updatesToSolve as number);
        rows[v] = {
          cell: GRU_VS_LSTM_VARIANTS[v].cell, params: Number(config.params), units: Number(config.units), learningRate: rateOf(T, v),
          solved: solvedSteps.length, successRate: solvedSteps.length / seeds.length, medianUpdatesToSolve: median(solvedSteps),
          testError: testErrorSummary(outcomes.map((t) => t.testError)),
          bestValidationError: { ...meanStd(outcomes.map((t) => t.bestValError)), perSeed: outcomes.map((t) => t.bestValError) },
          diverged: outcomes.filter((t) => t.diverged).length,
          perSeed: outcomes.map((t, i) => ({ seed: seeds[i], solved: t.solved, updatesToSolve: t.updatesToSolve, testError: t.testError, diverged: t.diverged, epochs: t.epochs })),
          trialDirs: trialDirs.map((d) => path.relative(dir, d)),
        };
      }
      perLength[`T${T}`] = rows;
    }
    tasksOut[task] = { baseline: { ...baseline, threshold }, learningRateTrials: lrTrials, lengths: perLength };
  }
  const command = options.command ?? "grulab study gru-vs-lstm";
  const header = studyResultsHeader("gru-vs-lstm", command, {});
  const date = header.date;
  for (const t of Object.values(tasksOut) as TaskEntry[]) for (const rows of Object.values(t.lengths)) for (const row of Object.values(rows)) Object.assign(row, { updates, runDate: date });
  // A run that kept a previous file's rows says which file: its own date, command and budget (a path would not outlive a temporary folder).
  const runs: Array<{ date: string; command: string; keptFrom?: Record<string, unknown> }> = [{ date, command, ...(options.keepFrom !== undefined ? { keptFrom: keptProvenance(options.keepFrom) } : {}) }];
  const dated = sweeps.map((s) => ({ ...s, runDate: date }));
  if (options.keepFrom !== undefined) keepPrevious(options.keepFrom, { tasks: tasksOut as Record<string, TaskEntry>, chosen, sweeps: dated, runs });
  const allTasks = ["adding", "recall"].filter((t) => t in tasksOut);
  for (const t of allTasks) (tasksOut[t] as TaskEntry & { successFisherP?: unknown }).successFisherP = successComparisons((tasksOut[t] as TaskEntry).lengths);
  const allLengths = [...new Set(allTasks.flatMap((t) => Object.keys((tasksOut[t] as TaskEntry).lengths).map((k) => Number(k.slice(1)))))].sort((a, b) => a - b);
  const allAblationLengths = allLengths.filter((T) => allTasks.some((t) => Object.keys((tasksOut[t] as TaskEntry).lengths[`T${T}`] ?? {}).some((v) => ABLATIONS.includes(v))));
  const allTrials = dated.reduce((n, s) => n + s.trials, 0);
  const updatesSpent = dated.reduce((n, s) => n + (s.updates ?? s.trials * updates), 0);
  const results = {
    ...header,
    budget: {
      tasks: allTasks, lengths: allLengths, seeds, tuningSeed, learningRates, ablations, ablationLengths: allAblationLengths, updatesPerTrial: updates, ...fixed, validationSamples: GRU_VS_LSTM_UPDATES_OPTIONS.validationSamples,
      testSamples: GRU_VS_LSTM_UPDATES_OPTIONS.testSamples, trials: allTrials, updatesSpent, trialSeconds: dated.reduce((n, s) => n + s.seconds, 0),
      thisRun: { tasks, lengths, cells, ablationLengths, trials: trialCount, trialSeconds, wallSeconds: (Date.now() - started) / 1000 },
      workers: options.executor ? "executor" : options.workers ?? os.cpus().length, loadAverageAtEnd: os.loadavg()[0], runs, sweeps: dated,
    },
    solved: `the validation error (adding: MSE; recall: error rate) below ${solvedFraction} × the trivial baseline's, at any of the validation scores taken every ${updatesPerEpoch} updates`,
    solvedFraction,
    ...(stopWhenSolved ? {
      stopWhenSolved: true,
      stopped: "every trial ended after its first epoch below the solved threshold: success and updates to solve as without stopping; testError and bestValidationError are those at the stop (unsolved trials ran the whole budget; a diverged trial, its weights NaN or infinite, has no test error: testError.n counts the trials that have one)",
    } : {}),
    learningRateRule,
    chosenLearningRates: chosen,
    tasks: Object.fromEntries(allTasks.map((t) => [t, tasksOut[t]])),
  };
  if (options.resultsDir !== null) writeStudyResults("gru-vs-lstm", results, options.resultsDir ?? undefined);
  if (options.figuresDir !== null) writeGruVsLstmFigures(results, options.figuresDir ?? path.resolve(__dirname, "../../../docs/figures"));
  return results;
}

/**
 * Per length, Fisher's exact test (two-sided) of the success rates of pairs of variants: the three
 * cells pairwise ("gru-vs-lstm", "gru-vs-simpleRnn", "lstm-vs-simpleRnn") and each ablation against
 * its cell as built (e.g. "lstm-chrono-vs-lstm"), where both rows exist.
 */
function successComparisons(lengths: Record<string, Record<string, Record<string, unknown>>>): Record<string, Record<string, number>> {
  const pairs: Array<[string, string]> = [["gru", "lstm"], ["gru", "simpleRnn"], ["lstm", "simpleRnn"], ...ABLATIONS.map((a) => [a, GRU_VS_LSTM_VARIANTS[a].cell] as [string, string])];
  return Object.fromEntries(Object.entries(lengths).map(([T, rows]) => [T, Object.fromEntries(pairs.filter(([a, b]) => rows[a] !== undefined && rows[b] !== undefined).map(([a, b]) => {
    const [ra, rb] = [rows[a], rows[b]] as Array<{ solved: number; perSeed: unknown[] }>;
    return [`${a}-vs-${b}`, fisherExactTest(ra.solved, ra.perSeed.length, rb.solved, rb.perSeed.length)];
  }))]));
}

/** What identifies a kept results file once its path is gone: its date and command, and the budget its rows were made at. */
function keptProvenance(previous: Record<string, unknown>): Record<string, unknown> {
  const budget = (previous.budget ?? {}) as Record<string, unknown>;
  return {
    date: previous.date, command: previous.command,
    budget: { updatesPerTrial: budget.updatesPerTrial, seeds: budget.seeds, learningRates: budget.learningRates, tasks: budget.tasks, lengths: budget.lengths, trials: budget.trials },
  };
}

/** Refuses a previous results object (`keepFrom`) whose budget differs from this run's, naming the first difference. */
function checkSameBudget(previous: Record<string, unknown>, sizes: Record<string, unknown>): void {
  // A file without stopWhenSolved was made without stopping.
  const before: Record<string, unknown> = { ...((previous.budget ?? {}) as Record<string, unknown>), solvedFraction: previous.solvedFraction, stopWhenSolved: previous.stopWhenSolved ?? false };
  refuseOtherBudget("gru-vs-lstm", "entries", before, sizes);
}

type TaskEntry = { baseline: unknown; learningRateTrials: Record<string, unknown>; lengths: Record<string, Record<string, Record<string, unknown>>> };

/**
 * Keeps the task × length entries of a previous results object that this run did not make (see
 * `GruVsLstmStudyOptions.keepFrom`): rows marked with their run (`runDate`, `updates`), their chosen
 * rates, learning-rate trials and sweeps carried over; refused when the budgets differ.
 */
function keepPrevious(previous: Record<string, unknown>, into: { tasks: Record<string, TaskEntry>; chosen: Record<string, Record<string, Record<string, number>>>; sweeps: Array<{ name: string; trials: number; seconds: number; updates?: number; runDate: string }>; runs: Array<{ date: string; command: string; keptFrom?: Record<string, unknown> }> }): void {
  const budget = (previous.budget ?? {}) as Record<string, unknown>;
  const previousRuns = (budget.runs as Array<{ date: string; command: string; keptFrom?: Record<string, unknown> }> | undefined) ?? [{ date: String(previous.date), command: String(previous.command) }];
  const previousSweeps = (budget.sweeps ?? []) as Array<{ name: string; trials: number; seconds: number; updates?: number; runDate?: string }>;
  const previousRates = (previous.chosenLearningRates ?? {}) as Record<string, Record<string, Record<string, number>>>;
  const made = new Set(into.sweeps.map((s) => s.name));
  const used = new Set<string>();
  const byLength = <V>(o: Record<string, V>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1))));
  for (const [task, entry] of Object.entries((previous.tasks ?? {}) as Record<string, TaskEntry>)) {
    const target = (into.tasks[task] ??= { baseline: entry.baseline, learningRateTrials: {}, lengths: {} });
    into.chosen[task] ??= {};
    for (const [length, rows] of Object.entries(entry.lengths)) {
      const kept = Object.entries(rows).filter(([v]) => target.lengths[length]?.[v] === undefined);
      if (kept.length === 0 && length in target.learningRateTrials) continue;
      target.lengths[length] = { ...target.lengths[length] };
      for (const [v, row] of kept) target.lengths[length][v] = { ...row, updates: row.updates ?? budget.updatesPerTrial, runDate: String(row.runDate ?? previous.date) };
      // Variants in the order of GRU_VS_LSTM_VARIANTS, as a run of every variant writes them.
      target.lengths[length] = Object.fromEntries(Object.keys(GRU_VS_LSTM_VARIANTS).filter((v) => v in target.lengths[length]).map((v) => [v, target.lengths[length][v]]));
      target.learningRateTrials[length] ??= entry.learningRateTrials[length];
      into.chosen[task][length] ??= previousRates[task][length];
      for (const s of previousSweeps) {
        if (!made.has(s.name) && new RegExp(`^(lr|cells|ablations)-${task}-${length}(-|$)`).test(s.name)) into.sweeps.push({ ...s, runDate: s.runDate ?? String(previous.date) });
      }
    }
    target.lengths = byLength(target.lengths);
    target.learningRateTrials = byLength(target.learningRateTrials);
    into.chosen[task] = byLength(into.chosen[task]);
  }
  for (const t of Object.values(into.tasks)) for (const rows of Object.values(t.lengths)) for (const row of Object.values(rows)) used.add(String(row.runDate));
  for (const s of into.sweeps) used.add(s.runDate);
  into.runs.unshift(...previousRuns.filter((r) => used.has(r.date)));
}

/**
 * The study's figures from its results (nothing else): per task, success rate vs T and median
 * updates to solve vs T, one line per variant, as `<dir>/gru-vs-lstm-<task>-success.svg` and
 * `…-updates.svg`. Returns the files written.
 *
 * @example
 * writeGruVsLstmFigures(JSON.parse(fs.readFileSync("results/gru-vs-lstm.json", "utf8")), "docs/figures");
 */
export function writeGruVsLstmFigures(results: Record<string, unknown>, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const budget = results.budget as { lengths: number[]; updatesPerTrial: number; seeds: number[] };
  for (const [task, t] of Object.entries(results.tasks as Record<string, { lengths: Record<string, Record<string, { successRate: number; medianUpdatesToSolve: number | null }>> }>)) {
    const variants = [...new Set(budget.lengths.flatMap((T) => Object.keys(t.lengths[`T${T}`] ?? {})))];
    const series = (pick: (c: { successRate: number; medianUpdatesToSolve: number | null }) => number | null) =>
      variants.map((v) => ({ name: v, points: budget.lengths.map((T) => ({ x: T, y: t.lengths[`T${T}`]?.[v] === undefined ? null : pick(t.lengths[`T${T}`][v]) })) }));
    const what = `${task}, ${budget.updatesPerTrial} updates per trial, ${budget.seeds.length} seeds`;
    const success = path.join(dir, `gru-vs-lstm-${task}-success.svg`);
    writeFileAtomic(success, lineChartSvg(series((c) => c.successRate), { title: `Success rate vs T (${what})`, xLabel: "sequence length T", yLabel: "success rate", xTicks: budget.lengths, yRange: [0, 1], logX: true }));
    const steps = path.join(dir, `gru-vs-lstm-${task}-updates.svg`);
    writeFileAtomic(steps, lineChartSvg(series((c) => c.medianUpdatesToSolve), { title: `Median updates to solve (solved seeds; ${what})`, xLabel: "sequence length T", yLabel: "updates", xTicks: budget.lengths, yRange: [0, budget.updatesPerTrial], logX: true }));
    files.push(success, steps);
  }
  return files;
}
