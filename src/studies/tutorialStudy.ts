import * as tf from "@tensorflow/tfjs";
import * as path from "path";
import { initBackend } from "../backend";
import { tutorialBaselines } from "../baselines/tutorialBaselines";
import { loadSeattleWeather } from "../data/loadSeattleWeather";
import { fusedKernelInUse } from "../kernels/fusedKernelInUse";
import { buildTutorialClassifier } from "../models/buildTutorialClassifier";
import { disposeModel } from "../models/disposeModel";
import { classificationMetrics } from "../training/classificationMetrics";
import { mcnemarTest } from "../training/mcnemarTest";
import { meanStd } from "../training/meanStd";
import { probabilisticScores } from "../training/probabilisticScores";
import { studentTCritical } from "../training/studentT";
import { train } from "../training/train";
import { grulabVersion } from "./grulabVersion";
import { writeStudyResults } from "./writeStudyResults";

/** Options of {@link tutorialStudy}; every one has a default (the budget of record). */
export interface TutorialStudyOptions {
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
 * seed's GRU against the strongest baseline. Writes `results/tutorial.json` (every number the
 * docs state, with the date, versions and budget); `grulab study tutorial` runs it.
 *
 * @example
 * const results = await tutorialStudy({ seeds: [1, 2, 3], resultsDir: null });
 * results.gru.accuracy.mean; results.mcnemar.perSeed[0].pValue;
 */
export async function tutorialStudy(options: TutorialStudyOptions = {}): Promise<Record<string, unknown>> {
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
    const perSeed: Array<{ seed: number; accuracy: number; logLoss: number; brier: number; macroF1: number; epochs: number; bestEpoch: number; seconds: number; onlyGru: number; onlyBaseline: number; pValue: number }> = [];
    for (const seed of seeds) {
      const t0 = Date.now();
      const model = buildTutorialClassifier({ timesteps, inputDim: data.featureNames.length, outputDim: data.classes.length, units, seed });
      try {
        const fit = await train(model, { x: data.train.x, y: data.train.y, validation: data.validation }, { epochs, patience, seed, progress: "none" });
        const probabilities = tf.tidy(() => (model.predict(data.test.x) as tf.Tensor).arraySync() as number[][]);
        const predicted = probabilities.map((p) => p.indexOf(Math.max(...p)));
        const m = classificationMetrics(labels, predicted, data.classes);
        const s = probabilisticScores(probabilities, labels);
        const t = mcnemarTest(predicted.map((c, i) => c === labels[i]), strongestCorrect);
        perSeed.push({ seed, accuracy: m.accuracy, logLoss: s.logLoss, brier: s.brier, macroF1: m.macroF1, epochs: fit.rows.length, bestEpoch: fit.bestEpoch,
          seconds: (Date.now() - t0) / 1000, onlyGru: t.onlyA, onlyBaseline: t.onlyB, pValue: t.pValue });
        console.log(`tutorial study: seed ${seed}: accuracy ${(100 * m.accuracy).toFixed(1)} % after ${fit.rows.length} epochs; McNemar p ${t.pValue.toPrecision(2)} against ${strongest.name}`);
      } finally {
        disposeModel(model);
      }
    }
    const accuracy = overSeeds(perSeed.map((r) => r.accuracy));
    const sortedP = perSeed.map((r) => r.pValue).sort((a, b) => a - b);
    const results = {
      study: "tutorial",
      date: new Date().toISOString(),
      command: options.command ?? "grulab study tutorial",
      versions: { grulab: grulabVersion(), node: process.version, tfjs: tf.version.tfjs, backend, kernel: fusedKernelInUse() },
      budget: { seeds, maxEpochs: epochs, patience, epochsRun: perSeed.map((r) => r.epochs), seconds: (Date.now() - started) / 1000 },
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

