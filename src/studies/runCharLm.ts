import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { disposeModel } from "../models/disposeModel";
import { initBackend } from "../backend";
import { buildCharVocab } from "../data/charVocab";
import { charWindows } from "../data/charWindows";
import { loadTsLibCorpus } from "../data/loadTsLibCorpus";
import { csvCell } from "../io/csvCell";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { buildCharLm } from "../models/buildCharLm";
import { startRun } from "../runs/startRun";
import { codeFeatures } from "../traces/codeFeatures";
import { readCharLm } from "../traces/readCharLm";
import { unitFeatureCorrelation, type UnitFeatureRow } from "../traces/unitFeatureCorrelation";
import { bestByValidation, ngramBaselines, type NgramBaselineRow } from "../training/ngramBaselines";
import { sampleText } from "../training/sampleText";

/** Options of the `grulab charlm` job; every one has a default (CHARLM_DEFAULTS). */
export interface CharLmJobOptions {
  /** GRU units per layer. */
  units?: number;
  /** Stacked GRU layers. */
  layers?: number;
  /** Truncated-BPTT window length (characters). */
  timesteps?: number;
  batchSize?: number;
  epochs?: number;
  /** Training windows per epoch: a seeded random subset of the non-overlapping windows of the whole training text; 0 = all (~28,000). */
  trainWindows?: number;
  /** Validation windows evaluated after each epoch (0 = all). */
  validationWindows?: number;
  learningRate?: number;
  seed?: number;
  /** Characters seen fewer times in the training text become the unknown symbol. */
  minCount?: number;
  /** Cut every split to this many characters (0 = no cut): for quick runs and CI. */
  maxChars?: number;
  /** n-gram baselines to fit (n of each). */
  ngramOrders?: number[];
  /** Temperatures of the text samples. */
  temperatures?: number[];
  /** Characters per sample. */
  sampleLength?: number;
  /** Test characters read with the state carried for the unit search. */
  traceChars?: number;
  /**
   * Where those characters start in the test text (clamped so that traceChars fit). The default,
XX
   * and comments all occur in TypeScript 5.9's files; the start of the test text has almost no strings.
   */
  traceFrom?: number;
  /** Backend name (default: initBackend's choice). */
  backend?: string;
  /** Parent folder of the run folder; relative to process.cwd(). Default: startRun's (GRULAB_RUNS, else the project's runs/). */
  out?: string;
  /** report.pdf beside report.html: "auto" (default: where Chromium exists), true or false. */
  pdf?: boolean | "auto";
  progress?: "auto" | "lines" | "none";
}

/**
 * Defaults of `grulab charlm` and `runCharLm` (docs/studies-charlm.md has the measured times and bpc).
 *
 * @example
 * await runCharLm({ ...CHARLM_DEFAULTS, epochs: 1 });
 */
export const CHARLM_DEFAULTS = {
  units: 128, layers: 2, timesteps: 100, batchSize: 64, epochs: 3, trainWindows: 10000, validationWindows: 500,
  learningRate: 0.005, seed: 42, minCount: 10, maxChars: 0, ngramOrders: [1, 3, 5, 7], temperatures: [0.2, 0.5, 1],
  sampleLength: 300, traceChars: 20000, traceFrom: 86000, pdf: "auto" as boolean | "auto", progress: "auto" as "auto" | "lines" | "none",
};

/** What `runCharLm` returns (the numbers are also in the run folder). */
export interface CharLmJobResult {
  dir: string;
  /** Bits per character on the test text, read with the state carried (readCharLm). */
  testBpc: number;
  validationBpc: number;
  baselines: NgramBaselineRow[];
  samples: Array<{ temperature: number; text: string }>;
  /** Per feature, the unit whose h correlates best with it. */
  bestUnits: UnitFeatureRow[];
  seconds: number;
  trainSeconds: number;
}

/**
 * The `grulab charlm` main job (Karpathy, Johnson & Fei-Fei 2015 on TypeScript's lib files),
 * one run (startRun): fits the n-gram baselines, trains the two-layer char GRU LM on stateless
 * windows (run.fit: checkpoints, history, signals), evaluates it on the test windows (accuracy,
 * loss) and reads the test text with the state carried (test `bpc`, beside each n-gram's `bpc` as
 * baselines), traces the gates of a few test windows, samples text at a few temperatures
 * (generated.txt) and searches units correlating with code features (traces/unit-features.csv).
 * config.json keeps the vocabulary (`vocabChars`: `charVocab(config.vocabChars)` rebuilds it).
 * On an error the run is marked failed and the error rethrown.
 *
 * @example
 * const result = await runCharLm({ epochs: 1, trainWindows: 200, maxChars: 50000 });
 * console.log(result.testBpc, result.baselines);
 */
export async function runCharLm(options: CharLmJobOptions = {}): Promise<CharLmJobResult> {
  const o = { ...CHARLM_DEFAULTS, ...options };
  const t0 = performance.now();
  await initBackend(o.backend);
  const log = (line: string) => { if (o.progress !== "none") console.log(line); };
  const corpus = loadTsLibCorpus({ maxChars: o.maxChars > 0 ? o.maxChars : undefined });
  const vocab = buildCharVocab(corpus.train, { minCount: o.minCount });
  const ids = { train: vocab.encode(corpus.train), validation: vocab.encode(corpus.validation), test: vocab.encode(corpus.test) };
  const { out, progress: _progress, pdf, ...settings } = o;
  const run = await startRun("charlm", {
    task: "classification", classes: vocab.labels, dir: out,
    config: {
      study: "charlm", ...settings, vocabSize: vocab.size, vocabChars: vocab.chars.slice(1),
      corpus: { package: "typescript", version: corpus.version, files: corpus.files.length, chars: { train: corpus.train.length, validation: corpus.validation.length, test: corpus.test.length } },
    },
  });
  log(`charlm: ${corpus.files.length} files of typescript ${corpus.version}: ${corpus.train.length} train, ${corpus.validation.length} validation, ${corpus.test.length} test characters; vocabulary ${vocab.size}; run folder ${run.dir}`);
  const sets = {
    train: charWindows(ids.train, { timesteps: o.timesteps, maxWindows: o.trainWindows > 0 ? o.trainWindows : undefined, seed: o.seed }),
    validation: charWindows(ids.validation, { timesteps: o.timesteps, maxWindows: o.validationWindows > 0 ? o.validationWindows : undefined, seed: o.seed }),
    test: charWindows(ids.test, { timesteps: o.timesteps }),
  };
  const model = buildCharLm({ vocabSize: vocab.size, units: o.units, layers: o.layers, learningRate: o.learningRate, seed: o.seed });
  try {
    const baselines = ngramBaselines(ids.train, ids.validation, ids.test, { vocabSize: vocab.size, orders: o.ngramOrders });
    for (const b of baselines) log(`  ${b.name}: validation ${b.validationBpc.toFixed(3)}, test ${b.testBpc.toFixed(3)} bpc (${b.fitSeconds.toFixed(1)} s)`);
    log(`training: ${model.countParams()} parameters, ${sets.train.starts.length} windows of ${o.timesteps} characters per epoch`);
    const tTrain = performance.now();
    const fit = await run.fit(model, sets.train, { validation: sets.validation, epochs: o.epochs, batchSize: o.batchSize, seed: o.seed, progress: o.progress });
    const trainSeconds = (performance.now() - tTrain) / 1000;
    await run.evaluate(model, { ...sets.test, labels: Array.from(sets.test.y.dataSync()) });
    const test = readCharLm(model, ids.test);
    const validation = readCharLm(model, ids.validation);
    run.addTestMetrics({ bpc: test.bpc });
    for (const b of baselines) run.addBaseline(b.name, { bpc: b.testBpc });
    const strongest = bestByValidation(baselines);
    log(`test: ${test.bpc.toFixed(3)} bpc (validation ${validation.bpc.toFixed(3)}); strongest baseline by validation: ${strongest.name}, test ${strongest.testBpc.toFixed(3)} bpc`);
    await run.traceGates(model, sets.test, { samples: [0, 1, 2].filter((i) => i < sets.test.starts.length) });
    const samples = o.temperatures.map((temperature) => ({ temperature, text: sampleText(model, vocab, { prime: "interface ", length: o.sampleLength, temperature, seed: o.seed }) }));
    writeFileAtomic(path.join(run.dir, "generated.txt"), samples.map((s) => `--- temperature ${s.temperature} (prime "interface ")\ninterface ${s.text}\n`).join("\n"));
    const traceStart = Math.max(0, Math.min(o.traceFrom, corpus.test.length - o.traceChars));
    const traced = corpus.test.slice(traceStart, traceStart + o.traceChars);
    const read = readCharLm(model, vocab.encode(traced), { streams: 1, states: true });
    const units = unitFeatureCorrelation(read.layers.map((l) => ({ layer: l.layer, units: l.shape[2], values: l.h })), { ...codeFeatures(traced) });
    fs.mkdirSync(path.join(run.dir, "traces"), { recursive: true });
    writeFileAtomic(path.join(run.dir, "traces", "unit-features.csv"), ["layer,unit,feature,r", ...units.rows.map((r) => `${csvCell(r.layer)},${r.unit},${r.feature},${r.r}`)].join("\n") + "\n");
    for (const b of units.best) log(`  ${b.feature}: ${b.layer} unit ${b.unit}, r = ${b.r.toFixed(3)}`);
    await run.saveModel(model);
    await run.finish({ pdf, log });
    const seconds = (performance.now() - t0) / 1000;
    log(`charlm: done in ${seconds.toFixed(0)} s (training ${trainSeconds.toFixed(0)} s, ${fit.rows.length} epochs): ${run.dir}`);
    return { dir: run.dir, testBpc: test.bpc, validationBpc: validation.bpc, baselines, samples, bestUnits: units.best, seconds, trainSeconds };
  } catch (err) {
    run.fail(err as Error);
    throw err;
  } finally {
    disposeModel(model); // with its optimizer, which the model does not own when passed to compile
    tf.dispose(Object.values(sets).flatMap((s) => [s.x, s.y]));
  }
}
