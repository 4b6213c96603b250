import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend, type BackendName } from "../backend";
import { lossCurves } from "../charts/lossCurves";
import { loadSeattleWeather } from "../data/loadSeattleWeather";
import { figureToHtml } from "../export/figureToHtml";
import { saveModel } from "../io/saveModel";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { buildTutorialClassifier, type TutorialGruLayer } from "../models/buildTutorialClassifier";
import type { GruImplementation } from "../models/pickGruSequence";
import type { ClassMetrics } from "../training/classificationMetrics";
import { evaluateClassifier } from "../training/evaluateClassifier";
import { historyToCsv } from "../training/historyCsv";
import type { HistoryRow } from "../training/historyRow";
import { train } from "../training/train";
import { makeRunDir } from "./makeRunDir";
import { writeReport } from "../export/writeReport";
import { writeTutorialTraces, type TutorialTraces } from "./writeTutorialTraces";

/** The tutorial job's options; every one has a default (see TUTORIAL_DEFAULTS). */
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
  /** GRU layer: "grulab" (Keras 2+ reset-after GRU, default) or "tfjs" (tf.layers.gru, for comparison). */
  gru?: TutorialGruLayer;
  /** Sequence implementation of the grulab layer: "reference" | "fused" | "auto" (default). */
  gruImplementation?: GruImplementation;
  /** Parent folder of the run folder (default "runs"). */
  out?: string;
  /** CSV to read (default the bundled seattle-weather.csv). */
  file?: string;
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
  epochs: 30, units: 128, timesteps: 14, seed: 42, batchSize: 32, patience: 6, gru: "grulab" as TutorialGruLayer, gruImplementation: "auto" as GruImplementation, out: "runs",
};

/** metrics.json of a run (shared format). */
export interface RunMetrics {
  testAccuracy: number;
  baselineAccuracy: number;
  baselineClass: string;
  classes: string[];
  perClass: ClassMetrics[];
  confusion: number[][];
  backend: BackendName;
  /** Wall time of the whole run (load, build, train, evaluate, write), seconds. */
  seconds: number;
  trainSeconds: number;
  epochsRun: number;
  bestEpoch: number;
  samples: { train: number; validation: number; test: number };
}

/**
 * Reproduces the tutorial end to end and writes `runs/<YYYYMMDD-HHMMSS>-tutorial/`:
 * config.json, history.csv, metrics.json, model/ (model.json + weights.bin), loss.html, traces/
 * (grulab GRU only) and report.html (+ report.pdf where Chromium exists).
 * Prints the class counts, model.summary(), training progress, where everything went and the
 * test accuracy beside the majority-class baseline of the test split.
 *
 * @example
 * const { runDir, metrics } = await runTutorial({ epochs: 2, units: 8, out: "/tmp/runs" });
 */
export async function runTutorial(options: TutorialOptions = {}): Promise<{ runDir: string; metrics: RunMetrics; rows: HistoryRow[] }> {
  const o = { ...TUTORIAL_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof TUTORIAL_DEFAULTS & TutorialOptions;
  const t0 = performance.now();
  const backend = await initBackend(o.backend);
  const data = await loadSeattleWeather({ file: o.file, timesteps: o.timesteps });
  const runDir = makeRunDir(o.out, "tutorial");
  let model: tf.LayersModel | null = null;
  try {
    const config = {
      name: "tutorial", dataset: path.basename(data.file), datasetPath: path.resolve(data.file), features: data.featureNames,
      target: "weather (next day)", classes: data.classes, timesteps: o.timesteps, units: o.units, epochs: o.epochs,
      batchSize: o.batchSize, patience: o.patience, seed: o.seed, backend, gru: o.gru, gruImplementation: o.gru === "grulab" ? o.gruImplementation : null, optimizer: "adam", learningRate: 0.001,
      loss: "categoricalCrossentropy", split: { method: "chronological", train: 0.7, validation: 0.15, test: 0.15 },
      scaler: { method: "standard, fitted on training days", mean: data.scaler.mean, std: data.scaler.std },
      tfjsVersion: tf.version.tfjs, node: process.version, createdAt: new Date().toISOString(),
    };
    writeFileAtomic(path.join(runDir, "config.json"), JSON.stringify(config, null, 2) + "\n");
    model = buildTutorialClassifier({
      timesteps: o.timesteps, inputDim: data.featureNames.length, outputDim: data.classes.length, units: o.units, seed: o.seed, gru: o.gru, gruImplementation: o.gruImplementation,
    });
    model.summary();
    console.log(`training on ${data.train.labels.length} windows, validating on ${data.validation.labels.length} (batch ${o.batchSize}, up to ${o.epochs} epochs${o.patience > 0 ? `, early stopping patience ${o.patience}` : ""})`);
    const tTrain = performance.now();
    const result = await train(model, { x: data.train.x, y: data.train.y, validation: data.validation }, {
      epochs: o.epochs, batchSize: o.batchSize, seed: o.seed, patience: o.patience, progress: o.progress,
    });
    const trainSeconds = (performance.now() - tTrain) / 1000;
    writeFileAtomic(path.join(runDir, "history.csv"), historyToCsv(result.rows));
    const m = await evaluateClassifier(model, data.test.x, data.test.labels, data.classes);
    await saveModel(model, path.join(runDir, "model"));
    writeFileAtomic(path.join(runDir, "loss.html"), figureToHtml(lossCurves(result.rows, { title: "grulab tutorial: loss and accuracy" }), { title: "grulab tutorial" }));

    // Gate traces of one test window per class → traces/ (none for tf.layers.gru, which hides its gates).
    const traced = writeTutorialTraces(model, data.test, data.classes, data.featureNames, path.join(runDir, "traces"));
    printTraces(traced, o.gru);

    const metrics: RunMetrics = {
      testAccuracy: m.accuracy, baselineAccuracy: m.baselineAccuracy, baselineClass: m.baselineClass, classes: m.classes,
      perClass: m.perClass, confusion: m.confusion, backend, seconds: (performance.now() - t0) / 1000, trainSeconds,
      epochsRun: result.rows.length, bestEpoch: result.bestEpoch,
      samples: { train: data.train.labels.length, validation: data.validation.labels.length, test: data.test.labels.length },
    };
    writeFileAtomic(path.join(runDir, "metrics.json"), JSON.stringify(metrics, null, 2) + "\n");
    // The report reads the finished folder: report.html, and report.pdf where Chromium exists.
    const report = await writeReport(runDir);
    printSummary(runDir, metrics, report.pdf !== null);
    return { runDir, metrics, rows: result.rows };
  } catch (err) {
    // No metrics.json marks the folder as a failed run; say so where the user looks.
    console.error(`grulab: the run failed; ${runDir}/ is incomplete (no metrics.json)`);
    throw err;
  } finally {
    model?.dispose();
    data.dispose();
  }
}

function printTraces(traced: TutorialTraces | null, gru: string): void {
  if (traced === null) {
    console.log(`no gate traces: the "${gru}" GRU layer hides its gates (use --gru grulab)`);
    return;
  }
  const mean = (gate: "z" | "r", key: "leftFraction" | "rightFraction") => {
    const rows = traced.saturation.filter((r) => r.gate === gate);
    return `${((100 * rows.reduce((s, r) => s + r[key], 0)) / rows.length).toFixed(1)}%`;
  };
  console.log(`gate traces of ${traced.samples.length} test windows (${traced.samples.map((s) => s.class).join(", ")}) → ${traced.dir}/`);
  console.log(`gate saturation (share of steps, mean over units): z < 0.1 ${mean("z", "leftFraction")}, z > 0.9 ${mean("z", "rightFraction")}; r < 0.1 ${mean("r", "leftFraction")}, r > 0.9 ${mean("r", "rightFraction")}`);
}

function printSummary(runDir: string, m: RunMetrics, pdf: boolean): void {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  console.log("");
  console.log("per class on the test split (precision / recall / support):");
  for (const c of m.perClass) console.log(`  ${c.class.padEnd(8)} ${c.precision.toFixed(3)} / ${c.recall.toFixed(3)} / ${c.support}`);
  console.log(`confusion matrix (rows actual, columns predicted: ${m.classes.join(", ")}):`);
  for (let i = 0; i < m.classes.length; i++) console.log(`  ${m.classes[i].padEnd(8)} ${m.confusion[i].map((v) => String(v).padStart(4)).join(" ")}`);
  console.log("");
  console.log(`run folder ${runDir}/`);
  const written = [["config.json", "every option used"], ["history.csv", "loss and accuracy per epoch"], ["metrics.json", "test metrics, baseline, confusion matrix"], ["model/", "model.json + weights.bin"], ["loss.html", "loss and accuracy chart (opens offline)"], ["traces/", "gate traces, saturation, inputs of a few test windows"],
    ["report.html", "the whole run on one offline page"], ...(pdf ? [["report.pdf", "the same report as PDF"]] : [])];
  for (const [f, what] of written.filter(([f]) => fs.existsSync(path.join(runDir, f)))) {
    console.log(`  ${path.join(runDir, f)}  ${what}`);
  }
  const verdict = m.testAccuracy > m.baselineAccuracy ? "beats" : "does NOT beat";
  console.log(`test accuracy ${pct(m.testAccuracy)} vs majority-class baseline ${pct(m.baselineAccuracy)} (always "${m.baselineClass}" on the test split): ${verdict} it; backend ${m.backend}, ${m.seconds.toFixed(1)} s`);
}
