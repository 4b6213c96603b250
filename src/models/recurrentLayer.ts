import * as tf from "@tensorflow/tfjs";
import type { Kwargs } from "@tensorflow/tfjs-layers/dist/types";
import { dropoutMask } from "./dropoutMask";
import { gruActivation } from "./gruActivation";
import { applyWithStates, firstShape, type StateInput } from "./initialState";
import type { Shape } from "./layerShape";
import type { GruImplementation } from "./pickGruSequence";
import { FUSED_BACKENDS } from "./pickGruSequence";
import { readRecurrentSettings, recurrentConfig, type RecurrentOptions, type RecurrentSettings } from "./recurrentSettings";

/** The kernel tensors of one layer call, in Keras's layout (internal). */
export interface RecurrentWeights {
  kernel: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  /** [G·units]; the GRU with resetAfter: [2, 3·units]. */
  bias: tf.Tensor1D | null;
}

/**
 * The one path every grulab recurrent layer (GRU, LSTM, SimpleRNN) takes as a tfjs layer: the
 * common options (readRecurrentSettings), G gate blocks in Keras's weight layout (kernel
 * [inputDim, G·units], recurrentKernel [units, G·units], bias [G·units]), the output shape, the
 * states tf.layers.bidirectional reads, Keras's `initialState` in apply, the call, the
 * preparation of a run (dropout, initial states, weights, implementation) and serialization.
 * Subclasses give the cell (`runStates`). Departs from Keras: no masking support, no `stateful`.
 *
 * @example
 * const recurrent = model.layers.filter((l) => l instanceof GrulabRecurrent); // grulab's GRU, LSTM and SimpleRNN layers
 */
export abstract class GrulabRecurrent extends tf.layers.Layer {
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
  /** G: gate blocks in the weights (GRU 3, LSTM 4, SimpleRNN 1). */
  readonly gateCount: number;
  /** States carried between steps (GRU and SimpleRNN 1: h; LSTM 2: h, c). */
  readonly stateCount: number;
  kernel: tf.LayerVariable | null = null;
  recurrentKernel: tf.LayerVariable | null = null;
  bias: tf.LayerVariable | null = null;
  /** Set by `carryTrainingState`: each training call starts from the last training call's final states. */
  private carrying = false;
  /** The final states of the last training call (values only: no gradient reaches back through them) and the ones before, kept until the next call (a reference backward pass may still read them). */
  private carried: tf.Tensor2D[] | null = null;
  private stale: tf.Tensor2D[] | null = null;

  constructor(options: RecurrentOptions, spec: { cell: string; gates: number; states: number }) {
    super(options);
    this.cell = spec.cell;
    this.gateCount = spec.gates;
    this.stateCount = spec.states;
    Object.assign(this, readRecurrentSettings(options, spec.cell));
    this.inputSpec = [new tf.InputSpec({ ndim: 3 })];
  }

  /**
   * Truncated backpropagation through time with the state carried: while on, every training call
   * (`fit`, `trainOnBatch`) without an explicit initial state starts from the final states of the
   * previous training call (row i from row i: stream i of the batch continues), as values — the
   * gradient stops at the window's start. Inference (`predict`, `evaluate`) is not affected.
   * Turning it on or off, and `resetCarriedState`, start again from zeros. Not saved with the model.
   *
   * @example
   * for (const l of model.layers) if (l instanceof GrulabRecurrent) l.carryTrainingState(true);
   */
  carryTrainingState(on: boolean): void {
    this.carrying = on;
    this.resetCarriedState();
  }

  /** Whether `carryTrainingState` is on. */
  get carriesTrainingState(): boolean {
    return this.carrying;
  }

  /** The next training call starts from zero states (e.g. at the start of an epoch); frees the carried states. */
  resetCarriedState(): void {
    for (const s of [this.carried, this.stale]) if (s) tf.dispose(s);
    this.carried = null;
    this.stale = null;
  }

  /** One entry per state, never stateful; tf.layers.bidirectional reads this. */
  get states(): null[] {
    return new Array(this.stateCount).fill(null);
  }

  /** Throws (naming the cell and `option`) for an unknown activation name. */
  protected checkActivation(name: string, option: string): void {
    gruActivation(name, `${this.cell} option ${option}`);
  }

  /** The bias's shape: [G·units] (the GRU with resetAfter overrides it). */
  protected biasShape(): number[] {
    return [this.gateCount * this.units];
  }

  /** Adds kernel [inputDim, G·units], recurrent_kernel [units, G·units] and (useBias) the bias; checks the input shape. */
  override build(inputShape: Shape | Shape[]): void {
    const shape = firstShape(inputShape);
    const inputDim = shape[shape.length - 1];
    if (shape.length !== 3 || inputDim === null) {
      throw new Error(`${this.cell} layer ${this.name}: input shape [${shape.join(", ")}], expected [batch, time, inputDim] with a known inputDim`);
    }
    const columns = this.gateCount * this.units;
    const ob = this.objects as Record<string, never>;
    this.kernel = this.addWeight("kernel", [inputDim, columns], "float32", ob.kernelInitializer, ob.kernelRegularizer, true, ob.kernelConstraint);
    this.recurrentKernel = this.addWeight("recurrent_kernel", [this.units, columns], "float32", ob.recurrentInitializer, ob.recurrentRegularizer, true, ob.recurrentConstraint);
    this.bias = this.useBias ? this.addWeight("bias", this.biasShape(), "float32", ob.biasInitializer, ob.biasRegularizer, true, ob.biasConstraint) : null;
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

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const fromKwargs = kwargs?.["initialState"] as tf.Tensor | tf.Tensor[] | undefined;
      let given = list.length > 1 ? list.slice(1) : fromKwargs == null ? null : Array.isArray(fromKwargs) ? fromKwargs : [fromKwargs];
      const training = kwargs?.["training"] === true;
      const carry = this.carrying && training && given === null;
      const batch = (list[0] as tf.Tensor3D).shape[0];
      if (carry && this.carried !== null) {
        if (this.carried[0].shape[0] !== batch) {
          throw new Error(`${this.cell} layer ${this.name}: carrying the training state from a batch of ${this.carried[0].shape[0]} to one of ${batch}: every batch must have the same streams (resetCarriedState between epochs)`);
        }
        given = this.carried;
      }
      const seq = this.runStates(list[0] as tf.Tensor3D, given as tf.Tensor2D[] | null, training,
        !this.returnSequences);
      // the last step of each state sequence, sliced only when returned (a sequence-only layer needs none; an LSTM's c may hold it alone;
      // a rank-2 state is the last step already, [batch, units]: the GRU's fused h with lastStepOnly)
      const last = (s: tf.Tensor3D) => (s.rank === 2 ? s : tf.reshape(s.shape[1] === 1 ? s : tf.slice(s, [0, s.shape[1] - 1, 0], [-1, 1, -1]), [-1, this.units]));
      if (carry) {
        if (this.stale) tf.dispose(this.stale);
        this.stale = this.carried;
        this.carried = seq.map((s) => tf.keep(tf.clone(last(s))) as tf.Tensor2D);
      }
      const output = this.returnSequences ? seq[0] : last(seq[0]);
      return this.returnState ? [output, ...seq.map(last)] : output;
    });
  }

  /** The state sequences (GRU, SimpleRNN [h]; LSTM [h, c]) of a run: what `call` turns into outputs; with `lastStepOnly` they may hold the last step alone, and a state other than h (the LSTM's c) may always: `call` reads only its last step. */
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
