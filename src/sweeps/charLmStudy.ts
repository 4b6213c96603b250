import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { bestByValidation, ngramBaselinesAsync, type NgramBaselineRow } from "../baselines/ngramBaselines";
import { fitKneserNeyAsync } from "../baselines/kneserNey";
import { gainByOpenerDistance } from "../traces/gainByOpenerDistance";
import { codeFeatures } from "../traces/codeFeatures";
import { traceValues } from "../traces/layerGateTrace";
import { readCharLm } from "../traces/readCharLm";
import { unitFeatureTests } from "../traces/unitFeatureTests";
import { loadModel } from "../io/loadModel";
import { buildCharLm } from "../models/buildCharLm";
import { disposeModel } from "../models/disposeModel";
import { checkJobMemory, type JobMemorySizes } from "../bounds/checkJobMemory";
import { buildCharVocab } from "../data/charVocab";
import { loadTsLibCorpus } from "../data/loadTsLibCorpus";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { fusedKernelInUse } from "../kernels/fusedKernelInUse";
import type { RecurrentCell } from "../models/matchedUnits";
import { readHistoryCsv } from "../runs/historyCsv";
import { RUN_FILES, TRACE_FILES, type MetricsJson } from "../runs/runFormat";
import { defaultRunsDir } from "../runs/runsDir";
import { grulabVersion } from "../studies/grulabVersion";
import { writeStudyResults } from "../studies/writeStudyResults";
import { bootstrapInterval } from "../training/bootstrapInterval";
import { meanStd } from "../training/meanStd";
import { CHARLM_STUDY_TRIAL_OPTIONS } from "./charLmStudyTrial";
import { readTrialResult, trialDir } from "./runTrial";
import { startSweep } from "./startSweep";
import type { TrialExecutor } from "./trialExecutor";
import { trialId } from "./trialId";
import { charLmStudyPlan } from "./charLmStudyPlan";
import { refuseOtherBudget } from "../studies/studyResultsHeader";
import { initBackend } from "../backend";

/**
 * Options of {@link charLmStudy}. Every one has a default: the budget of record, one that two
 * cores finish in a session (GRU, LSTM, SimpleRNN at the size of a 2 × 128 GRU model, dropout
 * 0 / 0.25 chosen on validation, 3 seeds, up to 10 epochs over the whole corpus with early
 * stopping); the full design (`gruUnits: 256`, `dropouts: [0, 0.25, 0.5]`, `maxEpochs: 30`, an order
 * of magnitude more CPU: docs/studies-charlm.md) is the same call with those options, and the
 * results file records what was run.
 *
 * @example
 * const options: CharLmStudyOptions = { gruUnits: 64, maxChars: 100000, maxEpochs: 3, dropouts: [0], workers: 2 };
 */
export interface CharLmStudyOptions {
  /** Cells compared (default gru, lstm, simpleRnn). */
  cells?: RecurrentCell[];
  /** Units per layer of the GRU model; the other cells get its parameter count (default 128). */
  gruUnits?: number;
  /** Recurrent layers (default 2). */
  layers?: number;
  /** Dropout rates tried per cell; the one with the lowest mean validation bpc over the seeds is reported (default 0, 0.25). */
  dropouts?: number[];
  /** Seeds 1…N (default 3). */
  seeds?: number;
  /** The most epochs a trial trains (default 10); early stopping may end it sooner. */
  maxEpochs?: number;
  /** Epochs without a better validation bpc before a trial stops (default 2). */
  patience?: number;
  /** Cut every split of the corpus to this many characters (default 0: the whole corpus). */
  maxChars?: number;
  /** Window length (truncated BPTT), streams per batch, Adam's learning rate, gradient norm clip (defaults 100, 64, 0.002, 5). */
  timesteps?: number;
  batchSize?: number;
  learningRate?: number;
  clipNorm?: number;
  /** n-gram baselines fitted on the same training text (default orders 1, 3, 5, 7). */
  ngramOrders?: number[];
  /** Order of the interpolated modified Kneser–Ney model the error analysis compares with (default 20, as Karpathy et al.; 0: no error analysis). */
  kneserNeyOrder?: number;
  /** Block length (characters) and resamples of the moving-block bootstrap of test bpc (default 1,000 and 1,000). */
  bootstrapBlock?: number;
  bootstrapResamples?: number;
  /** Test characters read with the gates for the saturation figure (default 20,000). */
  traceChars?: number;
  /**
   * The unit tests (unitFeatureTests: best unit per code feature with a block-shuffle null, an
   * untrained network of the same shape and seed, linear probes) of each cell's seed 1 at its
   * chosen dropout read the first `unitChars` characters of the saturation trace's text
   * (default 20,000, at most `traceChars`) with `unitShuffles` shuffles (default 100; 0: no unit
   * tests). Kept beside the sweeps (`unit-tests-*.json`), so a re-run reads them back.
   */
  unitChars?: number;
  unitShuffles?: number;
  /**
   * Worker processes (default the cores; 0: this process); `executor` (e.g. the BullMQ queue's)
   * replaces them. Every cell's sweep runs on that one executor and none closes it: the caller
   * that made it closes it after the study (each sweep closes only the workers it starts).
   */
  workers?: number;
  executor?: TrialExecutor;
  /** Folder of the study's sweeps and cached baselines (default `<runs>/sweeps/charlm-study`); the same folder again resumes. */
  dir?: string;
  /** Where charlm.json goes, with each cell's test log₂ p in `charlm-cells/` beside it (default the project's results/; null: not written). The figures are drawn from it (`writeStudyFigures("charlm", …)`, as `grulab study charlm` does). */
  resultsDir?: string | null;
  /** The command to record (default "grulab study charlm"). */
  command?: string;
  /**
   * A previous results object of this study (results/charlm.json) at the same budget, so that the
   * study runs in pieces (a cell per piece): its cells that this run does not train are kept as
   * they are (`cells.<cell>`: test bpc, dropout trials, saturation, unit tests, trial folders), each
   * marked with the run that made it (`runDate`, a date in `budget.runs`), and their sweeps are
   * counted in the budget; a cell this run trains replaces the kept one. The parts across cells
   * (`differences`, and the error analysis against the Kneser–Ney model) are computed for every
   * cell, kept ones included, from each cell's per-character test log₂ p averaged over its seeds:
   * every results file written has it beside it, `charlm-cells/<cell>.log2p.f32` (float32, as the
   * trials' own traces; `cells.<cell>.testLog2p` names the file, its size and SHA-256), read back
   * from `keepFromDir`. Refused, naming the first difference, when its budget differs (sizes,
   * seeds, dropouts, epochs, corpus, vocabulary, bootstrap, n-gram orders, unit tests) or when a
   * kept cell has no such file. This run's entry in `budget.runs` records the kept file's own date,
   * command and cells (`keptFrom`), not its path.
   */
  keepFrom?: Record<string, unknown>;
  /** The folder of the kept results file, which holds its `charlm-cells/` files (default the project's results/). */
  keepFromDir?: string;
  backend?: string;
  progress?: "lines" | "none";
}

/**
 * The budget of record (`grulab study charlm` with no option): GRU 2 × 128 and its matched LSTM
 * and SimpleRNN, dropout 0 / 0.25, 3 seeds, up to 10 epochs (patience 2) over the whole corpus.
 *
 * @example
 * await charLmStudy({ ...CHARLM_STUDY_DEFAULTS, seeds: 1, resultsDir: null }); // one seed of the study of record
 */
export const CHARLM_STUDY_DEFAULTS = {
  cells: ["gru", "lstm", "simpleRnn"] as RecurrentCell[], gruUnits: 128, layers: 2, dropouts: [0, 0.25], seeds: 3, maxEpochs: 10, patience: 2, maxChars: 0,
  timesteps: 100, batchSize: 64, learningRate: 0.002, clipNorm: 5, ngramOrders: [1, 3, 5, 7], kneserNeyOrder: 20, bootstrapBlock: 1000, bootstrapResamples: 1000, traceChars: 20000,
  unitChars: 20000, unitShuffles: 100,
};

/**
 * The sizes of the char-LM study's memory bound (checkJobMemory, estimateJobMemory), the sweep's
 * per-worker bound of gru-vs-lstm with the study's worker count. A trial is bounded as a GRU of
 * 2 × `gruUnits` (the matched SimpleRNN's units are about twice the GRU's, the LSTM's fewer: a
 * GRU of that size has more parameters and kernel memory than any of the three) on the data of the
 * whole corpus (3 × 28,000 windows of `timesteps`). With `workers` N ≥ 1 (the default: one per
 * core) each cell's sweep runs its dropouts × seeds trials on N worker processes of its own
 * (startSweep starts them and ends them with the sweep, so a worker runs one cell): each worker is
 * counted as a whole process, plus the study's own process (SWEEP_PROCESS, as a sweep's), and the
 * limit holds for all of them; the refusal may suggest `--workers ≤ N` or `--workers` to 0. The
 * study's own process holds more than a sweep's (the corpus, its ids, the n-gram and Kneser–Ney
 * caches: 447 MiB while the workers train, 958 MiB after they end, in the error analysis and the
 * unit tests, in the SimpleRNN piece of the run of record), which the workers' bound covers (their
 * peaks 640 and 663 MiB against 1,244 each; the three at most 1,708 MiB against the study's 2,519:
 * docs/reliability.md, "The char-LM study's bound per worker"). With 0 the trials run in this
 * process one after another, every cell's fused kernel keeping its memory: one process's bound
 * with each cell's kernel counted.
 *
 * @example
 * estimateJobMemory(charLmStudyMemory({ ...CHARLM_STUDY_DEFAULTS, workers: 2 })).peak // the whole study's, 2 workers and this process
 */
export function charLmStudyMemory(o: { cells: RecurrentCell[]; gruUnits: number; layers: number; timesteps: number; batchSize: number; dropouts: number[]; seeds: number; workers: number }): JobMemorySizes {
  const workers = o.workers;
  return {
    job: "charlm study", cell: "gru", units: 2 * o.gruUnits, layers: o.layers, timesteps: o.timesteps, features: 1, outputs: 128, targets: o.timesteps, batchSize: o.batchSize,
    windows: 3 * 28_000, kernelCells: workers > 0 ? ["gru"] : [...o.cells],
    workers, trials: o.dropouts.length * o.seeds,
    // timesteps and batchSize are options of charLmStudy (grulab study charlm keeps char-rnn's 100 and 64).
    flags: { units: "--units", timesteps: "timesteps", batchSize: "batchSize", ...(workers > 0 ? { workers: "--workers" } : {}) },
    given: `--units ${o.gruUnits}${workers > 0 ? ` --workers ${workers}` : ""} (timesteps ${o.timesteps}, batchSize ${o.batchSize})`,
  };
}

/** One finished trial as the study reads it back from its folder. */
interface TrialRead {
  seed: number;
  dir: string;
  units: number;
  params: number;
  testBpc: number;
  bestValidationBpc: number;
  epochs: number;
  bestEpoch: number;
  secondsPerEpoch: number;
  bits: Float32Array;
}

async function readTrial(dir: string, seed: number): Promise<TrialRead> {
  const result = readTrialResult(dir);
  if (result === null || result.status !== "finished") throw new Error(`charlm study: trial ${dir} is ${result?.status ?? "not run"}${result?.error ? ` (${result.error})` : ""}: run the study again to continue it, or see its ${RUN_FILES.run}`);
  const rows = await readHistoryCsv(path.join(dir, RUN_FILES.history));
  const config = JSON.parse(fs.readFileSync(path.join(dir, RUN_FILES.config), "utf8")) as Record<string, unknown>;
  const metrics = JSON.parse(fs.readFileSync(path.join(dir, RUN_FILES.metrics), "utf8")) as MetricsJson;
  const buf = fs.readFileSync(path.join(dir, RUN_FILES.traces, TRACE_FILES.testLog2Probability));
  const log2p = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const valBpc = rows.map((r) => r.val_loss / Math.LN2);
  const best = valBpc.indexOf(Math.min(...valBpc));
  return {
    seed, dir, units: Number(config.units), params: Number(config.params), testBpc: Number((metrics.test as Record<string, number>).bpc),
    bestValidationBpc: valBpc[best], epochs: rows.length, bestEpoch: rows[best].epoch, secondsPerEpoch: rows.reduce((s, r) => s + r.seconds, 0) / rows.length,
    bits: log2p.map((v) => -v),
  };
}

/** Saturation rows of a trial (traces/saturation.csv) grouped per layer and gate. */
function readSaturation(dir: string): Array<{ layer: string; gate: string; left: number[]; right: number[] }> {
  const lines = fs.readFileSync(path.join(dir, RUN_FILES.traces, TRACE_FILES.saturation), "utf8").trim().split("\n").slice(1).filter(Boolean);
  const groups = new Map<string, { layer: string; gate: string; left: number[]; right: number[] }>();
  for (const line of lines) {
    const [layer, gate, , left, right] = line.split(",");
    const key = `${layer} ${gate}`;
    if (!groups.has(key)) groups.set(key, { layer, gate, left: [], right: [] });
    groups.get(key)!.left.push(Number(left));
    groups.get(key)!.right.push(Number(right));
  }
  return [...groups.values()];
}

/** Characters per shuffled block of the unit tests: 500 (unitFeatureTests' default), fewer on a short text (at least four blocks). */
const unitBlock = (chars: number) => Math.min(500, Math.floor(chars / 4));

/**
 * The unit tests of one finished trial (its best weights, `best/`) and of the untrained network of
 * the same cell, size and seed (buildCharLm: the trial's starting weights), both reading the same
 * test characters as the trial's saturation trace (from its `traceFrom`) with the state carried;
 * the values are every recurrent layer's h. Cached in `<dir>/unit-tests-<sweep>-<trial>-n<characters>-s<shuffles>.json`, beside the Kneser–Ney cache, under the trial and the
 * budget; the table comes back as its JSON (NaN as null) whether computed or read.
 */
async function trialUnitTests(dir: string, trial: TrialRead, test: string, vocab: ReturnType<typeof buildCharVocab>, chars: number, shuffles: number, log: (line: string) => void): Promise<Record<string, unknown>> {
  const config = JSON.parse(fs.readFileSync(path.join(trial.dir, RUN_FILES.config), "utf8")) as Record<string, unknown>;
  const n = Math.min(chars, Number(config.traceChars), test.length);
  const from = Math.max(0, Math.min(Number(config.traceFrom), test.length - Number(config.traceChars)));
  const block = unitBlock(n);
  const file = path.join(dir, `unit-tests-${path.relative(dir, trial.dir).split(path.sep).filter((p) => p !== "trials").join("-")}-n${n}-s${shuffles}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  log(`charlm study: unit tests of ${path.relative(dir, trial.dir)} (${n} characters, ${shuffles} shuffles)…`);
  const t0 = performance.now();
  const text = test.slice(from, from + n);
  const ids = vocab.encode(text);
  const hidden = (model: tf.LayersModel) => {
    try {
      return readCharLm(model, ids, { streams: 1, states: true }).layers.map((tr) => ({ layer: tr.layer, units: tr.shape[2], values: traceValues(tr, "h") }));
    } finally {
      disposeModel(model);
    }
  };
  const trained = hidden(await loadModel(path.join(trial.dir, RUN_FILES.best)));
  const untrained = hidden(buildCharLm({
    vocabSize: vocab.size, cell: config.cell as RecurrentCell, units: Number(config.units), layers: Number(config.layers), dropout: Number(config.dropout),
    learningRate: Number(config.learningRate), clipNorm: Number(config.clipNorm), seed: Number(config.seed), timesteps: null,
  }));
  const rows = unitFeatureTests(trained, untrained, codeFeatures(text), { shuffles, block, seed: 1 });
  const table = {
    trialDir: path.relative(dir, trial.dir), seed: trial.seed, from, characters: n, shuffles, block, values: "h of every recurrent layer, after each character, the state carried",
    seconds: (performance.now() - t0) / 1000,
    rows: rows.map((r) => ({
      feature: r.feature, trained: r.trained, untrained: r.untrained,
      probe: Object.fromEntries((["trained", "untrained"] as const).map((k) => [k, { metric: r.probe[k]!.metric, score: r.probe[k]!.score, baseline: r.probe[k]!.baseline }])),
    })),
  };
  const json = JSON.stringify(table, null, 2) + "\n";
  writeFileAtomic(file, json);
  return JSON.parse(json) as Record<string, unknown>;
}

/**
 * A sweep's budget is fixed (startSweep refuses another one under the same name), so each epoch
 * bound is its own sweep, `<prefix>-e<maxEpochs>`. A new one starts from the trials of the same
 * cell and sizes run before under another bound (copied: the same trial ids): they continue from
 * their checkpoints to the new bound, or are read back when they already reached it or stopped early.
 */
function seedTrials(dir: string, prefix: string, name: string, log: (line: string) => void): void {
  const target = path.join(dir, name, "trials");
  if (fs.existsSync(path.join(dir, name))) return;
  const siblings = fs.readdirSync(dir).filter((d) => d !== name && new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-e\\d+$`).test(d)).sort((a, b) => Number(b.split("-e").pop()) - Number(a.split("-e").pop()));
  for (const sibling of siblings) {
    const from = path.join(dir, sibling, "trials");
    if (!fs.existsSync(from)) continue;
    for (const id of fs.readdirSync(from)) {
      if (id.startsWith(".") || fs.existsSync(path.join(target, id))) continue;
      fs.cpSync(path.join(from, id), path.join(target, id), { recursive: true, filter: (f) => path.basename(f) !== RUN_FILES.lock });
      log(`charlm study: trial ${id} of ${sibling} continues in ${name}`);
    }
  }
}

/** The mean over seeds of each character's bits (the seeds' log-probabilities of one test text). */
function meanBits(trials: TrialRead[]): number[] {
  const n = trials[0].bits.length;
  return Array.from({ length: n }, (_, i) => trials.reduce((s, t) => s + t.bits[i], 0) / trials.length);
}

/** The cells in the order a study of all of them writes them (a pieced study's merged file uses it too). */
const CELL_ORDER: RecurrentCell[] = ["gru", "lstm", "simpleRnn"];
/** The project's results/ (writeStudyResults' default folder). */
const PROJECT_RESULTS = path.resolve(__dirname, "../../../results");
/** A cell's companion file of test log₂ p, relative to the folder of its results file. */
const log2pFile = (cell: string) => `charlm-cells/${cell}.log2p.f32`;
const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");
const float32Bytes = (values: Float32Array) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

type SweepEntry = { name: string; trials: number; seconds: number; epochs: number; runDate?: string };
type RunEntry = { date: string; command: string; keptFrom?: Record<string, unknown> };

/** Refuses a previous results object (`keepFrom`) whose budget differs from this run's, naming the first difference. */
function checkSameBudget(previous: Record<string, unknown>, sizes: Record<string, unknown>): void {
  const before: Record<string, unknown> = {
    ...((previous.budget ?? {}) as Record<string, unknown>),
    bootstrapBlock: (previous.bootstrap as { block?: number } | undefined)?.block, bootstrapResamples: (previous.bootstrap as { resamples?: number } | undefined)?.resamples,
    typescript: (previous.versions as { typescript?: string } | undefined)?.typescript,
  };
  if (previous.study !== "charlm") throw new Error(`charlm study option keepFrom: the previous results are of study ${JSON.stringify(previous.study)}, not charlm`);
  refuseOtherBudget("charlm", "cells", before, sizes);
}

/**
 * A kept cell's bits per test character (its seeds' log₂ p averaged), from the companion file its
 * results entry names (`testLog2p`) in `dir`; refused when the entry or the file is missing or the
 * file is not the one named (size, SHA-256).
 */
function readKeptBits(previous: Record<string, unknown>, cell: string, dir: string, characters: number): Float32Array {
  const entry = ((previous.cells ?? {}) as Record<string, { testLog2p?: { file?: string; characters?: number; sha256?: string } }>)[cell];
  const d = entry?.testLog2p;
  if (d === undefined || typeof d.file !== "string") {
    throw new Error(`charlm study option keepFrom: the kept cell ${cell} has no piece data (cells.${cell}.testLog2p, its per-character test log₂ p): its results were written before the study ran in pieces; train it in this run (--cells)`);
  }
  const file = path.join(dir, d.file);
  if (!fs.existsSync(file)) throw new Error(`charlm study option keepFrom: the kept cell ${cell}'s test log₂ p, ${file}, does not exist (it is committed beside the results file: give that file's folder, keepFromDir)`);
  const buf = fs.readFileSync(file);
  if (d.characters !== characters || buf.byteLength !== 4 * characters || sha256(buf) !== d.sha256) {
    throw new Error(`charlm study option keepFrom: ${file} is not the test log₂ p the kept results name for ${cell} (${buf.byteLength} bytes, SHA-256 ${sha256(buf)}; expected ${4 * characters} bytes, ${characters} test characters, SHA-256 ${String(d.sha256)})`);
  }
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)).map((v) => -v);
}

/**
 * The char-level study of record (Karpathy, Johnson & Fei-Fei 2015, in spirit, on TypeScript's lib
 * files), as sweeps: per cell (GRU, LSTM, SimpleRNN at the parameter count of the GRU model of
 * `gruUnits`), one sweep of `charlm-study` trials over the dropout rates and seeds, each trained
 * by truncated BPTT with the state carried over every training character per epoch until the
 * validation bpc (read with the state carried) stops improving. Per cell the dropout with the
 * lowest mean best validation bpc is chosen; the results give its test bpc per seed, mean ± sd,
 * a moving-block bootstrap interval (blocks of `bootstrapBlock` characters of the test text,
 * resampled with each character's bits averaged over the seeds) and paired intervals of the
 * differences between cells, the n-gram baselines on the same text, the gate saturation of seed
 * 1 (the figure of Karpathy et al.), the unit tests of seed 1 (`unitChars`, `unitShuffles`) and the budget spent. Writes results/charlm.json (its figures:
 * `writeStudyFigures("charlm", results)`) and, beside it, each cell's seed-averaged test log₂ p
 * (`charlm-cells/<cell>.log2p.f32`). Every sweep resumes: the same call again reads finished trials back
 * and continues interrupted ones from their last epoch. Across machines it runs in pieces: `cells`
 * a piece trains, `keepFrom` the previous piece's results (their other cells kept, every cell compared).
 *
 * @example
 * const results = await charLmStudy({ gruUnits: 8, maxChars: 20000, maxEpochs: 1, dropouts: [0], seeds: 1, resultsDir: null });
 */
export async function charLmStudy(options: CharLmStudyOptions = {}): Promise<Record<string, unknown>> {
  const started = Date.now();
  const o = { ...CHARLM_STUDY_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof CHARLM_STUDY_DEFAULTS & CharLmStudyOptions;
  const seeds = Array.from({ length: o.seeds }, (_, i) => i + 1);
  for (const c of o.cells) if (!["gru", "lstm", "simpleRnn"].includes(c)) throw new Error(`charlm study option cells: ${JSON.stringify(c)}, expected some of gru, lstm, simpleRnn`);
  for (const d of o.dropouts) if (!(d >= 0 && d < 1)) throw new Error(`charlm study option dropouts: ${d}, expected rates in [0, 1)`);
  if (o.cells.length === 0 || o.dropouts.length === 0 || seeds.length === 0) throw new Error("charlm study: options cells, dropouts and seeds must not be empty");
  for (const [k, v, min] of [["gruUnits", o.gruUnits, 1], ["maxEpochs", o.maxEpochs, 1], ["patience", o.patience, 0], ["maxChars", o.maxChars, 0], ["bootstrapBlock", o.bootstrapBlock, 1], ["unitChars", o.unitChars, 8], ["unitShuffles", o.unitShuffles, 0]] as const) {
    if (!Number.isInteger(v) || v < min) throw new Error(`charlm study option ${k}: ${v}, expected an integer ≥ ${min}`);
  }
  if (options.unitChars !== undefined && o.unitChars > o.traceChars) throw new Error(`charlm study option unitChars (--unit-chars): ${o.unitChars}, expected at most traceChars, ${o.traceChars} (the unit tests read the saturation trace's characters)`);
  // The memory bound before anything runs: the study's sweeps on their worker processes (an executor's trials run elsewhere: as before, one process's bound).
  checkJobMemory(charLmStudyMemory({ ...o, seeds: seeds.length, workers: o.executor ? 0 : o.workers ?? os.cpus().length }));
  const log = (line: string) => { if (o.progress !== "none") console.log(line); };
  const dir = path.resolve(o.dir ?? path.join(defaultRunsDir(), "sweeps", "charlm-study"));
  const corpus = loadTsLibCorpus({ maxChars: o.maxChars > 0 ? o.maxChars : undefined });
  const vocab = buildCharVocab(corpus.train, { minCount: CHARLM_STUDY_TRIAL_OPTIONS.minCount });
  const ids = { train: vocab.encode(corpus.train), validation: vocab.encode(corpus.validation), test: vocab.encode(corpus.test) };
  const characters = { train: ids.train.length, validation: ids.validation.length, test: ids.test.length };
  // The test characters a trial scores (every one after the first): the length of each cell's test log₂ p.
  const scored = ids.test.length - 1;
  // A kept results file: its budget must be this run's, and every cell it keeps must have its test log₂ p (checked before anything runs).
  const keptBits: Record<string, Float32Array> = {};
  if (o.keepFrom !== undefined) {
    checkSameBudget(o.keepFrom, {
      gruUnits: o.gruUnits, layers: o.layers, dropouts: o.dropouts, seeds, maxEpochs: o.maxEpochs, patience: o.patience, maxChars: o.maxChars, characters, vocabSize: vocab.size,
      timesteps: o.timesteps, batchSize: o.batchSize, learningRate: o.learningRate, clipNorm: o.clipNorm, traceChars: o.traceChars, unitChars: o.unitChars, unitShuffles: o.unitShuffles,
      ngramOrders: o.ngramOrders, kneserNeyOrder: o.kneserNeyOrder, bootstrapBlock: o.bootstrapBlock, bootstrapResamples: o.bootstrapResamples, typescript: corpus.version,
    });
    for (const cell of Object.keys((o.keepFrom.cells ?? {}) as Record<string, unknown>).filter((c) => !o.cells.includes(c as RecurrentCell))) {
      if (!CELL_ORDER.includes(cell as RecurrentCell)) throw new Error(`charlm study option keepFrom: the previous results have a cell ${JSON.stringify(cell)}, expected some of ${CELL_ORDER.join(", ")}`);
      keptBits[cell] = readKeptBits(o.keepFrom, cell, path.resolve(o.keepFromDir ?? PROJECT_RESULTS), scored);
    }
  }
  fs.mkdirSync(dir, { recursive: true });
  const cut = o.maxChars > 0 ? `c${o.maxChars}` : "all";
  // The n-gram baselines of this corpus cut, fitted once and kept beside the sweeps.
  const ngramFile = path.join(dir, `ngram-baselines-${cut}.json`);
  let ngram: NgramBaselineRow[] = fs.existsSync(ngramFile) ? (JSON.parse(fs.readFileSync(ngramFile, "utf8")) as NgramBaselineRow[]) : [];
  const missing = o.ngramOrders.filter((n) => !ngram.some((r) => r.order === n));
  for (const order of missing) {
    log(`charlm study: n-gram baseline of order ${order} on ${ids.train.length} training characters…`);
    ngram = [...ngram, ...(await ngramBaselinesAsync(ids.train, ids.validation, ids.test, { vocabSize: vocab.size, orders: [order], log }))].sort((a, b) => a.order - b.order);
    writeFileAtomic(ngramFile, JSON.stringify(ngram, null, 2) + "\n");
  }
  ngram = ngram.filter((r) => o.ngramOrders.includes(r.order));
  // The order-n modified Kneser–Ney model of the error analysis: its bpc and every test character's log₂ p, kept beside the sweeps.
  let kneserNey: { row: NgramBaselineRow; testLog2: Float64Array } | null = null;
  if (o.kneserNeyOrder > 0) {
    const base = path.join(dir, `kneser-ney-${o.kneserNeyOrder}-${cut}`);
    if (!fs.existsSync(`${base}.json`)) {
      log(`charlm study: modified Kneser–Ney ${o.kneserNeyOrder}-gram on ${ids.train.length} training characters…`);
      const t0 = performance.now();
      const kn = await fitKneserNeyAsync(ids.train, { order: o.kneserNeyOrder, vocabSize: vocab.size });
      const testLog2 = await kn.log2ProbabilitiesAsync(ids.test);
      const row: NgramBaselineRow = {
        name: `${o.kneserNeyOrder}-gram (interpolated modified Kneser–Ney)`, order: o.kneserNeyOrder, validationBpc: kn.bitsPerCharacter(ids.validation),
        testBpc: -testLog2.reduce((sum, v) => sum + v, 0) / testLog2.length, fitSeconds: (performance.now() - t0) / 1000,
      };
      writeFileAtomic(`${base}.f64`, new Uint8Array(testLog2.buffer, testLog2.byteOffset, testLog2.byteLength));
      writeFileAtomic(`${base}.json`, JSON.stringify(row, null, 2) + "\n");
    }
    const buf = fs.readFileSync(`${base}.f64`);
    kneserNey = { row: JSON.parse(fs.readFileSync(`${base}.json`, "utf8")) as NgramBaselineRow, testLog2: new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)) };
    log(`charlm study: ${kneserNey.row.name}: validation ${kneserNey.row.validationBpc.toFixed(3)}, test ${kneserNey.row.testBpc.toFixed(3)} bpc`);
  }
  // This process reads networks itself (the unit tests): on the backend the trials train on, as each
  // trial's process chooses it, not on tfjs's default pure-JS cpu backend, which it would otherwise get.
  const backend = await initBackend(o.backend);
  const run = { workers: o.workers, executor: o.executor, dir, backend: o.backend, progress: o.progress ?? "lines" } as const;
  const sweeps: SweepEntry[] = [];
  const cellsOut: Record<string, Record<string, unknown>> = {};
  const chosenBits: Record<string, Float32Array> = {};
  const errorAnalysis: Record<string, unknown> = {};
  const stepsPerEpoch = Math.floor((ids.train.length - 1) / o.batchSize / o.timesteps);
  for (const { cell, prefix, name, fixed, definition } of charLmStudyPlan(o)) {
    seedTrials(dir, prefix, name, log);
    const sweep = await startSweep(name, { ...run, ...definition });
    const unfinished = sweep.rows.find((r) => r.status !== "finished");
    if (unfinished) {
      throw new Error(`charlm study: trial ${String(unfinished.trialId)} (${cell}, dropout ${String(unfinished.dropout)}, seed ${String(unfinished.seed)}) is ${String(unfinished.status)}${unfinished.error ? `: ${String(unfinished.error)}` : ""}; see ${sweep.dir}/results.csv, and run the study again to continue`);
    }
    const seconds = sweep.rows.reduce((s, r) => s + (Number(r.seconds) || 0), 0);
    const byDropout: Record<string, TrialRead[]> = {};
    let epochs = 0;
    for (const dropout of o.dropouts) {
      byDropout[String(dropout)] = await Promise.all(seeds.map((seed) => readTrial(trialDir(sweep.dir, trialId({ cell, dropout, seed, ...fixed })), seed)));
      epochs += byDropout[String(dropout)].reduce((s, t) => s + t.epochs, 0);
    }
    sweeps.push({ name, trials: sweep.rows.length, seconds, epochs });
    const meanVal = (d: number) => meanStd(byDropout[String(d)].map((t) => t.bestValidationBpc)).mean;
    const chosen = o.dropouts.reduce((a, b) => (meanVal(b) < meanVal(a) ? b : a));
    const trials = byDropout[String(chosen)];
    // Rounded to float32 (the precision of the trials' own log₂ p and of the file a piece commits), so a pieced study computes what one run does.
    const bits = Float32Array.from(meanBits(trials));
    chosenBits[cell] = bits;
    const interval = bootstrapInterval(Array.from(bits), { block: Math.min(o.bootstrapBlock, bits.length), resamples: o.bootstrapResamples, seed: 1 });
    const saturation = readSaturation(trials[0].dir);
    const unitTests = o.unitShuffles > 0 ? await trialUnitTests(dir, trials[0], corpus.test, vocab, o.unitChars, o.unitShuffles, log) : null;
    cellsOut[cell] = {
      units: trials[0].units, params: trials[0].params, chosenDropout: chosen,
      dropoutTrials: Object.fromEntries(o.dropouts.map((d) => [String(d), { meanBestValidationBpc: meanVal(d), bestValidationBpc: byDropout[String(d)].map((t) => t.bestValidationBpc) }])),
      testBpc: { ...meanStd(trials.map((t) => t.testBpc)), perSeed: trials.map((t) => t.testBpc) },
      validationBpc: { ...meanStd(trials.map((t) => t.bestValidationBpc)), perSeed: trials.map((t) => t.bestValidationBpc) },
      testBpcInterval: { estimate: interval.estimate, low: interval.low, high: interval.high, level: interval.level },
      epochs: trials.map((t) => t.epochs), bestEpochs: trials.map((t) => t.bestEpoch),
      secondsPerEpoch: meanStd(o.dropouts.flatMap((d) => byDropout[String(d)].map((t) => t.secondsPerEpoch))).mean,
      saturation: saturation.map((g) => ({
        layer: g.layer, gate: g.gate, meanLeft: meanStd(g.left).mean, meanRight: meanStd(g.right).mean,
        unitsLeftOverHalf: g.left.filter((v) => v > 0.5).length, unitsRightOverHalf: g.right.filter((v) => v > 0.5).length, left: g.left, right: g.right,
      })),
      unitTests,
      trialDirs: trials.map((t) => path.relative(dir, t.dir)),
      testLog2p: { file: log2pFile(cell), format: "float32 little-endian", characters: bits.length, sha256: sha256(float32Bytes(bits.map((b) => -b))) },
    };
    log(`charlm study: ${cell} (${trials[0].units} units, ${trials[0].params} parameters), dropout ${chosen}: test ${meanStd(trials.map((t) => t.testBpc)).mean.toFixed(3)} bpc`);
  }
  const date = new Date().toISOString();
  const command = o.command ?? "grulab study charlm";
  const thisRun = {
    cells: o.cells, trials: sweeps.reduce((n, s) => n + s.trials, 0), epochsSpent: sweeps.reduce((n, s) => n + s.epochs, 0), trialSeconds: sweeps.reduce((n, s) => n + s.seconds, 0),
    wallSeconds: 0,
  };
  for (const c of Object.values(cellsOut)) c.runDate = date;
  for (const s of sweeps) s.runDate = date;
  // A run that kept a previous file's cells says which file: its own date, command and cells (a path would not outlive a temporary folder).
  const runs: RunEntry[] = [{ date, command, ...(o.keepFrom !== undefined ? { keptFrom: { date: o.keepFrom.date, command: o.keepFrom.command, cells: Object.keys((o.keepFrom.cells ?? {}) as object) } } : {}) }];
  if (o.keepFrom !== undefined) {
    const previous = o.keepFrom;
    const before = (previous.budget ?? {}) as { runs?: RunEntry[]; sweeps?: SweepEntry[] };
    const used = new Set<string>();
    for (const [cell, bits] of Object.entries(keptBits)) {
      const entry = (previous.cells as Record<string, Record<string, unknown>>)[cell];
      cellsOut[cell] = { ...entry, runDate: String(entry.runDate ?? previous.date) };
      chosenBits[cell] = bits;
      used.add(String(cellsOut[cell].runDate));
      for (const s of before.sweeps ?? []) {
        if (s.name.split("-")[0] === cell) {
          sweeps.push({ ...s, runDate: s.runDate ?? String(previous.date) });
          used.add(sweeps[sweeps.length - 1].runDate!);
        }
      }
      log(`charlm study: ${cell} kept from the results of ${String(previous.date)} (run ${String(cellsOut[cell].runDate)})`);
    }
    runs.unshift(...(before.runs ?? [{ date: String(previous.date), command: String(previous.command) }]).filter((r) => used.has(r.date)));
  }
  // The cells of the results: this run's, in its order, or with kept ones every cell in the order a study of all of them writes them.
  const cells = o.keepFrom === undefined ? o.cells : CELL_ORDER.filter((c) => c in cellsOut);
  const byCell = <V>(of: (c: string) => V) => Object.fromEntries(cells.map((c) => [c, of(c)]));
  const allSweeps = cells.flatMap((c) => sweeps.filter((s) => s.name.split("-")[0] === c));
  const epochsSpent = allSweeps.reduce((n, s) => n + s.epochs, 0);
  for (const c of cells) {
    if (chosenBits[c].length !== scored) throw new Error(`charlm study: ${c}'s test log₂ p has ${chosenBits[c].length} characters, the test text ${scored} after the first`);
  }
  if (kneserNey) {
    // Karpathy et al.'s error analysis: the bits each cell (log₂ p averaged over its seeds) saves against the Kneser–Ney model, by distance to the matching opener.
    for (const c of cells) errorAnalysis[c] = gainByOpenerDistance(corpus.test, Array.from(chosenBits[c], (b) => -b), kneserNey.testLog2, { resamples: o.bootstrapResamples });
  }
  // Paired differences between cells on the same test characters (same blocks resampled).
  const differences: Record<string, unknown> = {};
  for (let a = 0; a < cells.length; a++) {
    for (let b = a + 1; b < cells.length; b++) {
      const [x, y] = [chosenBits[cells[a]], chosenBits[cells[b]]];
      const d = bootstrapInterval(Array.from(x, (v, i) => v - y[i]), { block: Math.min(o.bootstrapBlock, x.length), resamples: o.bootstrapResamples, seed: 2 });
      differences[`${cells[a]}-${cells[b]}`] = { estimate: d.estimate, low: d.low, high: d.high, level: d.level };
    }
  }
  const strongest = bestByValidation(ngram);
  thisRun.wallSeconds = (Date.now() - started) / 1000;
  const results = {
    study: "charlm",
    date,
    command,
    versions: { grulab: grulabVersion(), node: process.version, tfjs: tf.version.tfjs, backend, kernel: fusedKernelInUse(), typescript: corpus.version },
    budget: {
      cells, gruUnits: o.gruUnits, layers: o.layers, dropouts: o.dropouts, seeds, maxEpochs: o.maxEpochs, patience: o.patience, maxChars: o.maxChars,
      characters, vocabSize: vocab.size,
      timesteps: o.timesteps, batchSize: o.batchSize, learningRate: o.learningRate, clipNorm: o.clipNorm, stepsPerEpoch,
      traceChars: o.traceChars, unitChars: o.unitChars, unitShuffles: o.unitShuffles, ngramOrders: o.ngramOrders, kneserNeyOrder: o.kneserNeyOrder,
      trials: allSweeps.reduce((n, s) => n + s.trials, 0), epochsSpent, trainingStepsSpent: epochsSpent * stepsPerEpoch, trialSeconds: allSweeps.reduce((n, s) => n + s.seconds, 0),
      wallSeconds: thisRun.wallSeconds, thisRun,
      workers: o.executor ? "executor" : o.workers ?? os.cpus().length, loadAverageAtEnd: os.loadavg()[0], runs, sweeps: allSweeps,
    },
    bootstrap: {
      block: o.bootstrapBlock, resamples: o.bootstrapResamples, level: 0.95,
      what: `moving-block bootstrap over the test text: blocks of ${o.bootstrapBlock} contiguous characters resampled, each character's bits averaged over the seeds first (the interval covers the test text's sampling, not the seeds')`,
    },
    cells: byCell((c) => cellsOut[c]),
    differences,
    errorAnalysis: kneserNey === null ? null : {
      ngram: kneserNey.row,
      model: "each cell at its chosen dropout, log₂ p of every test character averaged over the seeds",
      what: "mean bits per character the cell saves against the n-gram, by the distance back to the matching opener: `closing` for closing brackets and quotes (the paper's \"}\" at distance d), `all` for every character (its innermost pending opener); 95 % intervals from an ordinary bootstrap over the characters of a bin (gainSummary)",
      cells: byCell((c) => errorAnalysis[c]),
    },
    ngram: { rows: ngram, strongestByValidation: { name: strongest.name, order: strongest.order, validationBpc: strongest.validationBpc, testBpc: strongest.testBpc } },
  };
  if (o.resultsDir !== null) {
    // Each cell's test log₂ p beside the results file (a kept cell's again, the same bytes): what a later piece keeping these cells reads.
    for (const c of cells) writeFileAtomic(path.join(o.resultsDir ?? PROJECT_RESULTS, log2pFile(c)), float32Bytes(chosenBits[c].map((b) => -b)));
    writeStudyResults("charlm", results, o.resultsDir ?? undefined);
  }
  return results;
}
