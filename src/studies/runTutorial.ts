import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../backend";
import { checkTutorialMemory } from "../bounds/checkTutorialMemory";
import { lossCurves } from "../charts/lossCurves";
import { loadSeattleWeather, type SeattleWeather } from "../data/loadSeattleWeather";
import { disposeModel } from "../models/disposeModel";
import { buildTutorialClassifier, type TutorialGruLayer } from "../models/buildTutorialClassifier";
import type { GruImplementation } from "../models/pickGruSequence";
import type { HistoryRow } from "../training/historyRow";
import { readRunJson } from "../runs/runJson";
import type { Run } from "../runs/Run";
import { finishRun, type FinishResult } from "../reports/finishRun";
import { JobSteps, TRAINING_STEP } from "../runs/JobSteps";
import { reopenRun } from "../runs/reopenRun";
import { startRun } from "../runs/startRun";
import { tutorialBaselines } from "../baselines/tutorialBaselines";
import { mcnemarTest } from "../training/mcnemarTest";
import * as fs from "fs";
import * as path from "path";
import { RUN_FILES, runContents, type MetricsJson } from "../runs/runFormat";

/**
 * The tutorial job's options; every one has a default (see TUTORIAL_DEFAULTS).
 *
 * @example
 * await runTutorial({ epochs: 5, units: 32, out: "/tmp/runs" });
 */
export interface TutorialOptions {
  epochs?: number;
  units?: number;
  timesteps?: number;
  seed?: number;
  batchSize?: number;
  /** Early-stopping patience in epochs; 0 turns it off. */
  patience?: number;
  /** Backend name; default: initBackend's choice (GRULAB_BACKEND, else tensorflow > wasm > cpu). */
  backend?: string;
  /** GRU layer: "grulab" (tf.keras 2 / Keras 3 reset-after GRU, default) or "tfjs" (tf.layers.gru, for comparison). */
  gru?: TutorialGruLayer;
  /** Sequence implementation of the grulab layer: "reference" | "fused" | "auto" (default). */
  gruImplementation?: GruImplementation;
  /** Parent folder of the run folder, relative to process.cwd() (default: the project's runs/, or $GRULAB_RUNS; see defaultRunsDir). */
  out?: string;
  /** CSV to read, relative to process.cwd() (default the bundled seattle-weather.csv). */
  file?: string;
  /** Admit weather classes beyond SEATTLE_CLASSES (default false: an unknown class is an error naming its line). */
  newClasses?: boolean;
  /** "auto" | "lines" | "none", passed to train (default "auto"). */
  progress?: "auto" | "lines" | "none";
}

/**
 * Defaults of the tutorial job: beat the majority-class baseline in about a minute on wasm.
 *
 * @example
 * await runTutorial({ epochs: TUTORIAL_DEFAULTS.epochs * 2 });
 */
export const TUTORIAL_DEFAULTS = {
  epochs: 30, units: 128, timesteps: 14, seed: 42, batchSize: 32, patience: 6, gru: "grulab" as TutorialGruLayer, gruImplementation: "auto" as GruImplementation,
};

/**
 * What runTutorial and resumeTutorial return.
 *
 * @example
 * const { runDir, metrics, warnings } = await runTutorial({ epochs: 2 });
 */
export interface TutorialResult {
  runDir: string;
  metrics: MetricsJson;
  rows: HistoryRow[];
  /** Optional steps that failed (report, PDF, chart): warnings, not errors. */
  warnings: string[];
}

/**
 * Reproduces the tutorial end to end through the run API (startRun, fit, evaluate, traceGates,
 * saveModel, exportChart, finish) and writes `<runs>/<YYYYMMDD-HHMMSS>-tutorial/` (see
 * docs/run-folder.md). Prints the model summary, training progress, the per-class scores, where
 * everything went and the test accuracy beside the majority-class baseline. Ctrl-C keeps the
 * finished epochs (`grulab resume <run>` continues) and throws RunInterrupted.
 *
 * @example
 * const { runDir, metrics } = await runTutorial({ epochs: 2, units: 8, out: "/tmp/runs" });
 */
export async function runTutorial(options: TutorialOptions = {}): Promise<TutorialResult> {
  const o = { ...TUTORIAL_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof TUTORIAL_DEFAULTS & TutorialOptions;
  checkTutorialMemory(o); // bounds before allocation: stops at once over the memory limit (docs/reliability.md)
  return tutorialJob(o, null);
}

/**
 * Continues an interrupted (or killed) tutorial run from its checkpoint with the options in its
 * config.json, then evaluates, traces and reports it as runTutorial does. `grulab resume <run>`.
 *
 * @example
 * await resumeTutorial("runs/20261127-101500-tutorial");
 */
export async function resumeTutorial(dir: string, options: Pick<TutorialOptions, "progress"> = {}): Promise<TutorialResult> {
  readRunJson(dir); // errors naming the folder come first
  const c = JSON.parse(fs.readFileSync(path.join(dir, RUN_FILES.config), "utf8")) as Record<string, unknown>;
  if (c.job !== "tutorial") throw new Error(`${path.join(dir, RUN_FILES.config)}: "job" is ${JSON.stringify(c.job)}: grulab resume continues tutorial runs; resume others with resumeRun(dir) and the same data`);
  const o = {
    ...TUTORIAL_DEFAULTS, units: Number(c.units), timesteps: Number(c.timesteps), epochs: Number(c.epochs), batchSize: Number(c.batchSize), patience: Number(c.patience), seed: Number(c.seed),
    gru: c.gru as TutorialGruLayer, gruImplementation: (c.gruImplementation ?? "auto") as GruImplementation, backend: String(c.backend), file: String(c.datasetPath),
    newClasses: c.newClasses === true, progress: options.progress,
  };
  return tutorialJob(o, dir);
}

/** Data, run folder and model, then the steps: a new run (`dir` null; the folder comes before the model, so a model that fails to build leaves a failed run) or `dir` reopened. */
async function tutorialJob(o: typeof TUTORIAL_DEFAULTS & TutorialOptions, dir: string | null): Promise<TutorialResult> {
  const job = new JobSteps();
  let data: SeattleWeather | null = null;
  let model: tf.LayersModel | null = null;
  let run: Run | null = null;
  try {
    const backend = await initBackend(o.backend);
    data = await job.step("loading the data", () => loadSeattleWeather({ file: o.file, timesteps: o.timesteps, newClasses: o.newClasses, signal: job.abortSignal }));
    const d = data;
    const build = () => buildTutorialClassifier({
      timesteps: o.timesteps, inputDim: d.featureNames.length, outputDim: d.classes.length, units: o.units, seed: o.seed, gru: o.gru, gruImplementation: o.gruImplementation,
    });
    if (dir === null) {
      run = await startRun("tutorial", {
        task: "classification", classes: d.classes, dir: o.out, cliResume: true, config: {
          job: "tutorial", dataset: path.basename(d.file), datasetPath: path.resolve(d.file), features: d.featureNames,
          target: "weather (next day)", newClasses: o.newClasses === true, timesteps: o.timesteps, units: o.units, epochs: o.epochs, batchSize: o.batchSize, patience: o.patience, seed: o.seed,
          gru: o.gru, gruImplementation: o.gru === "grulab" ? o.gruImplementation : null, optimizer: "adam", learningRate: 0.001, loss: "categoricalCrossentropy",
          split: { method: "chronological", train: 0.7, validation: 0.15, test: 0.15 },
          scaler: { method: "standard, fitted on training days", mean: d.scaler.mean, std: d.scaler.std },
        },
      });
      if (run.config.backend !== backend) throw new Error(`runTutorial: backend ${backend} expected, tfjs uses ${run.config.backend}`);
      model = build();
    } else {
      model = build();
      run = await reopenRun(dir, model);
    }
    job.use(run);
    model.summary();
    return await tutorialSteps(job, run, model, d, o);
  } catch (err) {
    run?.fail(err as Error);
    throw err;
  } finally {
    job.close();
    if (model) disposeModel(model); // also frees Adam's state, which model.dispose() keeps
    data?.dispose();
  }
}

/** fit, evaluate, baselines, traces, model, loss chart, finish and the printed summary, each a step of `job`. */
async function tutorialSteps(job: JobSteps, run: Run, model: tf.LayersModel, data: SeattleWeather, o: Pick<TutorialOptions, "epochs" | "batchSize" | "seed" | "patience" | "progress" | "gru">): Promise<TutorialResult> {
  console.log(`training on ${data.train.labels.length} windows, validating on ${data.validation.labels.length} (batch ${o.batchSize}, up to ${o.epochs} epochs${o.patience! > 0 ? `, early stopping patience ${o.patience}` : ""})`);
  const fitted = await job.step(TRAINING_STEP, () => run.fit(model, data.train, { validation: data.validation, test: data.test, epochs: o.epochs, batchSize: o.batchSize, seed: o.seed, patience: o.patience, progress: o.progress }));
  await job.step("evaluation", () => run.evaluate(model, data.test, { signal: job.abortSignal, log: (line) => console.log(line) }));
  // Baselines beside the GRU on the same test days: persistence, the precipitation rule, the logistic
  // regression at its optimum; each with McNemar's paired test against the GRU's answers, which the
  // evaluation kept (no second pass of the GRU over the test split).
  await job.step("baselines", async () => {
    const gruCorrect = run.predictedClasses!.map((c, i) => c === data.test.labels[i]);
    for (const b of (await tutorialBaselines(data, { signal: job.abortSignal, log: (line) => console.log(line) })).rows.filter((r) => !r.name.startsWith("majority class"))) {
      const paired: Record<string, number> = b.predicted ? { mcnemarP: mcnemarTest(gruCorrect, b.predicted.map((c, i) => c === data.test.labels[i])).pValue } : {};
      run.addBaseline(b.l2 !== undefined ? `${b.name} (L2 ${b.l2}, chosen on validation)` : b.name, { accuracy: b.accuracy.mean, ...paired });
    }
  });
  // Gate traces of the first test window of each class (none for tf.layers.gru, which hides its gates).
  await job.step("gate traces", async () => {
    if (model.layers.some((l) => l.getClassName() === "GrulabGRU")) {
      const picked = data.classes.map((_, c) => data.test.labels.indexOf(c)).filter((i) => i >= 0);
      await run.traceGates(model, data.test, { samples: picked, labels: picked.map((i) => data.classes[data.test.labels[i]]), targetDates: picked.map((i) => data.test.targetDates[i]), unscaled: windowsOf(data.test, picked), features: data.featureNames });
      console.log(`gate traces of ${picked.length} test windows (${picked.map((i) => data.classes[data.test.labels[i]]).join(", ")}) → ${path.join(run.dir, RUN_FILES.traces)}/`);
    } else {
      console.log(`no gate traces: the "${o.gru}" GRU layer hides its gates (use --gru grulab)`);
    }
  });
  await job.step("saving the model", () => run.saveModel(model));
  await job.step("charts", () => run.exportChart(lossCurves(fitted.rows, { title: "grulab tutorial: loss and accuracy" }), "loss.html"));
  const finished = await job.step("report", () => finishRun(run));
  job.end();
  printSummary(run, finished);
  return { runDir: run.dir, metrics: finished.metrics, rows: fitted.rows, warnings: finished.warnings };
}

/** The unscaled windows of `picked` only, at their indices (the rest stay holes): data.test.unscaled would build every window. */
function windowsOf(split: { unscaledWindow(i: number): number[][] }, picked: number[]): number[][][] {
  const out: number[][][] = [];
  for (const i of picked) out[i] = split.unscaledWindow(i);
  return out;
}

function printSummary(run: Run, f: FinishResult): void {
  const m = f.metrics;
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const classes = m.classes ?? [];
  console.log("");
  console.log("per class on the test split (precision / recall / support):");
  for (const c of m.perClass ?? []) console.log(`  ${c.class.padEnd(8)} ${c.precision.toFixed(3)} / ${c.recall.toFixed(3)} / ${c.support}`);
  console.log(`confusion matrix (rows actual, columns predicted: ${classes.join(", ")}):`);
  for (let i = 0; i < classes.length; i++) console.log(`  ${classes[i].padEnd(8)} ${(m.confusion ?? [])[i].map((v) => String(v).padStart(4)).join(" ")}`);
  console.log("");
  console.log(`run folder ${run.dir}/`);
  for (const line of runContents(run.dir)) console.log(`  ${line}`);
  for (const w of f.warnings) console.log(`  (optional step skipped: ${w})`);
  const strongest = m.baselines.reduce((a, b) => (b.test.accuracy > a.test.accuracy ? b : a));
  console.log(`baselines on the test split: ${m.baselines.map((b) => `${b.name} ${pct(b.test.accuracy)}`).join(", ")}`);
  console.log(`test accuracy ${pct(m.test.accuracy)} vs the strongest baseline, ${strongest.name}, ${pct(strongest.test.accuracy)}: ${tutorialVerdict(m.test.accuracy, strongest.test, (m.perClass ?? []).reduce((s, c) => s + c.support, 0))}; backend ${m.backend}, ${m.seconds?.toFixed(1)} s`);
}

/**
 * The summary's verdict of the GRU against a baseline, from McNemar's paired test on the same test
 * days when the baseline has it: "beats it", "does worse" or "not distinguishable" at the 5 % level.
 *
 * @example
 * tutorialVerdict(0.653, { accuracy: 0.652, mcnemarP: 1 }, 219) // "not distinguishable (McNemar p = 1.0 over 219 test days)"
 */
export function tutorialVerdict(accuracy: number, baseline: Record<string, number>, days: number): string {
  const p = baseline.mcnemarP;
  if (p === undefined) return accuracy > baseline.accuracy ? "beats it (no paired test)" : "does NOT beat it (no paired test)";
  const where = `McNemar p = ${p < 0.001 ? "< 0.001" : p.toPrecision(2)} over ${days} test days`;
  if (p >= 0.05) return `not distinguishable (${where})`;
  return accuracy > baseline.accuracy ? `beats it (${where})` : `does worse (${where})`;
}
