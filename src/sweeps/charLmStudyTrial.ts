import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { buildCharVocab } from "../data/charVocab";
import { charWindows } from "../data/charWindows";
import { loadTsLibCorpus } from "../data/loadTsLibCorpus";
import { streamWindows } from "../data/streamWindows";
import { csvCell } from "../util/csvCell";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { buildCharLm } from "../models/buildCharLm";
import { carryTrainingState } from "../models/carryTrainingState";
import { disposeModel } from "../models/disposeModel";
import { matchedCharLmUnits } from "../models/matchedCharLmUnits";
import type { RecurrentCell } from "../models/matchedUnits";
import { RUN_FILES, TRACE_FILES, TRACE_HEADERS } from "../runs/runFormat";
import { readCharLm, readCharLmAsync } from "../traces/readCharLm";
import { saturation } from "../traces/saturation";
import type { TrialFunction } from "./trialFunction";

/**
 * Options of the `charlm-study` trial, with the values used when a sweep's space leaves them out
 * (char-rnn's: 2 layers, windows of 100 characters, 64 streams, gradient norm clipped to 5;
 * Adam at 0.002; early stopping after `patience` epochs without a better validation bpc).
 *
 * @example
 * startSweep("gru", { trial: "charlm-study", space: { cell: ["gru"], dropout: [0, 0.25], seed: [1, 2, 3], maxChars: [200000] }, metric: "val_loss", budget: { epochs: 10 } });
 */
export const CHARLM_STUDY_TRIAL_OPTIONS = {
  cell: "gru", gruUnits: 128, layers: 2, dropout: 0, seed: 1, timesteps: 100, batchSize: 64, learningRate: 0.002, clipNorm: 5,
  maxChars: 0, minCount: 10, patience: 2, traceChars: 20000, traceFrom: 86000,
};

/**
 * The `charlm-study` trial: one char LM of the study of record (Karpathy, Johnson & Fei-Fei 2015 on
 * TypeScript's lib files) trained by truncated BPTT with the state carried: the training text in
 * `batchSize` contiguous streams (`streamWindows`), every window starting from the final state
 * of the stream's previous window (values only; reset at each epoch's start), every training
 * character once per epoch. `cell` layers (gru, lstm, simpleRnn) of the units that match the
 * parameter count of the GRU model of `gruUnits` (`matchedCharLmUnits`), dropout after every
 * recurrent layer. After each epoch the validation text is read with the state carried
 * (`readCharLmAsync`: in chunks, stopped between two by Ctrl-C, progress lines when it is long):
 * history.csv's val_loss is its loss in nats (bpc · ln 2), with no val_acc column (a trial
 * resumed from an older history.csv keeps its columns); early stopping after
 * `patience` epochs without improvement keeps the best epoch's weights. At the end: metrics.json
 * (stateless test windows' accuracy and loss, and `bpc` of the test text read with the state
 * carried), `traces/test-log2p.f32` (log₂ p of every test character after the first) and
 * `traces/saturation.csv` (gate saturation over `traceChars` test characters from `traceFrom`).
 * Returns test_bpc and val_bpc (best weights).
 *
 * @example
 * await startSweep("lstm", { trial: "charlm-study", space: { cell: ["lstm"], seed: [1, 2, 3] }, metric: "val_loss", budget: { epochs: 30 } });
 */
export const charLmStudyTrial: TrialFunction = async (config, trial) => {
  const o = { ...CHARLM_STUDY_TRIAL_OPTIONS, ...config } as typeof CHARLM_STUDY_TRIAL_OPTIONS;
  const cell = o.cell as RecurrentCell;
  if (!["gru", "lstm", "simpleRnn"].includes(cell)) throw new Error(`charlm-study option cell: ${JSON.stringify(o.cell)}, expected "gru", "lstm" or "simpleRnn"`);
  for (const k of ["gruUnits", "layers", "timesteps", "batchSize", "minCount", "traceChars"] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new Error(`charlm-study option ${k}: ${JSON.stringify(o[k])}, expected a positive integer`);
  }
  for (const k of ["maxChars", "patience", "traceFrom"] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 0) throw new Error(`charlm-study option ${k}: ${JSON.stringify(o[k])}, expected an integer ≥ 0`);
  }
  const corpus = loadTsLibCorpus({ maxChars: o.maxChars > 0 ? o.maxChars : undefined });
  const vocab = buildCharVocab(corpus.train, { minCount: o.minCount });
  const ids = { train: vocab.encode(corpus.train), validation: vocab.encode(corpus.validation), test: vocab.encode(corpus.test) };
  const units = matchedCharLmUnits(cell, o.gruUnits, o.layers, vocab.size);
  const train = streamWindows(ids.train, { streams: o.batchSize, timesteps: o.timesteps });
  // The validation text, for the run's data fingerprint (it is scored by readCharLm, not model.evaluate).
  const validation = { x: tf.tensor2d(ids.validation, [1, ids.validation.length], "int32"), y: tf.tensor3d(Float32Array.from(ids.validation), [1, ids.validation.length, 1]) };
  const test = charWindows(ids.test, { timesteps: o.timesteps });
  const model = buildCharLm({ vocabSize: vocab.size, cell, units, layers: o.layers, dropout: o.dropout, learningRate: o.learningRate, clipNorm: o.clipNorm, seed: o.seed, timesteps: null });
  try {
    const run = await trial.startRun(model, {
      task: "classification", classes: vocab.labels,
      config: {
        job: "charlm-study", ...o, units, params: model.countParams(), vocabSize: vocab.size, vocabChars: vocab.chars.slice(1),
        corpus: { package: "typescript", version: corpus.version, chars: { train: corpus.train.length, validation: corpus.validation.length, test: corpus.test.length } },
        streams: { streams: train.streams, windowsPerStream: train.windowsPerStream, usedCharacters: train.usedCharacters, droppedCharacters: train.droppedCharacters },
      },
    });
    const validationBpc = (m: tf.LayersModel) => readCharLm(m, ids.validation).bpc;
    await run.fit(model, train, {
      validation, epochs: trial.epochs, batchSize: o.batchSize, seed: o.seed, patience: o.patience, progress: "none", shuffle: false,
      onEpochStart: () => { carryTrainingState(model, true); },
      // The validation text read in chunks (seconds: Ctrl-C stops it between two, a long read prints its progress); no val_acc: val_loss alone.
      validate: async (m, pass) => ({ val_loss: (await readCharLmAsync(m, ids.validation, { signal: pass.signal, log: console.log, label: "validation" })).bpc * Math.LN2 }),
      validationMetrics: [],
    });
    const evaluation = await run.evaluate(model, { ...test, labels: Array.from(test.y.dataSync()) });
    const read = readCharLm(model, ids.test);
    run.addTestMetrics({ bpc: read.bpc });
    const traces = path.join(trial.dir, RUN_FILES.traces);
    fs.mkdirSync(traces, { recursive: true });
    const log2p = Float32Array.from(read.probability, (p) => Math.log2(p));
    writeFileAtomic(path.join(traces, TRACE_FILES.testLog2Probability), Buffer.from(log2p.buffer, log2p.byteOffset, log2p.byteLength));
    const start = Math.max(0, Math.min(o.traceFrom, corpus.test.length - o.traceChars));
    const traced = vocab.encode(corpus.test.slice(start, start + o.traceChars));
    const sat = traced.length >= 2 ? saturation(readCharLm(model, traced, { streams: 1, states: true })) : [];
    writeFileAtomic(path.join(traces, TRACE_FILES.saturation), [TRACE_HEADERS.saturation, ...sat.map((r) => `${csvCell(r.layer)},${r.gate},${r.unit},${r.leftFraction},${r.rightFraction}`)].join("\n") + "\n");
    return { test_bpc: read.bpc, val_bpc: validationBpc(model), test_accuracy: evaluation.accuracy, params: model.countParams(), units };
  } finally {
    carryTrainingState(model, false); // frees the carried states
    disposeModel(model);
    tf.dispose([train.x, train.y, validation.x, validation.y, test.x, test.y]);
  }
};
