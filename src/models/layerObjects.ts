import * as tf from "@tensorflow/tfjs";
import { FastOrthogonal } from "./orthogonalInitializer";
import { ownEntry } from "../util/ownEntry";

/** A tfjs initializer, regularizer or constraint given by name ("glorotUniform"), as an object, or in serialized form. */
export type LayerObjectIdentifier = string | tf.serialization.Serializable | { className: string; config: tf.serialization.ConfigDict };

type Kind = "initializer" | "regularizer" | "constraint";
type Constructor = tf.serialization.SerializableConstructor<tf.serialization.Serializable>;
// Classes grulab's builders use instead of tfjs's class of that name (without changing tfjs's registry).
const REPLACEMENTS: Record<string, Constructor> = {
  Orthogonal: FastOrthogonal as unknown as Constructor,
};
const FACTORIES: Record<Kind, Record<string, unknown>> = {
  initializer: tf.initializers as unknown as Record<string, unknown>,
  regularizer: tf.regularizers as unknown as Record<string, unknown>,
  constraint: tf.constraints as unknown as Record<string, unknown>,
};

/**
 * Turns an identifier into the tfjs object a layer's `addWeight` takes: a factory name of
 * `tf.initializers` / `tf.regularizers` / `tf.constraints` ("orthogonal", "l1l2", "nonNeg"), an
 * object made by them, or its `{ className, config }` form as saved in a model.json.
 * "orthogonal" / "Orthogonal" give grulab's FastOrthogonal (same distribution, milliseconds
 * instead of seconds). Unknown names throw an Error starting with `option` (the layer and option, e.g. "LSTM option biasInitializer").
 *
 * @example
 * const init = toLayerObject("orthogonal", "initializer", "GRU option recurrentInitializer") as tf.initializers.Initializer;
 */
export function toLayerObject(identifier: LayerObjectIdentifier | null | undefined, kind: Kind, option: string): tf.serialization.Serializable | undefined {
  if (identifier === null || identifier === undefined) return undefined;
  if (identifier instanceof tf.serialization.Serializable) return identifier;
  if (typeof identifier === "string") {
    const factory = ownEntry(FACTORIES[kind], identifier); // not "toString", "constructor", "__proto__"
    if (typeof factory !== "function") {
      throw new Error(`${option}: unknown ${kind} "${identifier}"; expected one of ${Object.keys(FACTORIES[kind]).join(", ")}`);
    }
    const made = (factory as (args: object) => tf.serialization.Serializable)({});
    // Resolve through the class name, so replacements (FastOrthogonal) apply to names too.
    return toLayerObject({ className: made.getClassName(), config: made.getConfig() }, kind, option);
  }
  const replacement = ownEntry(REPLACEMENTS, identifier.className);
  if (replacement !== undefined) return replacement.fromConfig(replacement, identifier.config ?? {});
  const entry = ownEntry(tf.serialization.SerializationMap.getMap().classNameMap, identifier.className);
  if (entry === undefined) throw new Error(`${option}: unknown ${kind} class ${JSON.stringify(identifier.className)}; expected the className of a ${kind} tfjs has registered (as a saved model stores it), or give one of the names ${Object.keys(FACTORIES[kind]).join(", ")}`);
  const [cls, fromConfig] = entry;
  return fromConfig(cls, identifier.config ?? {});
}

/**
 * The `{ className, config }` form of a tfjs object (what model.json stores), or null.
 *
 * @example
 * serializeLayerObject(tf.initializers.zeros()); // { className: "Zeros", config: {} }
 */
export function serializeLayerObject(obj: tf.serialization.Serializable | undefined): tf.serialization.ConfigDict | null {
  if (obj === undefined) return null;
  return { className: obj.getClassName(), config: obj.getConfig() };
}
