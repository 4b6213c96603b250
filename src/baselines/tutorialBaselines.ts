import { classificationBaselines } from "./classificationBaselines";
import { fitLogisticRegressionAsync, type FlatRows, type LogisticRegression } from "./logisticRegression";
import { checkBaselineMemory } from "../bounds/checkBaselineMemory";
import { tensorMemory } from "../kernels/wasmTensorMemory";
import type { SeattleWeather, WindowedSplit } from "../data/loadSeattleWeather";
import { buildWindowClassifier } from "../models/buildWindowClassifier";
import { disposeModel } from "../models/disposeModel";
import { classificationMetrics } from "../training/classificationMetrics";
import { evaluateClassifier } from "../training/evaluateClassifier";
import { meanStd, type MeanStd } from "../training/meanStd";
import { probabilisticScores } from "../training/probabilisticScores";
import { train } from "../training/train";

/** One row of the tutorial's baseline table: test accuracy over seeds (one value for the fixed rules). */
export interface BaselineAccuracy {
  name: string;
  accuracy: MeanStd;
  /** One accuracy per seed (a single value for a rule or the logistic regression, which has no seed). */
  perSeed: number[];
  /** The predicted class of each sample of the split (rules and the logistic regression; absent for an MLP over seeds). */
  predicted?: number[];
  /** Class probabilities of each sample (the logistic regression). */
  probabilities?: number[][];
  /** The logistic regression's L2 penalty, chosen on the validation split. */
  l2?: number;
}

/** Options of {@link tutorialBaselines}; every one has a default. */
export interface TutorialBaselinesOptions {
  /** Hidden units of the learned model: 0 = logistic regression fitted to its optimum (default 0); more = an MLP trained by Adam over seeds. */
  hidden?: number;
  /**
   * L2 penalties tried for the logistic regression, largest first, each fit warm-started from the
   * previous one; the one with the lowest validation log-loss is kept, and the path stops after two
   * penalties in a row did worse than the best (default 10, 1, 0.1, … 1e-5).
   */
  l2Grid?: number[];
  /** MLP only: seeds of the initial weights and shuffling (default [1, 2, 3, 4, 5]). */
  seeds?: number[];
  /** MLP only: upper bound of epochs (default 200; early stopping ends it sooner). */
  epochs?: number;
  /** MLP only: early-stopping patience on val_loss, as the CLI (default 10). */
  patience?: number;
  /** MLP only (default 32). */
  batchSize?: number;
  /** MLP only: Adam learning rate (default 0.01). */
  learningRate?: number;
  /** Stops the learned model's fit once aborted, within ~100 ms of L-BFGS or a batch of the MLP (throws the signal's reason). */
  signal?: AbortSignal;
  /** Progress of the learned model: a line per L2 penalty or seed, and every 5 s of a long fit (default none). */
  log?: (line: string) => void;
  /**
   * Logistic regression only: the memory its flattened windows may take (bytes or e.g. "8G"; default
   * GRULAB_MEMORY_LIMIT, else half of the free memory); over it, the baselines stop before flattening
   * (checkBaselineMemory).
   */
  memoryLimit?: number | string;
}

/** Seconds between two progress lines of one long fit. */
const LOG_EVERY_SECONDS = 5;

/**
 * The tutorial's baselines on one split (default the test split): the majority class of the
 * training days, persistence, the one-line precipitation rule, and a non-recurrent learned model
 * on the flattened window: a multinomial logistic regression fitted to its optimum (L-BFGS, no
 * seed, no early stopping) with its L2 penalty chosen on the validation split by log-loss, or,
 * with `hidden` > 0, an MLP trained by Adam with early stopping over several seeds. Returns the
 * rows in that order, each with its predictions where it has one answer per sample (for paired
 * tests), and the strongest row (by mean accuracy). A model to compare with these is trained on
 * the same windows.
 *
 * @example
 * const data = await loadSeattleWeather({ timesteps: 14 });
 * const { rows, strongest } = await tutorialBaselines(data);
 * for (const r of rows) console.log(r.name, r.accuracy.mean, r.accuracy.sd);
 */
export async function tutorialBaselines(
  data: SeattleWeather,
  options: TutorialBaselinesOptions = {},
  split: WindowedSplit = data.test,
): Promise<{ rows: BaselineAccuracy[]; strongest: BaselineAccuracy }> {
  const hidden = options.hidden ?? 0;
  const precipitation = data.featureNames.indexOf("precipitation");
  if (precipitation < 0) throw new Error(`tutorialBaselines: no "precipitation" feature in ${data.featureNames.join(", ")}`);
  const simple = classificationBaselines({
    classes: data.classes,
    trainLabels: data.train.labels,
    todayLabels: split.previousLabels,
    // One window at a time: split.unscaled would build every window as nested JS arrays (gigabytes for 500,000 rows).
    todayPrecipitation: split.labels.map((_, i) => { const w = split.unscaledWindow(i); return w[w.length - 1][precipitation]; }),
  });
  const rows: BaselineAccuracy[] = simple.map((b) => {
    const accuracy = classificationMetrics(split.labels, b.predicted, data.classes).accuracy;
    return { name: b.name, accuracy: meanStd([accuracy]), perSeed: [accuracy], predicted: b.predicted };
  });
  if (hidden === 0) {
    const [, t, f] = data.train.x.shape;
    checkBaselineMemory({ windows: { train: data.train.labels.length, validation: data.validation.labels.length, test: split.labels.length }, features: t * f, classes: data.classes.length },
      { memoryLimit: options.memoryLimit }); // before anything is flattened
    const lr = await chooseLogisticRegression(data, options.l2Grid ?? [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10], options);
    const xSplit = flatWindows(split);
    const probabilities = lr.predictProbabilities(xSplit);
    const predicted = lr.predict(xSplit);
    const accuracy = classificationMetrics(split.labels, predicted, data.classes).accuracy;
    rows.push({ name: "logistic regression on the flattened window", accuracy: meanStd([accuracy]), perSeed: [accuracy], predicted, probabilities, l2: lr.l2 });
  } else {
    rows.push(await mlpOverSeeds(data, split, hidden, options));
  }
  const strongest = rows.reduce((best, r) => (r.accuracy.mean > best.accuracy.mean ? r : best));
  return { rows, strongest };
}

/**
 * A split's scaled windows as one float64 matrix [samples][timesteps · features] (each float32 value
 * exactly), read where the wasm backend keeps them: `dataSync()` copied them first (a float32 copy,
 * half the matrix's bytes), garbage that stayed until a GC that came late on a loaded machine.
 */
function flatWindows(split: WindowedSplit): FlatRows {
  const [, t, f] = split.x.shape;
  const values = new Float64Array(split.x.size); // before the view: a view is valid until the next tensor allocation
  values.set(tensorMemory(split.x) ?? split.x.dataSync());
  return { values, features: t * f };
}

/**
 * The logistic regression over an L2 path (largest first, warm-started), kept at the lowest
 * validation log-loss; stops two worse steps past the best. Each fit runs in slices of ~100 ms
 * and stops within one when `options.signal` is aborted; a line per step, and one every 5 s of a
 * long fit (iteration, objective, largest gradient component), go to `options.log`.
 */
async function chooseLogisticRegression(data: SeattleWeather, grid: number[], options: TutorialBaselinesOptions): Promise<LogisticRegression> {
  if (grid.length === 0) throw new Error("tutorialBaselines: option l2Grid is empty");
  const x = flatWindows(data.train);
  const xValidation = flatWindows(data.validation);
  let best: { lr: LogisticRegression; logLoss: number; worse: number } | null = null;
  let previous: LogisticRegression | undefined;
  for (const [k, l2] of [...grid].sort((a, b) => b - a).entries()) {
    await new Promise((resolve) => setImmediate(resolve)); // a Ctrl-C during the previous fit is handled here
    if (options.signal?.aborted) throw options.signal.reason;
    const t0 = performance.now();
    let lastLine = t0;
    if (k === 0) options.log?.(`baselines: logistic regression on ${data.train.labels.length.toLocaleString("en-US")} flattened training windows of ${x.features} values, L2 ${l2} first (a line every ${LOG_EVERY_SECONDS} s of a long fit)…`);
    const lr = await fitLogisticRegressionAsync(x, data.train.labels, data.classes.length, {
      l2, start: previous, signal: options.signal,
      onIteration: (p) => {
        const now = performance.now();
        if (!options.log || now - lastLine < 1000 * LOG_EVERY_SECONDS) return;
        lastLine = now;
        options.log(`baselines: logistic regression, L2 ${l2}: iteration ${p.iteration}, objective ${p.objective.toFixed(6)}, largest gradient component ${p.gradientMax.toExponential(2)} (stops below 1e-6), ${((now - t0) / 1000).toFixed(0)} s`);
      },
    });
    const { logLoss } = probabilisticScores(lr.predictProbabilities(xValidation), data.validation.labels);
    options.log?.(`baselines: logistic regression, L2 ${l2} (${k + 1} of at most ${grid.length}): validation log-loss ${logLoss.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    if (!best || logLoss < best.logLoss) best = { lr, logLoss, worse: 0 };
    else if (++best.worse === 2) break;
    previous = lr;
  }
  return best!.lr;
}

/** An MLP on the flattened window, trained by Adam with early stopping, once per seed. */
async function mlpOverSeeds(data: SeattleWeather, split: WindowedSplit, hidden: number, options: TutorialBaselinesOptions): Promise<BaselineAccuracy> {
  const seeds = options.seeds ?? [1, 2, 3, 4, 5];
  if (seeds.length === 0) throw new Error("tutorialBaselines: option seeds is empty");
  const learned: number[] = [];
  for (const [k, seed] of seeds.entries()) {
    const t0 = performance.now();
    const model = buildWindowClassifier({
      timesteps: data.timesteps, inputDim: data.featureNames.length, outputDim: data.classes.length,
      hidden, seed, learningRate: options.learningRate ?? 0.01,
    });
    try {
      await train(model, { x: data.train.x, y: data.train.y, validation: data.validation }, {
        epochs: options.epochs ?? 200, patience: options.patience ?? 10, batchSize: options.batchSize ?? 32, seed, progress: "none", signal: options.signal,
        onEpochEnd: (row) => { if (options.log && performance.now() - t0 > 10_000 && row.epoch % 10 === 0) options.log(`baselines: seed ${seed}: epoch ${row.epoch}, ${((performance.now() - t0) / 1000).toFixed(0)} s`); },
      });
      learned.push((await evaluateClassifier(model, split.x, split.labels, data.classes)).accuracy);
      options.log?.(`baselines: learned model, seed ${k + 1}/${seeds.length}: test accuracy ${learned[learned.length - 1].toFixed(3)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    } finally {
      disposeModel(model); // also Adam's state, which model.dispose() keeps
    }
  }
  return { name: `MLP(${hidden}) on the flattened window`, accuracy: meanStd(learned), perSeed: learned };
}
