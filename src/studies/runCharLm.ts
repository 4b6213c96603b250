import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { disposeModel } from "../models/disposeModel";
import { initBackend } from "../backend";
import { buildCharVocab, type CharVocab } from "../data/charVocab";
import { charWindows } from "../data/charWindows";
import { loadTsLibCorpus, type TextCorpus } from "../data/loadTsLibCorpus";
import { csvCell } from "../util/csvCell";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { buildCharLm } from "../models/buildCharLm";
import { checkJobMemory } from "../bounds/checkJobMemory";
import { JobSteps, TRAINING_STEP } from "../runs/JobSteps";
import { reopenRun } from "../runs/reopenRun";
import type { Run } from "../runs/Run";
import { startRun } from "../runs/startRun";
import { RUN_FILES, TRACE_FILES, TRACE_HEADERS } from "../runs/runFormat";
import { codeFeatures } from "../traces/codeFeatures";
import { readCharLm } from "../traces/readCharLm";
import { unitFeatureCorrelation, type UnitFeatureRow } from "../traces/unitFeatureCorrelation";
import { bestByValidation, ngramBaselinesAsync, type NgramBaselineRow } from "../baselines/ngramBaselines";
import { sampleText } from "../training/sampleText";
import { readJobConfig } from "./readJobConfig";
import { finishRun } from "../reports/finishRun";

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
   * 86,000, is where string-literal unions (lib.dom's type aliases), nested interfaces (lib.es20xx)
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
 * one run (startRun): fits the n-gram baselines (a line per order), trains the two-layer char GRU LM on stateless
 * windows (run.fit: checkpoints, history, signals), evaluates it on the test windows (accuracy,
 * loss) and reads the test text with the state carried (test `bpc`, beside each n-gram's `bpc` as
 * baselines), traces the gates of a few test windows, samples text at a few temperatures
 * (generated.txt) and searches units correlating with code features (traces/unit-features.csv).
 * config.json keeps the vocabulary (`vocabChars`: `charVocab(config.vocabChars)` rebuilds it).
 * On an error the run is marked failed and the error rethrown; Ctrl-C at any step marks it
 * interrupted with the step and throws RunInterrupted (`grulab resume <run>` continues).
 *
 * @example
 * const result = await runCharLm({ epochs: 1, trainWindows: 200, maxChars: 50000 });
 * console.log(result.testBpc, result.baselines);
 */
export async function runCharLm(options: CharLmJobOptions = {}): Promise<CharLmJobResult> {
  const o = { ...CHARLM_DEFAULTS, ...options };
  const { out, progress: _progress, pdf: _pdf, ...settings } = o;
  return charLmJob(o, (corpus, vocab) => startRun("charlm", {
    task: "classification", classes: vocab.labels, dir: out, cliResume: true,
    config: {
      job: "charlm", study: "charlm", ...settings, vocabSize: vocab.size, vocabChars: vocab.chars.slice(1),
      corpus: { package: "typescript", version: corpus.version, files: corpus.files.length, chars: { train: corpus.train.length, validation: corpus.validation.length, test: corpus.test.length } },
    },
  }));
}

/**
 * Continues a charlm run (interrupted, killed or failed) with the options in its config.json: the
 * same corpus cut and vocabulary (checked against `vocabChars`), the same windows and model,
 * training from the last completed epoch (from epoch 1 in the same folder when it stopped
 * before training, e.g. during the n-gram baselines), then every later step as runCharLm. The
 * n-gram baselines are fitted again (they are not stored before metrics.json).
 *
 * @example
 * const result = await resumeCharLm("runs/20261129-231500-charlm");
 */
export async function resumeCharLm(dir: string, options: Pick<CharLmJobOptions, "progress" | "pdf"> = {}): Promise<CharLmJobResult> {
  const c = readJobConfig(dir, "charlm");
  const numbers = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, c.number(k)]));
  const list = (key: string) => {
    const v = c.values[key];
    if (!Array.isArray(v) || !v.every((x) => typeof x === "number")) throw new Error(`${c.file}: field "${key}" is ${JSON.stringify(v)}, expected a list of numbers`);
    return v as number[];
  };
  const o = {
    ...CHARLM_DEFAULTS, ...numbers(["units", "layers", "timesteps", "batchSize", "epochs", "trainWindows", "validationWindows", "learningRate", "seed", "minCount", "maxChars",
      "sampleLength", "traceChars", "traceFrom"]),
    ngramOrders: list("ngramOrders"), temperatures: list("temperatures"), backend: c.string("backend"), ...definedOnly(options),
  } as typeof CHARLM_DEFAULTS & CharLmJobOptions;
  return charLmJob(o, (_, vocab, model) => {
    const recorded = c.values.vocabChars;
    if (JSON.stringify(recorded) !== JSON.stringify(vocab.chars.slice(1))) {
      throw new Error(`${c.file}: field "vocabChars" differs from the vocabulary of the corpus now (${vocab.size} symbols): the TypeScript lib files changed; resume with the same corpus or start a new run`);
    }
    return reopenRun(dir, model);
  });
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The job's steps once the run folder is open (new by startRun, reopened for resume). */
async function charLmJob(o: typeof CHARLM_DEFAULTS & CharLmJobOptions, open: (corpus: TextCorpus, vocab: CharVocab, model: tf.LayersModel) => Promise<Run>): Promise<CharLmJobResult> {
  // The bound before the corpus is read (a vocabulary of up to 128 symbols; ids in, a distribution per step out).
  checkJobMemory({
    job: "charlm", cell: "gru", units: o.units, layers: o.layers, timesteps: o.timesteps, features: 1, outputs: 128, targets: o.timesteps, batchSize: o.batchSize,
    windows: Math.max(1, o.trainWindows) + 2 * Math.max(1, o.validationWindows), flags: { units: "--units", timesteps: "--timesteps", batchSize: "--batch-size" },
  });
  const t0 = performance.now();
  const log = (line: string) => { if (o.progress !== "none") console.log(line); };
  const job = new JobSteps();
  let model: tf.LayersModel | null = null;
  let run: Run | null = null;
  let sets: Record<"train" | "validation" | "test", ReturnType<typeof charWindows>> | null = null;
  try {
    await initBackend(o.backend);
    const { corpus, vocab, ids } = await job.step("reading the corpus", () => {
      const corpus = loadTsLibCorpus({ maxChars: o.maxChars > 0 ? o.maxChars : undefined });
      const vocab = buildCharVocab(corpus.train, { minCount: o.minCount });
      return { corpus, vocab, ids: { train: vocab.encode(corpus.train), validation: vocab.encode(corpus.validation), test: vocab.encode(corpus.test) } };
    });
    sets = {
      train: charWindows(ids.train, { timesteps: o.timesteps, maxWindows: o.trainWindows > 0 ? o.trainWindows : undefined, seed: o.seed }),
      validation: charWindows(ids.validation, { timesteps: o.timesteps, maxWindows: o.validationWindows > 0 ? o.validationWindows : undefined, seed: o.seed }),
      test: charWindows(ids.test, { timesteps: o.timesteps }),
    };
    const s = sets;
    const m = buildCharLm({ vocabSize: vocab.size, units: o.units, layers: o.layers, learningRate: o.learningRate, seed: o.seed });
    model = m;
    const r = await open(corpus, vocab, m);
    run = r;
    job.use(r);
    log(`charlm: ${corpus.files.length} files of typescript ${corpus.version}: ${corpus.train.length} train, ${corpus.validation.length} validation, ${corpus.test.length} test characters; vocabulary ${vocab.size}; run folder ${r.dir}`);
    const baselines = await job.step("n-gram baselines", async () => {
      const rows: NgramBaselineRow[] = [];
      for (const [k, order] of o.ngramOrders.entries()) {
        log(`  n-gram baselines: fitting order ${order} (${k + 1}/${o.ngramOrders.length}) on ${ids.train.length} characters…`);
        // Counted and scored in slices: a Ctrl-C stops it within ~100 ms (the job's abort signal), a long order prints where it is.
        const [b] = await ngramBaselinesAsync(ids.train, ids.validation, ids.test, { vocabSize: vocab.size, orders: [order], signal: job.abortSignal, log });
        log(`  ${b.name}: validation ${b.validationBpc.toFixed(3)}, test ${b.testBpc.toFixed(3)} bpc (${b.fitSeconds.toFixed(1)} s)`);
        rows.push(b);
      }
      return rows;
    });
    log(`training: ${m.countParams()} parameters, ${s.train.starts.length} windows of ${o.timesteps} characters per epoch`);
    const tTrain = performance.now();
    const fit = await job.step(TRAINING_STEP, () => r.fit(m, s.train, { validation: s.validation, test: s.test, epochs: o.epochs, batchSize: o.batchSize, seed: o.seed, progress: o.progress }));
    const trainSeconds = (performance.now() - tTrain) / 1000;
    await job.step("evaluation", () => r.evaluate(m, { ...s.test, labels: Array.from(s.test.y.dataSync()) }, { signal: job.abortSignal }));
    const { test, validation } = await job.step("reading the test text", () => {
      const test = readCharLm(m, ids.test);
      const validation = readCharLm(m, ids.validation);
      r.addTestMetrics({ bpc: test.bpc });
      for (const b of baselines) r.addBaseline(b.name, { bpc: b.testBpc });
      return { test, validation };
    });
    const strongest = bestByValidation(baselines);
    log(`test: ${test.bpc.toFixed(3)} bpc (validation ${validation.bpc.toFixed(3)}); strongest baseline by validation: ${strongest.name}, test ${strongest.testBpc.toFixed(3)} bpc`);
    await job.step("gate traces", () => r.traceGates(m, s.test, { samples: [0, 1, 2].filter((i) => i < s.test.starts.length) }));
    const samples = await job.step("samples", () => {
      const samples = o.temperatures.map((temperature) => ({ temperature, text: sampleText(m, vocab, { prime: "interface ", length: o.sampleLength, temperature, seed: o.seed }) }));
      writeFileAtomic(path.join(r.dir, "generated.txt"), samples.map((x) => `--- temperature ${x.temperature} (prime "interface ")\ninterface ${x.text}\n`).join("\n"));
      return samples;
    });
    const units = await job.step("unit search", () => {
      const traceStart = Math.max(0, Math.min(o.traceFrom, corpus.test.length - o.traceChars));
      const traced = corpus.test.slice(traceStart, traceStart + o.traceChars);
      const read = readCharLm(m, vocab.encode(traced), { streams: 1, states: true });
      const units = unitFeatureCorrelation(read.layers.map((l) => ({ layer: l.layer, units: l.shape[2], values: l.h })), { ...codeFeatures(traced) });
      fs.mkdirSync(path.join(r.dir, RUN_FILES.traces), { recursive: true });
      writeFileAtomic(path.join(r.dir, RUN_FILES.traces, TRACE_FILES.unitFeatures), [TRACE_HEADERS.unitFeatures, ...units.rows.map((x) => `${csvCell(x.layer)},${x.unit},${x.feature},${x.r}`)].join("\n") + "\n");
      return units;
    });
    for (const b of units.best) log(`  ${b.feature}: ${b.layer} unit ${b.unit}, r = ${b.r.toFixed(3)}`);
    await job.step("saving the model", () => r.saveModel(m));
    await job.step("report", () => finishRun(r, { pdf: o.pdf, log }));
    job.end();
    const seconds = (performance.now() - t0) / 1000;
    log(`charlm: done in ${seconds.toFixed(0)} s (training ${trainSeconds.toFixed(0)} s, ${fit.rows.length} epochs): ${r.dir}`);
    return { dir: r.dir, testBpc: test.bpc, validationBpc: validation.bpc, baselines, samples, bestUnits: units.best, seconds, trainSeconds };
  } catch (err) {
    run?.fail(err as Error);
    throw err;
  } finally {
    job.close();
    if (model) disposeModel(model); // with its optimizer, which the model does not own when passed to compile
    if (sets) tf.dispose(Object.values(sets).flatMap((x) => [x.x, x.y]));
  }
}
