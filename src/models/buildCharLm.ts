import * as tf from "@tensorflow/tfjs";
import { adamOptimizer } from "./adamOptimizer";
import { checkIntegerOptions } from "./checkIntegerOptions";
import { compileMetrics } from "./compileMetrics";
import { gru } from "./gru";
import { lstm } from "./lstm";
import { simpleRnn } from "./simpleRnn";
import type { RecurrentCell } from "./matchedUnits";
import { kerasRecurrentInitializers } from "./kerasRecurrentInitializers";
import { FusedDenseLayer } from "./fusedDenseLayer";
import { OneHotLayer } from "./oneHotLayer";
import { sparseCrossentropyOp } from "./sparseCrossentropyOp";
import type { GruImplementation } from "./pickGruSequence";

/** Options of `buildCharLm`; every one but `vocabSize` has a default. */
export interface CharLmOptions {
  /** Number of symbols (the vocabulary's size, unknown symbol included). Required. */
  vocabSize: number;
  /** The recurrent cell of every layer: "gru" (default), "lstm" or "simpleRnn" (grulab's layers; `matchedCharLmUnits` gives equal sizes). */
  cell?: RecurrentCell;
  /** Units of each recurrent layer, default 128. */
  units?: number;
  /** Dropout rate on the output of every recurrent layer (the input of the next layer and of the softmax), as char-rnn (Karpathy et al. 2015); only in training; default 0: no dropout layer. */
  dropout?: number;
  /** Number of stacked GRU layers, default 2 (as the paper's two-layer models). */
  layers?: number;
  /** Size of a learned character embedding between the one-hot input and the first GRU; default 0: one-hot vectors go straight in, as in the paper. */
  embedding?: number;
  /** Steps per training window; null (default) accepts any length, so one model trains on windows and reads long texts. */
  timesteps?: number | null;
  /** Adam learning rate, default 0.002 (Karpathy et al. 2015 used 2e-3 with RMSProp). */
  learningRate?: number;
  /** Clip each gradient's norm to this value (default 5, as char-rnn); 0 disables clipping. */
  clipNorm?: number;
  /** Seed of every initializer, default 42. */
  seed?: number;
  /** Sequence implementation of the GRU layers (see pickGruSequence), default "auto" (the other cells: "auto"). */
  gruImplementation?: GruImplementation;
  /**
   * Metrics compiled beside the loss, default `["accuracy"]` (the next character's accuracy on
   * every batch). `[]` compiles the loss alone (`trainOnBatch` returns the loss as a number, the
   * history has no `acc` column): the same training, bit for bit, without the metric's argmax
   * over [batch × time, vocabSize] on each step, as a PyTorch training loop that computes no
   * metric. Names are tfjs's metric names; an unknown name is tfjs's error at build time.
   *
   * @example
   * const lossOnly = buildCharLm({ vocabSize: 96, timesteps: 100, metrics: [] });
   */
  metrics?: string[];
}

/**
 * A character-level language model: ids [batch, time] → one-hot (→ optional learned embedding) → `layers` stacked grulab GRU
 * layers (returnSequences, reset_after as tf.keras 2 and Keras 3; or LSTM / SimpleRNN layers, `cell`), each
 * followed by dropout when `dropout` > 0 → Dense(vocabSize, softmax) at every step,
 * compiled with adam, sparse categorical cross-entropy (targets: the next character's id,
 * [batch, time, 1]) and accuracy (`metrics: []`: the loss alone). Loss / ln 2 is bits per character. Layer names: `one_hot`, (`embedding`),
 * `gru_1` … `gru_<layers>` (`lstm_1` …, `simple_rnn_1` …; `dropout_1` … after each), `softmax`. Initializers are seeded: same seed, same weights.
 *
 * @example
 * const model = buildCharLm({ vocabSize: 96, units: 128 });
 * model.summary();
 * const lossOnly = buildCharLm({ vocabSize: 96, timesteps: 100, metrics: [] });
 */
export function buildCharLm(options: CharLmOptions): tf.Sequential {
  const units = options.units ?? 128;
  const layers = options.layers ?? 2;
  const embedding = options.embedding ?? 0;
  const seed = options.seed ?? 42;
  const cell = options.cell ?? "gru";
  const dropout = options.dropout ?? 0;
  const metrics = compileMetrics("buildCharLm", options.metrics);
  if (!["gru", "lstm", "simpleRnn"].includes(cell)) throw new Error(`buildCharLm: option cell ${JSON.stringify(cell)}, expected "gru", "lstm" or "simpleRnn"`);
  if (!(dropout >= 0 && dropout < 1)) throw new Error(`buildCharLm: option dropout ${dropout}, expected a rate in [0, 1)`);
  checkIntegerOptions("buildCharLm", [["vocabSize", options.vocabSize, 2], ["units", units, 1], ["layers", layers, 1], ["embedding", embedding, 0]]);
  // tfjs's adam takes no clipnorm: this one clips each gradient to clipNorm before adam.
  const optimizer = adamOptimizer("buildCharLm", options.learningRate ?? 0.002, options.clipNorm ?? 5);
  const timesteps = options.timesteps ?? null;
  if (timesteps !== null && (!Number.isInteger(timesteps) || timesteps < 1)) {
    throw new Error(`buildCharLm: option timesteps must be a positive integer or null, got ${timesteps}`);
  }
  const V = options.vocabSize;
  const model = tf.sequential({ name: "char_lm" });
  model.add(new OneHotLayer({ name: "one_hot", depth: V, inputShape: [timesteps] }));
  if (embedding > 0) {
    // A learned embedding = one-hot times a matrix (tf.layers.embedding's gradient has no wasm kernel).
    model.add(tf.layers.dense({ name: "embedding", units: embedding, useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  }
  for (let l = 1; l <= layers; l++) {
    const common = { name: `${cell === "simpleRnn" ? "simple_rnn" : cell}_${l}`, units, returnSequences: true, activation: "tanh", ...kerasRecurrentInitializers(seed + 2 * l - 1) };
    if (cell === "gru") model.add(gru({ ...common, recurrentActivation: "sigmoid", resetAfter: true, implementation: options.gruImplementation ?? "auto" }));
    else if (cell === "lstm") model.add(lstm({ ...common, recurrentActivation: "sigmoid" }));
    else model.add(simpleRnn(common));
    if (dropout > 0) model.add(tf.layers.dropout({ name: `dropout_${l}`, rate: dropout }));
  }
  // tf.layers.dense's math and weights; its forward and backward run as one op (fast on tfjs's wasm backend).
  model.add(new FusedDenseLayer({
    name: "softmax", units: V, activation: "softmax",
    kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 * layers + 1 }),
  }));
  model.compile({ optimizer, loss: "sparseCategoricalCrossentropy", metrics });
  // The same loss computed as one op: the compiled configuration (target shape, metrics,
  // saved training config) still names sparseCategoricalCrossentropy; only the computation of the
  // loss and its gradient is replaced (tfjs's is ~15 tensor ops per step, a third of the step).
  // (tf.Sequential trains through its inner LayersModel, which holds the compiled loss functions.)
  (model as unknown as { model: { lossFunctions: ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor)[] } }).model.lossFunctions = [sparseCrossentropyOp];
  return model;
}
