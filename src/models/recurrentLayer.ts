import * as tf from "@tensorflow/tfjs";
import type { Kwargs } from "@tensorflow/tfjs-layers/dist/types";
import { gruActivation } from "./gruActivation";
import type { LayerObjectIdentifier } from "./layerObjects";
import { FUSED_BACKENDS, type GruImplementation } from "./pickGruSequence";
import { asCell, dropoutMask, recurrentConfig, type RecurrentOptions } from "./recurrentSettings";
import { RecurrentLayerBase } from "./recurrentLayerBase";
import type { Shape } from "./layerShape";


/** The kernel tensors of one layer call, in Keras's layout (internal). */
export interface RecurrentWeights {
  kernel: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  bias: tf.Tensor1D | null;
}

/**
 * What grulab's LSTM and SimpleRNN layers share beyond every recurrent layer's base
 * (RecurrentLayerBase: options, weights, initial states, output shape): G gate blocks in the
 * weights (Keras layout: kernel [inputDim, G·units], recurrentKernel [units, G·units], bias
 * [G·units]), the call, the choice of implementation and serialization. Subclasses give the cell
 * (`runCell`). Departs from Keras: no masking support, no `stateful`.
 *
 * @example
 * const recurrent = model.layers.filter((l) => l instanceof GrulabRecurrent); // grulab's LSTM and SimpleRNN layers
 */
export abstract class GrulabRecurrent extends RecurrentLayerBase {
  /** G: gate blocks in the weights (LSTM 4, SimpleRNN 1). */
  readonly gateCount: number;

  constructor(o: RecurrentOptions, spec: { cell: string; gates: number; states: number }) {
    super(o, { cell: spec.cell, states: spec.states });
    this.gateCount = spec.gates;
  }

  /** Throws (naming the cell and `option`) for an unknown activation name. */
  protected checkActivation(name: string, option: string): void {
    asCell(this.cell, () => gruActivation(name, option));
  }

  override build(inputShape: Shape | Shape[]): void {
    this.buildWeights(inputShape, this.gateCount * this.units, [this.gateCount * this.units]);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const fromKwargs = kwargs?.["initialState"] as tf.Tensor | tf.Tensor[] | undefined;
      const given = list.length > 1 ? list.slice(1) : fromKwargs == null ? null : Array.isArray(fromKwargs) ? fromKwargs : [fromKwargs];
      const seq = this.runStates(list[0] as tf.Tensor3D, given as tf.Tensor2D[] | null, kwargs?.["training"] === true,
        !this.returnSequences);
      const time = seq[0].shape[1];
      const lasts = seq.map((s) => tf.reshape(tf.slice(s, [0, time - 1, 0], [-1, 1, -1]), [-1, this.units]));
      const output = this.returnSequences ? seq[0] : lasts[0];
      return this.returnState ? [output, ...lasts] : output;
    });
  }

  /** The state sequences (LSTM [h, c]; SimpleRNN [h]) of a run: what `call` turns into outputs; with `lastStepOnly` they may hold the last step alone. */
  protected abstract runStates(x: tf.Tensor3D, initialState: tf.Tensor2D[] | null, training: boolean, lastStepOnly: boolean): tf.Tensor3D[];

  /** Whether the fused kernel computes this layer's cell (its activations). */
  protected abstract fusedSupported(): boolean;

  /**
   * Prepares one run: x in processing order with input dropout, the initial states (zeros by
   * default), the weights, whether the fused kernel runs, and the recurrent dropout mask (only
   * the reference applies one: it needs a mask inside the time loop).
   */
  protected prepare(x: tf.Tensor3D, initialState: tf.Tensor2D[] | null, training: boolean) {
    if (!this.built || this.kernel === null || this.recurrentKernel === null) {
      throw new Error(`${this.cell} layer ${this.name}: not built yet (call it on an input or build a model with it first)`);
    }
    const [batch, , inputDim] = x.shape;
    let xs: tf.Tensor3D = this.goBackwards ? tf.reverse(x, 1) : x;
    if (training && this.dropout > 0) xs = tf.mul(xs, dropoutMask([batch, 1, inputDim], this.dropout));
    const states = initialState ?? [];
    if (states.length !== 0 && states.length !== this.stateCount) {
      throw new Error(`${this.cell} layer ${this.name}: initialState has ${states.length} tensors, expected ${this.stateCount}`);
    }
    const zeros = Array.from({ length: this.stateCount }, (_, k) => states[k] ?? (tf.zeros([batch, this.units]) as tf.Tensor2D));
    const weights: RecurrentWeights = {
      kernel: this.kernel.read() as tf.Tensor2D,
      recurrentKernel: this.recurrentKernel.read() as tf.Tensor2D,
      bias: this.bias === null ? null : (this.bias.read() as tf.Tensor1D),
    };
    const recurrentMask = training && this.recurrentDropout > 0 ? (dropoutMask([batch, this.units], this.recurrentDropout) as tf.Tensor2D) : null;
    const fused = recurrentMask === null && (this.implementation === "fused" ||
      (this.implementation === "auto" && FUSED_BACKENDS.includes(tf.getBackend()) && this.fusedSupported()));
    return { x: xs, states: zeros, weights, fused, recurrentMask };
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...recurrentConfig(this, this.objects) };
  }
}
