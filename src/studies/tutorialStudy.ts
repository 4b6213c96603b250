import * as path from "path";
import { initBackend } from "../backend";
import { tutorialBaselines } from "../baselines/tutorialBaselines";
import { loadSeattleWeather, type SeattleWeather } from "../data/loadSeattleWeather";
import { classificationMetrics } from "../training/classificationMetrics";
import { mcnemarTest } from "../training/mcnemarTest";
import { meanStd } from "../training/meanStd";
import { probabilisticScores } from "../training/probabilisticScores";
import { studentTCritical } from "../training/studentT";
import { studyResultsHeader } from "./studyResultsHeader";
import { writeStudyResults } from "./writeStudyResults";

/**
 * What tutorialStudy asks of its `trainSeeds`: the tutorial's GRU classifier (`buildTutorialClassifier`,
 * learning rate 0.001, batch size 32) trained once per seed on `data`'s training windows with early
 * stopping on its validation windows, then the best epoch's weights predicting its test windows.
 *
 * @example
 * const request: TutorialSeedsRequest = { seeds: [1, 2], epochs: 30, patience: 6, units: 128, data };
 */
export interface TutorialSeedsRequest {
  seeds: number[];
  /** Upper bound of epochs per seed. */
  epochs: number;
  /** Early-stopping patience on val_loss. */
  patience: number;
  /** GRU width. */
  units: number;
  /** The study's data (the trainer must train on exactly these windows; `data.timesteps` days per window). */
  data: SeattleWeather;
}

/**
 * One seed's GRU: epochs run, best epoch (1-based), training seconds, and its class probabilities on
 * the test windows (one row per test day, one column per class of `data.classes`).
 *
 * @example
 * const r: SeedClassification = { seed: 1, epochs: 19, bestEpoch: 13, seconds: 52.1, probabilities: [[0.01, 0.02, 0.6, 0.01, 0.36]] };
 */
export interface SeedClassification { seed: number; epochs: number; bestEpoch: number; seconds: number; probabilities: number[][] }

/** Options of {@link tutorialStudy}; every one but trainSeeds has a default (the budget of record). */
export interface TutorialStudyOptions {
  /**
   * Trains the GRU seeds and returns their test probabilities, in the order of `seeds`. The project's
   * is `tutorialSeedSweep()` (src/sweeps/): the seeds as a sweep of the built-in tutorial trial, each a run folder.
   */
  trainSeeds: (request: TutorialSeedsRequest) => Promise<SeedClassification[]>;
  /** Seeds of the GRU's initial weights and shuffling (default 1…10). */
  seeds?: number[];
  /** Upper bound of epochs per seed (default 30; early stopping on val_loss ends it sooner). */
  epochs?: number;
  /** Early-stopping patience (default 6, as `grulab tutorial`). */
  patience?: number;
  /** GRU width (default 128, the tutorial's). */
  units?: number;
  /** Days per input window (default 14). */
  timesteps?: number;
  /** Where results/tutorial.json goes (default the project's results/); null writes nothing. */
  resultsDir?: string | null;
  /** The command to record (default "grulab study tutorial"). */
  command?: string;
}

/** A mean over seeds with its sample sd and the 95 % t-interval of the mean. */
interface OverSeeds { mean: number; sd: number; low95: number; high95: number; perSeed: number[] }

function overSeeds(values: number[]): OverSeeds {
  const m = meanStd(values);
  const half = values.length > 1 ? studentTCritical(0.95, values.length - 1) * m.sd / Math.sqrt(values.length) : NaN;
  return { mean: m.mean, sd: m.sd, low95: m.mean - half, high95: m.mean + half, perSeed: values };
}

/**
 * The tutorial study of record: the tutorial's GRU classifier trained over several seeds beside
 * the strongest simple baselines on the same 219 test days, with the statistics a reviewer asks
 * for — accuracy, log-loss, Brier score and macro-F1 with their 95 % intervals over seeds, the
 * binomial standard error of one accuracy on the test days, and McNemar's paired test of every
 * seed's GRU against the strongest baseline. The seeds are trained by `options.trainSeeds`
 * (`grulab study tutorial` runs them as a sweep, tutorialSeedSweep). Writes `results/tutorial.json`
 * (every number the docs state, with the date, versions and budget); `grulab study tutorial` runs it.
 *
 * @example
 * const results = await tutorialStudy({ seeds: [1, 2, 3], resultsDir: null, trainSeeds: tutorialSeedSweep() });
 * results.gru.accuracy.mean; results.mcnemar.perSeed[0].pValue;
 */
export async function tutorialStudy(options: TutorialStudyOptions): Promise<Record<string, unknown>> {
  const seeds = options.seeds ?? Array.from({ length: 10 }, (_, i) => i + 1);
  const epochs = options.epochs ?? 30, patience = options.patience ?? 6, units = options.units ?? 128, timesteps = options.timesteps ?? 14;
  if (seeds.length === 0) throw new Error("tutorialStudy: option seeds is empty");
  const backend = await initBackend();
  const started = Date.now();
  const data = await loadSeattleWeather({ timesteps, verbose: false });
  try {
    const labels = data.test.labels;
    const days = labels.length;
    const { rows } = await tutorialBaselines(data);
    const byName = (prefix: string) => rows.find((r) => r.name.startsWith(prefix))!;
    const lr = byName("logistic regression");
    const lrScores = probabilisticScores(lr.probabilities!, labels);
    const baselines = {
      majority: { name: byName("majority").name, accuracy: byName("majority").accuracy.mean },
      persistence: { name: byName("persistence").name, accuracy: byName("persistence").accuracy.mean },
      rule: { name: byName("rain if").name, accuracy: byName("rain if").accuracy.mean },
      logisticRegression: {
        name: lr.name, l2: lr.l2, accuracy: lr.accuracy.mean, logLoss: lrScores.logLoss, brier: lrScores.brier,
        macroF1: classificationMetrics(labels, lr.predicted!, data.classes).macroF1,
      },
    };
    const strongest = rows.filter((r) => r.predicted).reduce((a, b) => (b.accuracy.mean > a.accuracy.mean ? b : a));
    const strongestCorrect = strongest.predicted!.map((c, i) => c === labels[i]);
    const trained = await options.trainSeeds({ seeds, epochs, patience, units, data });
    if (trained.length !== seeds.length || trained.some((r, i) => r.seed !== seeds[i] || r.probabilities.length !== days)) {
      throw new Error(`tutorialStudy: trainSeeds returned seeds ${trained.map((r) => r.seed).join(", ")} (${trained.map((r) => r.probabilities.length).join(", ")} test days); expected ${seeds.join(", ")} with ${days} each`);
    }
    const perSeed = trained.map(({ seed, epochs: epochsRun, bestEpoch, seconds, probabilities }) => {
      const predicted = probabilities.map((p) => p.indexOf(Math.max(...p)));
      const m = classificationMetrics(labels, predicted, data.classes);
      const s = probabilisticScores(probabilities, labels);
      const t = mcnemarTest(predicted.map((c, i) => c === labels[i]), strongestCorrect);
      console.log(`tutorial study: seed ${seed}: accuracy ${(100 * m.accuracy).toFixed(1)} % after ${epochsRun} epochs; McNemar p ${t.pValue.toPrecision(2)} against ${strongest.name}`);
      return { seed, accuracy: m.accuracy, logLoss: s.logLoss, brier: s.brier, macroF1: m.macroF1, epochs: epochsRun, bestEpoch, seconds, onlyGru: t.onlyA, onlyBaseline: t.onlyB, pValue: t.pValue };
    });
    const accuracy = overSeeds(perSeed.map((r) => r.accuracy));
    const sortedP = perSeed.map((r) => r.pValue).sort((a, b) => a - b);
    const results = {
      ...studyResultsHeader("tutorial", options.command ?? "grulab study tutorial", { seeds, maxEpochs: epochs, patience, epochsRun: perSeed.map((r) => r.epochs), seconds: (Date.now() - started) / 1000 }, backend),
      data: { file: path.basename(data.file), timesteps, trainWindows: data.train.labels.length, validationWindows: data.validation.labels.length, testDays: days },
      baselines,
      strongestBaseline: strongest.name,
      gru: {
        units, accuracy, logLoss: overSeeds(perSeed.map((r) => r.logLoss)), brier: overSeeds(perSeed.map((r) => r.brier)), macroF1: overSeeds(perSeed.map((r) => r.macroF1)),
        // The binomial standard error of one accuracy measured on `days` test days.
        standardErrorOneRun: Math.sqrt(accuracy.mean * (1 - accuracy.mean) / days),
      },
      gainOverStrongest: accuracy.mean - strongest.accuracy.mean,
      mcnemar: {
        against: strongest.name,
        perSeed: perSeed.map(({ seed, onlyGru, onlyBaseline, pValue }) => ({ seed, onlyGru, onlyBaseline, pValue })),
        medianP: sortedP.length % 2 ? sortedP[(sortedP.length - 1) / 2] : (sortedP[sortedP.length / 2 - 1] + sortedP[sortedP.length / 2]) / 2,
        seedsBelow005: perSeed.filter((r) => r.pValue < 0.05).length,
      },
      perSeed,
    };
    if (options.resultsDir !== null) writeStudyResults("tutorial", results, options.resultsDir);
    return results;
  } finally {
    data.dispose();
  }
}

