import * as tf from "@tensorflow/tfjs";
import type { Kwargs } from "@tensorflow/tfjs-layers/dist/types";
import type { GruImplementation } from "./pickGruSequence";
import { applyWithStates, firstShape, readRecurrentSettings, type RecurrentOptions, type RecurrentSettings } from "./recurrentSettings";
import type { Shape } from "./layerShape";

/**
 * What a recurrent layer's `apply` takes: its input, or `[input, ...initial states]`, concrete or symbolic.
 *
 * @example
 * const out = layer.apply([x, h0]) as tf.Tensor;
 */
export type StateInput = tf.Tensor | tf.SymbolicTensor;

/**
 * What every grulab recurrent layer (GRU in gru.ts; LSTM and SimpleRNN through recurrentLayer.ts)
 * is as a tfjs layer: the common options (readRecurrentSettings), the three weights in Keras's
 * layout and their creation, the output shape, the states tf.layers.bidirectional reads and
 * Keras's `initialState` in apply. Subclasses give the cell. Departs from Keras: no masking, no `stateful`.
 *
 * @example
 * const recurrent = model.layers.filter((l) => l instanceof RecurrentLayerBase); // grulab's GRU, LSTM and SimpleRNN layers
 */
export abstract class RecurrentLayerBase extends tf.layers.Layer {
  declare readonly units: number;
  declare readonly activation: string;
  declare readonly useBias: boolean;
  declare readonly returnSequences: boolean;
  declare readonly returnState: boolean;
  declare readonly goBackwards: boolean;
  declare readonly dropout: number;
  declare readonly recurrentDropout: number;
  declare readonly implementation: GruImplementation;
  protected declare readonly objects: RecurrentSettings["objects"];
  /** "GRU", "LSTM" or "SimpleRNN": names the layer in errors. */
  readonly cell: string;
  /** States carried between steps (GRU and SimpleRNN 1: h; LSTM 2: h, c). */
  readonly stateCount: number;
  kernel: tf.LayerVariable | null = null;
  recurrentKernel: tf.LayerVariable | null = null;
  bias: tf.LayerVariable | null = null;

  constructor(options: RecurrentOptions, spec: { cell: string; states: number }) {
    super(options);
    this.cell = spec.cell;
    this.stateCount = spec.states;
    Object.assign(this, readRecurrentSettings(options, spec.cell));
    this.inputSpec = [new tf.InputSpec({ ndim: 3 })];
  }

  /** One entry per state, never stateful; tf.layers.bidirectional reads this. */
  get states(): null[] {
    return new Array(this.stateCount).fill(null);
  }

  /** Adds kernel [inputDim, columns], recurrent_kernel [units, columns] and (useBias) bias of `biasShape`; checks the input shape. */
  protected buildWeights(inputShape: Shape | Shape[], columns: number, biasShape: number[]): void {
    const shape = firstShape(inputShape);
    const inputDim = shape[shape.length - 1];
    if (shape.length !== 3 || inputDim === null) {
      throw new Error(`${this.cell} layer ${this.name}: input shape [${shape.join(", ")}], expected [batch, time, inputDim] with a known inputDim`);
    }
    const ob = this.objects as Record<string, never>;
    this.kernel = this.addWeight("kernel", [inputDim, columns], "float32", ob.kernelInitializer, ob.kernelRegularizer, true, ob.kernelConstraint);
    this.recurrentKernel = this.addWeight("recurrent_kernel", [this.units, columns], "float32", ob.recurrentInitializer, ob.recurrentRegularizer, true, ob.recurrentConstraint);
    this.bias = this.useBias ? this.addWeight("bias", biasShape, "float32", ob.biasInitializer, ob.biasRegularizer, true, ob.biasConstraint) : null;
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const [batch, time] = firstShape(inputShape);
    const output = this.returnSequences ? [batch, time, this.units] : [batch, this.units];
    return this.returnState ? [output, ...Array.from({ length: this.stateCount }, () => [batch, this.units])] : output;
  }

  /** Accepts Keras's `initialState` (GRU, SimpleRNN: h0; LSTM: [h0, c0] — symbolic or concrete) in kwargs or as further inputs. */
  override apply(inputs: StateInput | StateInput[], kwargs?: Kwargs): tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[] {
    return applyWithStates(this, this.cell, this.stateCount, this.units, inputs, kwargs, (i, k) => super.apply(i, k));
  }
}
