// The run object users hold: writes one run folder (format 2, see runFormat.ts) as work goes.
// Longer than ~300 lines would be a sign to split; fit's checkpointing lives in fitRun.ts.
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import type { Figure } from "../charts/figure";
import { exportChart } from "../export/exportChart";
import type { ExportOptions } from "../export/openChartExporter";
import { csvCell } from "../util/csvCell";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { fusedKernelInUse } from "../kernels/fusedKernelInUse";
import { saturation } from "../traces/saturation";
import { traceGates, type GateTraces } from "../traces/traceGates";
import { writeTraces } from "./writeTraces";
import type { HistoryRow } from "../training/historyRow";
import { regressionMetrics } from "../training/regressionMetrics";
import { dataFingerprint } from "./dataFingerprint";
import { evaluateModel, type EvaluationData } from "./evaluateModel";
import { fitRun, type FitData, type FitOptions, type FitResult, type ResumePoint } from "./fitRun";
import { writeRunJson } from "./runJson";
import { acquireRunLock, type RunLock } from "./runLock";
import { RUN_FILES, RUN_FORMAT, samplesHeader, TRACE_FILES, type Baseline, type MetricsJson, type RunJson, type RunStatus, type Task } from "./runFormat";
import { writeModelFolder } from "./writeModelFolder";

/**
 * Options of {@link Run.traceGates}.
 *
 * @example
 * await run.traceGates(model, data.test, { samples: [0, 5], labels: ["rain", "sun"], unscaled: data.test.unscaled, features: data.featureNames });
 */
export interface TraceOptions {
  /** Indices of the samples of `data.x` to trace (default the first 5). */
  samples?: number[];
  /** A label per traced sample (its class, date, …), written to traces/samples.csv. */
  labels?: string[];
  /** The date (or time) each traced sample forecasts, written to traces/samples.csv as `targetDate`. */
  targetDates?: string[];
  /** Unscaled inputs [sample][t][feature] of the whole split, written to traces/inputs.csv with `features`. */
  unscaled?: number[][][];
  features?: string[];
}

/**
 * One run of a model, writing its run folder as it goes (see docs/run-folder.md). Made by
 * `startRun` or `resumeRun`; call `fit`, `evaluate`, optionally `addBaseline`, `traceGates`,
 * `saveModel`, `exportChart`, then `finish` (or `finishRun(run)`, which also writes the report).
 *
 * @example
 * const run = await startRun("my-gru", { task: "classification", classes: data.classes });
 * await run.fit(model, data.train, { validation: data.validation, epochs: 30, patience: 6 });
 * await run.evaluate(model, data.test);
 * await finishRun(run);
 */
export class Run {
  /** History rows so far (one per completed epoch). */
  history: HistoryRow[] = [];
  /** The run.json contents as last written. */
  readonly info: RunJson;
  /** Set by resumeRun: the checkpoint fit continues from. */
  resumePoint: ResumePoint | null = null;
  /** Mean of the training targets per output (regression baseline), set by fit. */
  trainMean: number[] | null = null;
  trainSeconds = 0;
  bestEpoch = 0;
  samples: { train?: number; validation?: number; test?: number } = {};
  /** Fingerprint of the test split given to fit (or recorded by the resumed run), null when none: evaluate checks it. */
  testFingerprint: string | null = null;
  /**
   * The class `evaluate` predicted for each test sample, in order (classification; null before
   * evaluate and for regression): a paired test of a baseline against the model (McNemar) reuses it
   * instead of running the model over the test split again.
   *
   * @example
   * await run.evaluate(model, data.test);
   * const gruCorrect = run.predictedClasses!.map((c, i) => c === data.test.labels[i]);
   */
  predictedClasses: number[] | null = null;
  private evaluation: Pick<MetricsJson, "test" | "classes" | "perClass" | "confusion"> | null = null;
  private baselines: Baseline[] = [];
  private readonly t0 = performance.now();

  /** Use startRun or resumeRun. */
  constructor(
    /** The run folder (absolute). */
    readonly dir: string,
    info: RunJson,
    readonly config: Record<string, unknown>,
    /** Class names (classification). */
    readonly classes: string[] | undefined,
    /** The run's writer lock, taken by startRun/resumeRun; without one, the first write takes it. */
    private lock: RunLock | null = null,
  ) {
    this.info = info;
  }

  get name(): string { return this.info.name; }
  get task(): Task { return this.info.task; }
  get status(): RunStatus { return this.info.status; }

  /**
   * Rewrites run.json with `changes`. A status other than running ends this writer: the writer
   * lock is released after the write (a later write takes it again, if it is free). @internal
   */
  mark(changes: Partial<RunJson>): void {
    this.holdLock();
    Object.assign(this.info, changes);
    writeRunJson(this.dir, this.info);
    if (this.info.status !== "running") this.releaseLock();
  }

  /**
   * Marks the run ended by `cause` (interrupted, diverged, failed). When run.json cannot be written
   * (a full disk), `cause` keeps its message first and gains what happened and how to resume; the
   * lock is released, so readers see the run as crashed. @internal
   */
  markEnded(changes: Partial<RunJson>, cause: Error): void {
    try {
      this.mark(changes);
    } catch (writeErr) {
      this.releaseLock();
      const before = cause.message;
      const e = this.history.length;
      cause.message += `\n(grulab could not record this in ${path.join(this.dir, RUN_FILES.run)}: ${(writeErr as Error).message}. The run reads as crashed; ` +
        `${e === 0 ? "no epoch was completed" : `epoch ${e} was the last completed`}; once the disk has room again, continue it with ${this.info.resumeCommand})`;
      if (cause.stack) cause.stack = cause.stack.replace(before, cause.message);
    }
  }

  /** Takes the writer lock again if this Run released it, or checks that it is still ours (another process may have forced it). @internal */
  holdLock(): void {
    if (this.lock) this.lock.verify();
    else this.lock = acquireRunLock(this.dir);
  }

  private releaseLock(): void {
    this.lock?.release();
    this.lock = null;
  }

  /**
   * Trains `model` (any compiled tf.LayersModel) on `data` (`{x, y}`), as `train` does, writing
   * history.csv per epoch and checkpoint/ and best/ after it. SIGINT/SIGTERM while it runs: the
   * folder keeps the last completed epoch, run.json says `interrupted`, and it throws
   * `RunInterrupted`. NaN loss or weights: best/ and model/ get the best weights, run.json says
   * `diverged`, and it throws `TrainingDiverged`. Options default to `train`'s; a resumed run uses
   * its recorded options (a larger `epochs` extends it).
   *
   * @example
   * const { rows, bestEpoch } = await run.fit(model, data.train, { validation: data.validation, epochs: 30, patience: 6, seed: 1 });
   */
  async fit(model: tf.LayersModel, data: FitData, options: FitOptions = {}): Promise<FitResult> {
    return fitRun(this, model, data, options);
  }

  /**
   * Scores `model` on test data and writes metrics.json and predictions.csv. Classification:
   * accuracy, loss, per-class precision/recall, confusion matrix, and the majority-class baseline;
   * regression: mae, rmse, loss, and the mean of the training targets (after fit) as baseline.
   * It runs in chunks of 2,048 samples with a turn of the event loop in between; `options.signal`
   * (a job passes its Ctrl-C signal) stops it between two chunks, and `options.log` gets a progress
   * line every 5 s of a long evaluation. The predicted classes stay in `predictedClasses`.
   *
   * @example
   * const test = await run.evaluate(model, data.test); // { accuracy, loss } or { mae, rmse, loss }
   */
  async evaluate(model: tf.LayersModel, data: EvaluationData, options: { signal?: AbortSignal; log?: (line: string) => void } = {}): Promise<Record<string, number>> {
    this.holdLock();
    if (this.testFingerprint !== null && dataFingerprint(data.x, data.y) !== this.testFingerprint) {
      throw new Error(`evaluate: the test data differs from the test split given to fit for ${this.dir} (checkpoint/…/state.json records its fingerprint): evaluate on the same split, or start a new run`);
    }
    this.predictedClasses = null;
    const e = await evaluateModel(model, data, this.task, this.classes, options);
    this.evaluation = e.part;
    this.predictedClasses = e.predictedClasses;
    this.samples.test = data.x.shape[0];
    const auto = e.baseline ?? this.meanBaseline(data.y);
    if (auto) this.baselines = [auto, ...this.baselines.filter((b) => b.name !== auto.name)];
    writeFileAtomic(path.join(this.dir, RUN_FILES.predictions), e.predictionsCsv);
    this.writeMetrics();
    return e.part.test;
  }

  private meanBaseline(y: tf.Tensor): Baseline | null {
    if (this.task !== "regression" || !this.trainMean) return null;
    const mean = this.trainMean;
    const actual = y.dataSync();
    if (actual.length % mean.length !== 0) return null;
    const m = regressionMetrics(actual, Array.from(actual, (_, i) => mean[i % mean.length]));
    return { name: "mean of the training targets", test: { mae: m.mae, rmse: m.rmse } };
  }

  /**
   * Records a baseline's test metrics (same keys as the model's) in metrics.json, beside the model's.
   *
   * @example
   * run.addBaseline("persistence (tomorrow = today)", { accuracy: 0.616 });
   */
  addBaseline(name: string, test: Record<string, number>): void {
    for (const [k, v] of Object.entries(test)) if (typeof v !== "number") throw new Error(`addBaseline "${name}": metric ${k} must be a number, got ${JSON.stringify(v)}`);
    this.baselines = [...this.baselines.filter((b) => b.name !== name), { name, test }];
    if (this.evaluation) this.writeMetrics();
  }

  /**
   * Adds numbers a study measures its own way (bits per character, …) to the model's test metrics
   * in metrics.json, beside what `evaluate` measured (call it after evaluate).
   *
   * @example
   * run.addTestMetrics({ bpc: 1.93 });
   */
  addTestMetrics(test: Record<string, number>): void {
    if (!this.evaluation) throw new Error(`run ${this.dir}: addTestMetrics needs evaluate(model, testData) first`);
    for (const [k, v] of Object.entries(test)) if (typeof v !== "number") throw new Error(`addTestMetrics: metric ${k} must be a number, got ${JSON.stringify(v)}`);
    this.evaluation = { ...this.evaluation, test: { ...this.evaluation.test, ...test } };
    this.writeMetrics();
  }

  /**
   * Traces the gates of chosen samples of `data.x` (by index) through every grulab recurrent layer
   * of `model` (GRU z, r, hTilde, h; LSTM i, f, cTilde, o, c, h; SimpleRNN h; see `traceGates`) and
   * writes traces/ (gates.csv, gates.json, saturation.csv, samples.csv, and inputs.csv when
   * `unscaled` and `features` are given). Throws when the model has no grulab recurrent layer.
   *
   * @example
   * await run.traceGates(model, data.test, { samples: [0, 5], labels: ["rain", "sun"] });
   */
  async traceGates(model: tf.LayersModel, data: { x: tf.Tensor }, options: TraceOptions = {}): Promise<GateTraces> {
    const n = data.x.shape[0];
    const samples = options.samples ?? Array.from({ length: Math.min(5, n) }, (_, i) => i);
    samples.forEach((i) => { if (!Number.isInteger(i) || i < 0 || i >= n) throw new Error(`traceGates: option samples has ${i}, expected an index in [0, ${n})`); });
    for (const k of ["labels", "targetDates"] as const) {
      if (options[k] && options[k]!.length !== samples.length) throw new Error(`traceGates: option ${k} has ${options[k]!.length} entries for ${samples.length} samples`);
    }
    this.holdLock();
    const x = tf.gather(data.x, samples);
    try {
      const traces = traceGates(model, x);
      const dir = path.join(this.dir, RUN_FILES.traces);
      const inputs = options.unscaled && options.features ? { features: options.features, values: samples.map((i) => options.unscaled![i]) } : undefined;
      writeTraces(traces, dir, { saturation: saturation(traces), inputs });
      const dates = options.targetDates;
      const lines = [samplesHeader(dates !== undefined), ...samples.map((i, k) => `${k},${i},${csvCell(options.labels?.[k] ?? String(i))}${dates ? `,${csvCell(dates[k])}` : ""}`)];
      writeFileAtomic(path.join(dir, TRACE_FILES.samples), lines.join("\n") + "\n");
      return traces;
    } finally {
      x.dispose();
    }
  }

  /**
   * Saves `model` into model/ (model.json + weights.bin, loadable by loadModel or openRun(dir).loadModel()).
   *
   * @example
   * await run.saveModel(model);
   */
  async saveModel(model: tf.LayersModel): Promise<string> {
    this.holdLock();
    const dir = path.join(this.dir, RUN_FILES.model);
    await writeModelFolder(model, dir);
    return dir;
  }

  /**
   * Exports a figure into charts/ (`file` is relative to charts/; .html, .png, .svg or .pdf, see
   * exportChart). An optional step: on failure (no Chromium, …) it warns and returns null.
   *
   * @example
   * await run.exportChart(lossCurves(run.history), "loss.png");
   */
  async exportChart(figure: Figure, file: string, options: ExportOptions = {}): Promise<string | null> {
    if (path.isAbsolute(file) || file.split(/[\\/]/).includes("..")) throw new Error(`exportChart: file "${file}" must be a name inside charts/ (relative, no ..)`);
    const out = path.join(this.dir, RUN_FILES.charts, file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    try {
      await exportChart(figure, out, options);
      return out;
    } catch (err) {
      console.warn(`grulab: warning: chart ${out} not written (optional): ${(err as Error).message}`);
      return null;
    }
  }

  private metricsJson(): MetricsJson {
    if (!this.evaluation) throw new Error(`run ${this.dir}: call evaluate(model, testData) before finish (${RUN_FILES.metrics} needs test metrics)`);
    return {
      format: RUN_FORMAT, task: this.task, ...this.evaluation, baselines: this.baselines, samples: this.samples,
      backend: tf.getBackend(), kernel: fusedKernelInUse(), seconds: (performance.now() - this.t0) / 1000, trainSeconds: this.trainSeconds,
      epochsRun: this.history.length, bestEpoch: this.bestEpoch,
    };
  }

  private writeMetrics(): MetricsJson {
    this.holdLock();
    const m = this.metricsJson();
    writeFileAtomic(path.join(this.dir, RUN_FILES.metrics), JSON.stringify(m, null, 2) + "\n");
    return m;
  }

  /**
   * Ends the run: metrics.json, run.json `finished` (a diverged or interrupted run keeps its
   * status). Returns metrics.json's contents. `finishRun(run)` does this and then writes the report.
   *
   * @example
   * const metrics = await run.finish();
   */
  async finish(): Promise<MetricsJson> {
    try {
      const metrics = this.writeMetrics();
      // A diverged or interrupted run may still be evaluated and reported; it keeps its status.
      if (this.status === "running") this.mark({ status: "finished", reason: null });
      return metrics;
    } finally {
      this.releaseLock(); // the run is written: another process may read it (or resume it, if not finished)
    }
  }

  /**
   * Marks the run failed with the error's message as reason (for a job that catches an error).
   *
   * @example
   * try { await run.fit(model, data); } catch (err) { run.fail(err as Error); throw err; }
   */
  fail(err: Error): void {
    if (this.status === "running") this.markEnded({ status: "failed", reason: err.message }, err);
  }
}
