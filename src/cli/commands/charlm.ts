import * as path from "path";
import { BACKENDS } from "../../backend";
import type { CommandSpec } from "../commandSpec";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../backend";
import { buildCharVocab } from "../../data/charVocab";
import { charWindows } from "../../data/charWindows";
import { loadTsLibCorpus } from "../../data/loadTsLibCorpus";
import { csvCell } from "../../io/csvCell";
import { saveModel } from "../../io/saveModel";
import { writeFileAtomic } from "../../io/writeFileAtomic";
import { buildCharLm } from "../../models/buildCharLm";
import { makeRunDir } from "../../runs/makeRunDir";
import { codeFeatures } from "../../traces/codeFeatures";
import { readCharLm } from "../../traces/readCharLm";
import { saturation } from "../../traces/saturation";
import type { GateTraces } from "../../traces/traceGates";
import { unitFeatureCorrelation, type UnitFeatureRow } from "../../traces/unitFeatureCorrelation";
import { writeTraces } from "../../traces/writeTraces";
import { historyToCsv } from "../../runs/historyCsv";
import { bestByValidation, ngramBaselines, type NgramBaselineRow } from "../../training/ngramBaselines";
import { sampleText } from "../../training/sampleText";
import { train } from "../../training/train";

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
  /** Test characters read for the unit search and gate saturation. */
  traceChars?: number;
  /** Backend name (default: initBackend's choice). */
  backend?: string;
  /** Parent folder of the run folder; relative to process.cwd(). */
  out?: string;
  progress?: "auto" | "lines" | "none";
}

/**
 * Defaults of `grulab charlm`: a few minutes on two shared cores (docs/studies-charlm.md has the measured times).
 *
 * @example
 * await runCharLm({ ...CHARLM_DEFAULTS, epochs: 2 });
 */
export const CHARLM_DEFAULTS = {
  units: 128, layers: 2, timesteps: 100, batchSize: 64, epochs: 2, trainWindows: 10000, validationWindows: 500,
  learningRate: 0.002, seed: 42, minCount: 10, maxChars: 0, ngramOrders: [1, 3, 5, 7], temperatures: [0.2, 0.5, 1],
  sampleLength: 300, traceChars: 20000, out: "runs", progress: "auto" as "auto" | "lines" | "none",
};

/** What `runCharLm` returns (also in the run folder's metrics.json). */
export interface CharLmJobResult {
  dir: string;
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
 * The `grulab charlm` main job (Karpathy, Johnson & Fei-Fei 2015 on TypeScript's lib files):
 * loads the corpus, fits the n-gram baselines, trains the char GRU LM on stateless windows,
 * reads the held-out text with the state carried (bits per character), samples text at a few
 * temperatures, and searches units correlating with code features. Writes a run folder (format 2):
 * run.json, config.json, history.csv (per epoch), metrics.json (test bpc and baselines),
 * samples.txt, vocab.json, model/, traces/ (gates.csv/json of the first 200 traced characters,
 * saturation.csv over all traced characters, unit-features.csv). On an error the run is marked
 * failed with the reason and the error is rethrown.
 *
 * @example
 * const result = await runCharLm({ epochs: 1, trainWindows: 200, maxChars: 50000 });
 * console.log(result.testBpc, result.baselines);
 */
export async function runCharLm(options: CharLmJobOptions = {}): Promise<CharLmJobResult> {
  const o = { ...CHARLM_DEFAULTS, ...options };
  const t0 = performance.now();
  const backend = await initBackend(o.backend);
  const corpus = loadTsLibCorpus({ maxChars: o.maxChars > 0 ? o.maxChars : undefined });
  const vocab = buildCharVocab(corpus.train, { minCount: o.minCount });
  const ids = { train: vocab.encode(corpus.train), validation: vocab.encode(corpus.validation), test: vocab.encode(corpus.test) };
  const dir = makeRunDir(path.resolve(o.out), "charlm");
  const log = (line: string) => { if (o.progress !== "none") console.log(line); };
  const runJson = (status: string, extra: Record<string, unknown> = {}) =>
    writeFileAtomic(path.join(dir, "run.json"), JSON.stringify({ format: 2, name: "charlm", task: "classification", status, reason: null, ...extra, updatedAt: new Date().toISOString() }, null, 2) + "\n");
  runJson("running", { epoch: 0 });
  const { out: _out, progress: _progress, ...config } = o;
  writeFileAtomic(path.join(dir, "config.json"), JSON.stringify({
    ...config, backend, tfjs: tf.version.tfjs, corpus: { package: "typescript", version: corpus.version, files: corpus.files.length, chars: { train: corpus.train.length, validation: corpus.validation.length, test: corpus.test.length } },
    vocabSize: vocab.size, createdAt: new Date().toISOString(),
  }, null, 2) + "\n");
  log(`charlm: ${corpus.files.length} files of typescript ${corpus.version}: ${corpus.train.length} train, ${corpus.validation.length} validation, ${corpus.test.length} test characters; vocabulary ${vocab.size}; run folder ${dir}`);
  const tensors: tf.Tensor[] = [];
  try {
    const baselines = ngramBaselines(ids.train, ids.validation, ids.test, { vocabSize: vocab.size, orders: o.ngramOrders });
    for (const b of baselines) log(`  ${b.name}: validation ${b.validationBpc.toFixed(3)}, test ${b.testBpc.toFixed(3)} bpc (${b.fitSeconds.toFixed(1)} s)`);
    const model = buildCharLm({ vocabSize: vocab.size, units: o.units, layers: o.layers, learningRate: o.learningRate, seed: o.seed });
    const trainSet = charWindows(ids.train, { timesteps: o.timesteps, maxWindows: o.trainWindows > 0 ? o.trainWindows : undefined, seed: o.seed });
    const valSet = charWindows(ids.validation, { timesteps: o.timesteps, maxWindows: o.validationWindows > 0 ? o.validationWindows : undefined, seed: o.seed });
    tensors.push(trainSet.x, trainSet.y, valSet.x, valSet.y);
    log(`training: ${model.countParams()} parameters, ${trainSet.starts.length} windows of ${o.timesteps} characters per epoch`);
    const tTrain = performance.now();
    const result = await train(model, { x: trainSet.x, y: trainSet.y, validation: { x: valSet.x, y: valSet.y } }, {
      epochs: o.epochs, batchSize: o.batchSize, seed: o.seed, progress: o.progress,
      onEpochEnd: (row, rows) => {
        writeFileAtomic(path.join(dir, "history.csv"), historyToCsv(rows));
        runJson("running", { epoch: row.epoch });
      },
    });
    const trainSeconds = (performance.now() - tTrain) / 1000;
    const test = readCharLm(model, ids.test);
    const validation = readCharLm(model, ids.validation);
    const strongest = bestByValidation(baselines);
    log(`test: ${test.bpc.toFixed(3)} bpc (validation ${validation.bpc.toFixed(3)}); strongest baseline by validation: ${strongest.name}, test ${strongest.testBpc.toFixed(3)} bpc`);
    const samples = o.temperatures.map((temperature) => ({ temperature, text: sampleText(model, vocab, { prime: "interface ", length: o.sampleLength, temperature, seed: o.seed }) }));
    writeFileAtomic(path.join(dir, "samples.txt"), samples.map((s) => `--- temperature ${s.temperature} (prime "interface ")\ninterface ${s.text}\n`).join("\n"));
    const traced = corpus.test.slice(0, Math.min(o.traceChars, corpus.test.length));
    const read = readCharLm(model, vocab.encode(traced), { streams: 1, states: true });
    const units = unitFeatureCorrelation(read.layers.map((l) => ({ layer: l.layer, units: l.shape[2], values: l.h })), { ...codeFeatures(traced) });
    const snippet = read.layers.map((l) => {
      const n = Math.min(200, l.shape[1]), U = l.shape[2];
      return { ...l, shape: [1, n, U] as [number, number, number], z: l.z.slice(0, n * U), r: l.r.slice(0, n * U), hTilde: l.hTilde.slice(0, n * U), h: l.h.slice(0, n * U) };
    });
    // writeTraces reads only `layers` (the DataFrame is not needed to write the files).
    writeTraces({ layers: snippet } as unknown as GateTraces, path.join(dir, "traces"), { saturation: saturation(read) });
    writeFileAtomic(path.join(dir, "traces", "unit-features.csv"), ["layer,unit,feature,r", ...units.rows.map((r) => `${csvCell(r.layer)},${r.unit},${r.feature},${r.r}`)].join("\n") + "\n");
    writeFileAtomic(path.join(dir, "vocab.json"), JSON.stringify({ chars: vocab.chars.slice(1), minCount: o.minCount }) + "\n");
    await saveModel(model, path.join(dir, "model"));
    const seconds = (performance.now() - t0) / 1000;
    const bpcOf = (row: NgramBaselineRow) => ({ bpc: row.testBpc });
    writeFileAtomic(path.join(dir, "metrics.json"), JSON.stringify({
      format: 2, task: "classification",
      test: { bpc: test.bpc, loss: test.bpc * Math.LN2 }, validation: { bpc: validation.bpc },
      baselines: baselines.map((b) => ({ name: b.name, test: bpcOf(b), validation: { bpc: b.validationBpc } })),
      strongestBaseline: strongest.name,
      bestUnits: units.best,
      samples: { train: trainSet.starts.length, validation: valSet.starts.length, testChars: ids.test.length },
      backend, seconds, trainSeconds, epochsRun: result.rows.length, bestEpoch: result.bestEpoch,
    }, null, 2) + "\n");
    runJson("finished", { epoch: result.rows.length });
    model.dispose();
    log(`charlm: done in ${seconds.toFixed(0)} s (training ${trainSeconds.toFixed(0)} s): ${dir}`);
    return { dir, testBpc: test.bpc, validationBpc: validation.bpc, baselines, samples, bestUnits: units.best, seconds, trainSeconds };
  } catch (err) {
    runJson("failed", { reason: (err as Error).message });
    throw err;
  } finally {
    tf.dispose(tensors);
  }
}

/**
 * `grulab charlm`: the char-level GRU language model on TypeScript's lib files, one run folder.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["--epochs", "1", "--max-chars", "20000"]));
 */
export const command: CommandSpec = {
  name: "charlm",
  summary: "char-level GRU language model on TypeScript's lib.*.d.ts (Karpathy et al. 2015), one run folder",
  options: [
    { name: "units", type: "integer", min: 1, default: CHARLM_DEFAULTS.units, doc: "GRU units per layer" },
    { name: "layers", type: "integer", min: 1, default: CHARLM_DEFAULTS.layers, doc: "stacked GRU layers" },
    { name: "timesteps", type: "integer", min: 1, default: CHARLM_DEFAULTS.timesteps, doc: "characters per training window" },
    { name: "batch-size", type: "integer", min: 1, default: CHARLM_DEFAULTS.batchSize, doc: "windows per step" },
    { name: "epochs", type: "integer", min: 1, default: CHARLM_DEFAULTS.epochs, doc: "training epochs" },
    { name: "train-windows", type: "integer", min: 0, default: CHARLM_DEFAULTS.trainWindows, doc: "training windows per epoch (0 = all)" },
    { name: "max-chars", type: "integer", min: 0, default: CHARLM_DEFAULTS.maxChars, doc: "cut every split to this many characters (0 = no cut)" },
    { name: "seed", type: "integer", min: 0, default: CHARLM_DEFAULTS.seed, doc: "seed of weights, window choice and sampling" },
    { name: "backend", type: "choice", choices: BACKENDS, defaultDoc: "$GRULAB_BACKEND, else the fastest available", doc: "tensor backend" },
    { name: "out", type: "path", valueName: "DIR", default: CHARLM_DEFAULTS.out, doc: "parent folder of the run folder, relative to the current directory" },
  ],
  run: async ({ options: o }) => {
    await runCharLm({
      units: o.units as number, layers: o.layers as number, timesteps: o.timesteps as number, batchSize: o.batchSize as number,
      epochs: o.epochs as number, trainWindows: o.trainWindows as number, maxChars: o.maxChars as number, seed: o.seed as number,
      backend: o.backend as string | undefined, out: o.out as string,
    });
  },
};
