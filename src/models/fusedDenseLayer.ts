import * as tf from "@tensorflow/tfjs";
import type { LayerArgs } from "@tensorflow/tfjs-layers/dist/engine/topology";
import type { Initializer } from "@tensorflow/tfjs-layers/dist/initializers";
import { fusedDense, type FusedDenseActivation } from "../kernels/fusedDense";
import { serializeLayerObject, toLayerObject, type LayerObjectIdentifier } from "./layerObjects";

/** Options of the fused dense layer (the subset of tf.layers.dense's it supports). */
export interface FusedDenseLayerOptions extends LayerArgs {
  units: number;
  /** "linear" (default) or "softmax" over the last axis. */
  activation?: FusedDenseActivation;
  /** Default true. */
  useBias?: boolean;
  /** Default "glorotUniform" (as tf.layers.dense). */
  kernelInitializer?: LayerObjectIdentifier;
  /** Default "zeros". */
  biasInitializer?: LayerObjectIdentifier;
}

/**
 * `tf.layers.dense` (weights `kernel` [inputDim, units] and `bias` [units], same names, same
 * math on inputs of any rank) whose forward and backward run as one op (`fusedDense`): on tfjs's
 * wasm backend its gradient avoids the transposed matmuls that backend runs in a scalar loop.
 * Used as the character model's per-step softmax. Serializable as "GrulabFusedDense".
 *
 * @example
 * const out = new FusedDenseLayer({ name: "softmax", units: 96, activation: "softmax" });
 */
export class FusedDenseLayer extends tf.layers.Layer {
  static className = "GrulabFusedDense";
  readonly units: number;
  readonly activation: FusedDenseActivation;
  readonly useBias: boolean;
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(options: FusedDenseLayerOptions) {
    super(options);
    if (!Number.isInteger(options.units) || options.units < 1) throw new Error(`FusedDenseLayer option units: ${options.units}, expected a positive integer`);
    const activation = options.activation ?? "linear";
    if (activation !== "linear" && activation !== "softmax") throw new Error(`FusedDenseLayer option activation: "${activation}", expected "linear" or "softmax"`);
    this.units = options.units;
    this.activation = activation;
    this.useBias = options.useBias ?? true;
    this.kernelInitializer = toLayerObject(options.kernelInitializer ?? "glorotUniform", "initializer", "kernelInitializer") as Initializer;
    this.biasInitializer = toLayerObject(options.biasInitializer ?? "zeros", "initializer", "biasInitializer") as Initializer;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputDim = shape[shape.length - 1];
    if (inputDim == null) throw new Error(`FusedDenseLayer "${this.name}": the input's last dimension must be known, got [${shape}]`);
    this.kernel = this.addWeight("kernel", [inputDim, this.units], "float32", this.kernelInitializer);
    if (this.useBias) this.bias = this.addWeight("bias", [this.units], "float32", this.biasInitializer);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...shape.slice(0, -1), this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return fusedDense(x, this.kernel!.read() as tf.Tensor2D, this.bias ? (this.bias.read() as tf.Tensor1D) : null, this.activation);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(), units: this.units, activation: this.activation, useBias: this.useBias,
      kernelInitializer: serializeLayerObject(this.kernelInitializer), biasInitializer: serializeLayerObject(this.biasInitializer),
    };
  }
}
tf.serialization.registerClass(FusedDenseLayer);
