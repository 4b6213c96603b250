import { classificationBaselines } from "./classificationBaselines";
import type { SeattleWeather, WindowedSplit } from "../data/loadSeattleWeather";
import { buildWindowClassifier } from "../models/buildWindowClassifier";
import { disposeModel } from "../models/disposeModel";
import { classificationMetrics } from "../training/classificationMetrics";
import { evaluateClassifier } from "../training/evaluateClassifier";
import { meanStd, type MeanStd } from "../training/meanStd";
import { train } from "../training/train";

/** One row of the tutorial's baseline table: test accuracy over seeds (one value for the fixed rules). */
export interface BaselineAccuracy {
  name: string;
  accuracy: MeanStd;
  /** One accuracy per seed (a single value for a rule). */
  perSeed: number[];
}

/** Options of {@link tutorialBaselines}; every one has a default. */
export interface TutorialBaselinesOptions {
  /** Seeds of the learned model's initial weights and shuffling (default [1, 2, 3, 4, 5]). */
  seeds?: number[];
  /** Upper bound of epochs (default 200; early stopping ends it sooner). */
  epochs?: number;
  /** Early-stopping patience on val_loss, as the CLI (default 10). */
  patience?: number;
  batchSize?: number;
  /** Hidden units of the learned model: 0 = logistic regression (default 0). */
  hidden?: number;
  /** Adam learning rate of the learned model (default 0.01: logistic regression needs many small steps at 0.001). */
  learningRate?: number;
  /** Stops the learned model's training within a batch once aborted (throws the signal's reason). */
  signal?: AbortSignal;
  /** Progress of the learned model, a line per seed (default none). */
  log?: (line: string) => void;
}

/**
 * The tutorial's baselines on one split (default the test split): the majority class of the
 * training days, persistence, the one-line precipitation rule, and a non-recurrent learned model
 * (logistic regression, or an MLP, on the flattened window) trained with early stopping on the
 * validation split over several seeds. Returns the rows in that order and the strongest one (by
 * mean accuracy). A model to compare with these is trained on the same windows.
 *
 * @example
 * const data = await loadSeattleWeather({ timesteps: 14 });
 * const { rows, strongest } = await tutorialBaselines(data, { seeds: [1, 2, 3] });
 * for (const r of rows) console.log(r.name, r.accuracy.mean, r.accuracy.sd);
 */
export async function tutorialBaselines(
  data: SeattleWeather,
  options: TutorialBaselinesOptions = {},
  split: WindowedSplit = data.test,
): Promise<{ rows: BaselineAccuracy[]; strongest: BaselineAccuracy }> {
  const seeds = options.seeds ?? [1, 2, 3, 4, 5];
  if (seeds.length === 0) throw new Error("tutorialBaselines: option seeds is empty");
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
    return { name: b.name, accuracy: meanStd([accuracy]), perSeed: [accuracy] };
  });
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
  rows.push({
    name: hidden > 0 ? `MLP(${hidden}) on the flattened window` : "logistic regression on the flattened window",
    accuracy: meanStd(learned),
    perSeed: learned,
  });
  const strongest = rows.reduce((best, r) => (r.accuracy.mean > best.accuracy.mean ? r : best));
  return { rows, strongest };
}
