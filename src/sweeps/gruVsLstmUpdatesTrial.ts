import * as tf from "@tensorflow/tfjs";
import { addingProblem } from "../data/addingProblem";
import { delayedRecall } from "../data/delayedRecall";
import { disposeModel } from "../models/disposeModel";
import type { RecurrentCell } from "../models/matchedUnits";
import { buildMatchedRnn, type MatchedRnnOptions } from "../studies/buildMatchedRnn";
import type { TrialFunction } from "./trialFunction";

/**
 * The variants the GRU-vs-LSTM study of record compares: the three cells at equal parameter
 * counts as Keras builds them (GRU reset-after, LSTM forget bias 1), and the ablations: the GRU
 * with the reset gate before the recurrent product (Cho et al. 2014), the LSTM with forget bias 0,
 * and chrono initialisation (Tallec & Ollivier 2018) of the GRU's and the LSTM's gate biases.
 *
 * @example
 * GRU_VS_LSTM_VARIANTS["lstm-forget-bias-0"] // { cell: "lstm", unitForgetBias: false }
 */
export const GRU_VS_LSTM_VARIANTS: Record<string, { cell: RecurrentCell } & Pick<MatchedRnnOptions, "resetAfter" | "unitForgetBias" | "chrono">> = {
  gru: { cell: "gru" },
  lstm: { cell: "lstm" },
  simpleRnn: { cell: "simpleRnn" },
  "gru-reset-before": { cell: "gru", resetAfter: false },
  "gru-chrono": { cell: "gru", chrono: true },
  "lstm-forget-bias-0": { cell: "lstm", unitForgetBias: false },
  "lstm-chrono": { cell: "lstm", chrono: true },
};

/**
 * Options of the `gru-vs-lstm-updates` trial, with the values used when a sweep's space leaves
 * them out. One epoch is `updatesPerEpoch` Adam updates, each on a fresh batch.
 *
 * @example
 * startSweep("lr", { trial: "gru-vs-lstm-updates", space: { ...oneOf(GRU_VS_LSTM_UPDATES_OPTIONS), learningRate: [1e-3, 1e-2] }, metric: "val_loss", budget: { epochs: 20 } });
 */
export const GRU_VS_LSTM_UPDATES_OPTIONS = {
  task: "adding", length: 100, variant: "gru", seed: 1, gruUnits: 32, learningRate: 0.001, batchSize: 32, updatesPerEpoch: 50,
  clipNorm: 1, symbols: 8, validationSamples: 512, testSamples: 1024, stopWhenSolved: 0,
};

/** The seed of epoch `epoch`'s training batches for one trial seed and length: every (seed, epoch) its own stream. */
function batchSeed(seed: number, epoch: number, length: number): number {
  return ((seed * 1_000_003) ^ (epoch * 7919 + length * 104_729)) >>> 0;
}

/**
 * The `gru-vs-lstm-updates` trial: one variant (GRU_VS_LSTM_VARIANTS) at equal parameter count
 * (`buildMatchedRnn`, Adam, each gradient clipped to `clipNorm`) trained on the adding problem
 * (Le et al. 2015's variant: a sum of the two marked values of a uniform sequence) or delayed
 * recall at `length` steps, `updatesPerEpoch` updates per epoch, every update on a batch never seen
 * before (epoch e's batches are generated from the trial seed, e and the length, so a resumed trial sees what an
 * uninterrupted one saw), with a fixed validation set (seed 2000 + length, scored after every
 * epoch: history.csv) and test set (seed 3000 + length, scored once at the end).
 *
 * Option `stopWhenSolved` (a threshold in the task's error measure: adding the validation MSE,
 * recall the validation error rate 1 − val_acc; absent or 0: off, the default) ends the trial after
 * the first epoch whose validation error is below it (train's `stopWhen`, recorded in the
 * checkpoint): the history up to that epoch, and so whether and when the trial solved the task, is
 * the same as without stopping; the test error is then that of the weights at the stop.
 *
 * @example
 * await startSweep("T50", { trial: "gru-vs-lstm-updates", space: { length: [50], variant: ["gru", "lstm"], seed: [1, 2] }, metric: "val_loss", budget: { epochs: 20 } });
 */
export const gruVsLstmUpdatesTrial: TrialFunction = async (config, trial) => {
  const o = { ...GRU_VS_LSTM_UPDATES_OPTIONS, ...config } as typeof GRU_VS_LSTM_UPDATES_OPTIONS;
  const variant = GRU_VS_LSTM_VARIANTS[o.variant];
  if (variant === undefined) throw new Error(`gru-vs-lstm-updates option variant: ${JSON.stringify(o.variant)}, expected one of ${Object.keys(GRU_VS_LSTM_VARIANTS).join(", ")}`);
  if (o.task !== "adding" && o.task !== "recall") throw new Error(`gru-vs-lstm-updates option task: ${JSON.stringify(o.task)}, expected "adding" or "recall"`);
  for (const k of ["length", "gruUnits", "batchSize", "updatesPerEpoch", "validationSamples", "testSamples", "symbols"] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new Error(`gru-vs-lstm-updates option ${k}: ${JSON.stringify(o[k])}, expected a positive integer`);
  }
  const stopAt: unknown = o.stopWhenSolved;
  if (typeof stopAt !== "number" || !(stopAt >= 0)) throw new Error(`gru-vs-lstm-updates option stopWhenSolved: ${JSON.stringify(stopAt)}, expected a validation error threshold ≥ 0 (0: no stop)`);
  const adding = o.task === "adding";
  const solved = (row: Record<string, number>) => (adding ? row.val_loss : 1 - row.val_acc) < stopAt;
  const make = (samples: number, seed: number) => adding ? addingProblem({ samples, length: o.length, seed }) : delayedRecall({ samples, length: o.length, symbols: o.symbols, seed });
  const perEpoch = o.updatesPerEpoch * o.batchSize;
  const blockOf = (epoch: number) => {
    const d = make(perEpoch, batchSeed(o.seed, epoch, o.length));
    return { x: d.x as tf.Tensor, y: d.y as tf.Tensor };
  };
  const first = blockOf(1); // the shapes and fingerprint of the stream (train gets every epoch's batches from epochData)
  const validation = make(o.validationSamples, 2000 + o.length);
  const test = make(o.testSamples, 3000 + o.length);
  const model = buildMatchedRnn(variant.cell, {
    gruUnits: o.gruUnits, timesteps: o.length, inputDim: adding ? 2 : o.symbols + 1, outputs: adding ? 1 : o.symbols, task: adding ? "regression" : "classification",
    seed: o.seed, learningRate: o.learningRate, clipNorm: o.clipNorm, resetAfter: variant.resetAfter, unitForgetBias: variant.unitForgetBias, chrono: variant.chrono,
  });
  try {
    const run = await trial.startRun(model, {
      task: adding ? "regression" : "classification", ...(adding ? {} : { classes: Array.from({ length: o.symbols }, (_, k) => `s${k}`) }),
      config: { job: "gru-vs-lstm-updates", ...o, cell: variant.cell, params: model.countParams(), units: model.layers[0].getConfig().units as number, updates: trial.epochs * o.updatesPerEpoch },
    });
    await run.fit(model, first, {
      validation, test, epochs: trial.epochs, batchSize: o.batchSize, seed: o.seed, patience: 0, progress: "none", ...(stopAt > 0 ? { stopWhen: solved } : {}),
      epochData: (epoch) => (epoch === 1 ? { x: first.x.clone(), y: first.y.clone() } : blockOf(epoch)),
    });
    return await run.evaluate(model, test);
  } finally {
    disposeModel(model);
    tf.dispose([first.x, first.y]);
    validation.dispose();
    test.dispose();
  }
};
