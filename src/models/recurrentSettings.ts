import * as tf from "@tensorflow/tfjs";
import { gruActivation } from "./gruActivation";
import { serializeLayerObject, toLayerObject, type LayerObjectIdentifier } from "./layerObjects";
import { GRU_IMPLEMENTATIONS, type GruImplementation } from "./pickGruSequence";
import type { LayerArgs } from "@tensorflow/tfjs-layers/dist/engine/topology";
import type { Kwargs } from "@tensorflow/tfjs-layers/dist/types";
import type { Shape } from "./layerShape";

/**
 * Options shared by grulab's recurrent layers, GRU, LSTM and SimpleRNN (Keras names and defaults; the table in docs/cells.md).
 *
 * @example
 * const options: RecurrentOptions = { units: 32, returnSequences: true, dropout: 0.1 };
 */
export interface RecurrentOptions extends LayerArgs {
  units: number;
  /** Output activation (LSTM: c̃ and act(c)), default "tanh". */
  activation?: string;
  /** Default true. */
  useBias?: boolean;
  /** Default "glorotUniform" (Keras; tfjs's layers default to glorotNormal). */
  kernelInitializer?: LayerObjectIdentifier;
  /** Default "orthogonal". */
  recurrentInitializer?: LayerObjectIdentifier;
  /** Default "zeros". */
  biasInitializer?: LayerObjectIdentifier;
  /** Default none (all regularizers and constraints). */
  kernelRegularizer?: LayerObjectIdentifier;
  recurrentRegularizer?: LayerObjectIdentifier;
  biasRegularizer?: LayerObjectIdentifier;
  kernelConstraint?: LayerObjectIdentifier;
  recurrentConstraint?: LayerObjectIdentifier;
  biasConstraint?: LayerObjectIdentifier;
  /** Return every step's output [batch, time, units] instead of the last [batch, units]. Default false. */
  returnSequences?: boolean;
  /** Also return the final states (LSTM: h, c; SimpleRNN: h). Default false. */
  returnState?: boolean;
  /** Process the sequence from its end; the output sequence stays in processing order (as Keras). Default false. */
  goBackwards?: boolean;
  /** Fraction of input features dropped while training: one mask per sequence, fixed across steps, shared by the gates (Keras 3). Default 0. */
  dropout?: number;
  /** Fraction of h_{t−1} dropped before the recurrent product while training: one mask per sequence (Keras 3). Default 0. */
  recurrentDropout?: number;
  /** "reference" (tf ops), "fused" (WebAssembly kernel) or "auto" (fused on cpu/wasm for tanh/sigmoid cells). Default "auto". */
  implementation?: GruImplementation;
}

// What grulab's recurrent layers (GrulabGRU in gru.ts; GrulabRecurrent in recurrentLayer.ts, the
// base of LSTM and SimpleRNN; both on RecurrentLayerBase in recurrentLayerBase.ts) share outside
// their classes: reading and checking the common options, writing them back to a config, the
// input shape and Keras's dropout mask.

/** The common options of a recurrent layer, checked and with their defaults applied. */
export interface RecurrentSettings {
  units: number;
  activation: string;
  useBias: boolean;
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  dropout: number;
  recurrentDropout: number;
  implementation: GruImplementation;
  /** Initializers, regularizers and constraints of kernel, recurrent kernel and bias, by option name. */
  objects: Record<string, tf.serialization.Serializable | undefined>;
}

/**
 * Runs `make`, renaming "GRU option" in its error (the shared helpers speak of the GRU) to the
 * cell's name ("LSTM option …"); for the GRU it changes nothing.
 *
 * @example
 * asCell("LSTM", () => gruActivation(name, "recurrentActivation"));
 */
export function asCell<T>(cell: string, make: () => T): T {
  try {
    return make();
  } catch (err) {
    throw new Error((err as Error).message.replace(/^GRU option/, `${cell} option`));
  }
}

/**
 * Checks the common options (an error names `cell` and the option) and applies Keras's defaults:
 * activation tanh, useBias true, glorotUniform / orthogonal / zeros initializers, no regularizers
 * or constraints, dropouts 0, implementation "auto".
 *
 * @example
 * const s = readRecurrentSettings({ units: 8, dropout: 0.1 }, "LSTM"); // s.activation === "tanh"
 */
export function readRecurrentSettings(o: RecurrentOptions, cell: string): RecurrentSettings {
  if (!Number.isInteger(o.units) || o.units < 1) throw new Error(`${cell} option units: ${o.units}, expected a positive integer`);
  for (const key of ["dropout", "recurrentDropout"] as const) {
    const v = o[key] ?? 0;
    if (!(v >= 0 && v < 1)) throw new Error(`${cell} option ${key}: ${v}, expected a number in [0, 1)`);
  }
  const implementation = o.implementation ?? "auto";
  if (!GRU_IMPLEMENTATIONS.includes(implementation)) {
    throw new Error(`${cell} option implementation: "${implementation}", expected one of ${GRU_IMPLEMENTATIONS.join(", ")}`);
  }
  const object = (id: LayerObjectIdentifier | undefined, kind: "initializer" | "regularizer" | "constraint", option: string) =>
    asCell(cell, () => toLayerObject(id, kind, option));
  const settings: RecurrentSettings = {
    units: o.units,
    activation: o.activation ?? "tanh",
    useBias: o.useBias ?? true,
    returnSequences: o.returnSequences ?? false,
    returnState: o.returnState ?? false,
    goBackwards: o.goBackwards ?? false,
    dropout: o.dropout ?? 0,
    recurrentDropout: o.recurrentDropout ?? 0,
    implementation,
    objects: {
      kernelInitializer: object(o.kernelInitializer ?? "glorotUniform", "initializer", "kernelInitializer"),
      recurrentInitializer: object(o.recurrentInitializer ?? "orthogonal", "initializer", "recurrentInitializer"),
      biasInitializer: object(o.biasInitializer ?? "zeros", "initializer", "biasInitializer"),
      kernelRegularizer: object(o.kernelRegularizer, "regularizer", "kernelRegularizer"),
      recurrentRegularizer: object(o.recurrentRegularizer, "regularizer", "recurrentRegularizer"),
      biasRegularizer: object(o.biasRegularizer, "regularizer", "biasRegularizer"),
      kernelConstraint: object(o.kernelConstraint, "constraint", "kernelConstraint"),
      recurrentConstraint: object(o.recurrentConstraint, "constraint", "recurrentConstraint"),
      biasConstraint: object(o.biasConstraint, "constraint", "biasConstraint"),
    },
  };
  asCell(cell, () => gruActivation(settings.activation, "activation")); // unknown names fail here, not at the first call
  return settings;
}

/**
 * The common options as a layer config (what `getConfig` saves and the constructor reads back),
 * initializers, regularizers and constraints serialized.
 *
 * @example
 * return { ...super.getConfig(), ...recurrentConfig(this, this.objects) };
 */
export function recurrentConfig(s: Omit<RecurrentSettings, "objects">, objects: RecurrentSettings["objects"]): tf.serialization.ConfigDict {
  const config: tf.serialization.ConfigDict = {
    units: s.units,
    activation: s.activation,
    useBias: s.useBias,
    returnSequences: s.returnSequences,
    returnState: s.returnState,
    goBackwards: s.goBackwards,
    dropout: s.dropout,
    recurrentDropout: s.recurrentDropout,
    implementation: s.implementation,
  };
  for (const [key, obj] of Object.entries(objects)) config[key] = serializeLayerObject(obj);
  return config;
}

/**
 * The shape of the sequence input when a layer is given [x, ...states] shapes.
 *
 * @example
 * const [batch, time] = firstShape(inputShape);
 */
export function firstShape(inputShape: Shape | Shape[]): Shape {
  return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
}

/**
 * Keras's dropout mask: 0 with probability `rate`, else 1 / (1 − rate).
 *
 * @example
 * const xs = tf.mul(x, dropoutMask([batch, 1, inputDim], 0.2));
 */
export function dropoutMask(shape: number[], rate: number): tf.Tensor {
  return tf.tidy(() => tf.div(tf.cast(tf.greaterEqual(tf.randomUniform(shape), rate), "float32"), 1 - rate));
}

type StateInput = tf.Tensor | tf.SymbolicTensor;
type ApplyResult = tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[];

/**
 * Keras's `initialState` for grulab's recurrent layers' `apply`: the states come in kwargs or as
 * further inputs (not both), `stateCount` of them ([batch, units] each). Symbolic states become
 * further inputs of the node (as in tfjs's RNN.apply); concrete ones reach `call` in kwargs.
 * `apply` is the layer's `super.apply`.
 *
 * @example
 * override apply(inputs, kwargs) { return applyWithStates(this, "GRU", 1, this.units, inputs, kwargs, (i, k) => super.apply(i, k)); }
 */
export function applyWithStates(
  layer: tf.layers.Layer, cell: string, stateCount: number, units: number,
  inputs: StateInput | StateInput[], kwargs: Kwargs | undefined,
  apply: (inputs: tf.Tensor | tf.SymbolicTensor | tf.SymbolicTensor[], kwargs: Kwargs) => ApplyResult,
): ApplyResult {
  const rest: Kwargs = { ...(kwargs ?? {}) };
  let state = rest["initialState"] as StateInput | StateInput[] | undefined;
  delete rest["initialState"];
  let x = inputs as StateInput;
  if (Array.isArray(inputs)) {
    if (state != null && inputs.length > 1) {
      throw new Error(`${cell} layer ${layer.name}: initial state given both as ${stateCount === 1 ? "a second input" : "further inputs"} and as initialState`);
    }
    x = inputs[0];
    if (inputs.length > 1) state = inputs.slice(1);
  }
  const states = state == null ? [] : Array.isArray(state) ? state : [state];
  if (states.length === 0) return apply(x, rest);
  if (states.length !== stateCount) {
    throw new Error(`${cell} layer ${layer.name}: initialState has ${states.length} tensors, expected ${stateCount} ([batch, ${units}]${stateCount > 1 ? " each" : ""})`);
  }
  if (states[0] instanceof tf.SymbolicTensor) {
    // Symbolic: the states become further inputs of the node, as in tfjs's RNN.apply.
    const original = layer.inputSpec;
    layer.inputSpec = [...original, ...states.map(() => new tf.InputSpec({ ndim: 2 }))];
    try {
      return apply([x, ...states] as tf.SymbolicTensor[], rest);
    } finally {
      layer.inputSpec = original;
    }
  }
  return apply(x, { ...rest, initialState: states });
}
