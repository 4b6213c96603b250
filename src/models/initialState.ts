// Keras's initial states for grulab's recurrent layers: given in apply's kwargs or as further
// inputs, symbolic or concrete, and the shapes that then reach build and computeOutputShape.
import * as tf from "@tensorflow/tfjs";
import type { Kwargs } from "@tensorflow/tfjs-layers/dist/types";
import type { Shape } from "./layerShape";

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
 * What a recurrent layer's `apply` takes: its input, or `[input, ...initial states]`, concrete or symbolic.
 *
 * @example
 * const out = layer.apply([x, h0]) as tf.Tensor;
 */
export type StateInput = tf.Tensor | tf.SymbolicTensor;
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
