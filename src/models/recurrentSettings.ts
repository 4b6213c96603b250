import * as tf from "@tensorflow/tfjs";
import { gruActivation } from "./gruActivation";
import { serializeLayerObject, toLayerObject, type LayerObjectIdentifier } from "./layerObjects";
import { GRU_IMPLEMENTATIONS, type GruImplementation } from "./pickGruSequence";
import type { LayerArgs } from "@tensorflow/tfjs-layers/dist/engine/topology";

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

// The common options of grulab's recurrent layers (GrulabRecurrent in recurrentLayer.ts, the base
// of GRU, LSTM and SimpleRNN): reading and checking them with Keras's defaults, and writing them
// back to a config. Dropout masks: dropoutMask.ts; initial states in apply: initialState.ts.

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
    toLayerObject(id, kind, `${cell} option ${option}`);
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
  gruActivation(settings.activation, `${cell} option activation`); // unknown names fail here, not at the first call
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
