import * as tf from "@tensorflow/tfjs";
import { gru } from "../models/gru";
import { lstm } from "../models/lstm";
import { matchedUnits, recurrentParamCount, type RecurrentCell } from "../models/matchedUnits";
import { kerasRecurrentInitializers } from "../models/kerasRecurrentInitializers";
import { simpleRnn } from "../models/simpleRnn";
import { adamOptimizer } from "../models/adamOptimizer";
import { chronoInitialization } from "../models/chronoInitialization";

/**
 * Options of `buildMatchedRnn`.
 *
 * @example
 * const options: MatchedRnnOptions = { gruUnits: 32, timesteps: 100, inputDim: 2, outputs: 1, task: "regression" };
 */
export interface MatchedRnnOptions {
  /** Size of the comparison: every cell gets the recurrent parameter count of a GRU of this many units. Required. */
  gruUnits: number;
  /** Steps per sequence. Required. */
  timesteps: number;
  /** Features per step. Required. */
  inputDim: number;
  /** Outputs of the Dense head. Required. */
  outputs: number;
  /** "regression": linear head, mean squared error; "classification": softmax head, categorical cross-entropy (+ accuracy). Required. */
  task: "regression" | "classification";
  /** Seed of the initial weights; default 1. */
  seed?: number;
  /** Adam's learning rate; default 0.001. */
  learningRate?: number;
  /** The recurrent layer's activation (GRU: h̃); default "tanh". Non-tanh GRU activations run the reference implementation. */
  activation?: string;
  /** Each gradient clipped to this L2 norm (Keras's `clipnorm`, `adamOptimizer`); default 0: none. */
  clipNorm?: number;
  /** GRU only: the reset gate applied after the recurrent product (Keras, cuDNN, PyTorch) or before it (Cho et al. 2014); default true. */
  resetAfter?: boolean;
  /** LSTM only: the forget gate's bias starts at 1 (Jozefowicz et al. 2015) instead of 0; default true (Keras). */
  unitForgetBias?: boolean;
  /** GRU and LSTM: chrono initialisation of the gate biases for dependencies up to `timesteps` (`chronoInitialization`, seeded with `seed`); default false. */
  chrono?: boolean;
}

/**
 * A compiled model `cell(units) → Dense(outputs)` whose whole parameter count (recurrent layer
 * and head) is the closest to that of the GRU model of `gruUnits`, so GRU, LSTM and SimpleRNN
 * are compared at equal size (Chung et al. 2014). `matchedUnits` matches the recurrent layer
 * alone; with a small layer the head's units·outputs weights matter, so they are counted too. All three are grulab layers (fused kernels for
 * tanh), with seeded Glorot-uniform kernels and orthogonal recurrent kernels; the options choose the
 * GRU's reset convention, the LSTM's forget bias, chrono initialisation and gradient clipping (Adam).
 *
 * @example
 * const model = buildMatchedRnn("lstm", { gruUnits: 32, timesteps: 50, inputDim: 2, outputs: 1, task: "regression" });
 * model.countParams(); // ≈ that of buildMatchedRnn("gru", …) with the same options
 */
export function buildMatchedRnn(cell: RecurrentCell, options: MatchedRnnOptions): tf.Sequential {
  for (const name of ["gruUnits", "timesteps", "inputDim", "outputs"] as const) {
    const v = options[name];
    if (!Number.isInteger(v) || v < 1) throw new Error(`buildMatchedRnn option ${name}: ${JSON.stringify(v)}, expected a positive integer`);
  }
  if (options.task !== "regression" && options.task !== "classification") {
    throw new Error(`buildMatchedRnn option task: ${JSON.stringify(options.task)}, expected "regression" or "classification"`);
  }
  const makers = { gru, lstm, simpleRnn } as const;
  if (!(cell in makers)) throw new Error(`buildMatchedRnn: cell ${JSON.stringify(cell)}, expected one of gru, lstm, simpleRnn`);
  const seed = options.seed ?? 1;
  const units = matchedModelUnits(cell, options.gruUnits, options.inputDim, options.outputs);
  const layer = makers[cell]({
    units,
    inputShape: [options.timesteps, options.inputDim],
    activation: options.activation ?? "tanh",
    ...kerasRecurrentInitializers(seed),
    ...(cell === "gru" && options.resetAfter !== undefined ? { resetAfter: options.resetAfter } : {}),
    ...(cell === "lstm" && options.unitForgetBias !== undefined ? { unitForgetBias: options.unitForgetBias } : {}),
  });
  const classification = options.task === "classification";
  const model = tf.sequential({ layers: [
    layer,
    tf.layers.dense({ units: options.outputs, activation: classification ? "softmax" : "linear", kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }),
  ] });
  if (options.chrono === true) chronoInitialization(model.layers[0], { maxLength: options.timesteps, seed: seed + 3 });
  model.compile({
    optimizer: adamOptimizer("buildMatchedRnn", options.learningRate ?? 0.001, options.clipNorm ?? 0),
    loss: classification ? "categoricalCrossentropy" : "meanSquaredError",
    metrics: classification ? ["accuracy"] : [],
  });
  return model;
}

/** The units of `cell` whose model (recurrent layer + Dense(outputs)) has the parameter count closest to the GRU(gruUnits) model's. */
function matchedModelUnits(cell: RecurrentCell, gruUnits: number, inputDim: number, outputs: number): number {
  if (cell === "gru") return gruUnits;
  const total = (c: RecurrentCell, h: number) => recurrentParamCount(c, h, inputDim) + h * outputs + outputs;
  const target = total("gru", gruUnits);
  const guess = matchedUnits(cell, target, inputDim); // the recurrent-only match; the best is near it
  let best = 1;
  for (let h = 1; h <= 2 * guess + 2; h++) {
    if (Math.abs(total(cell, h) - target) < Math.abs(total(cell, best) - target)) best = h;
  }
  return best;
}
