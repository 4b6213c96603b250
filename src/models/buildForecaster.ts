import * as tf from "@tensorflow/tfjs";
import { adamOptimizer } from "./adamOptimizer";
import { checkIntegerOptions } from "./checkIntegerOptions";
import { denseHead, type DenseHead } from "./denseHead";
import { gru } from "./gru";
import { kerasRecurrentInitializers } from "./kerasRecurrentInitializers";
import type { GruImplementation } from "./pickGruSequence";

/** Options of {@link buildForecaster}. */
export interface ForecasterOptions {
  /** Past steps per window. */
  timesteps: number;
  /** Input features per step. */
  inputDim: number;
  /** Steps forecast at once (one linear output per step ahead). */
  horizon: number;
  /** GRU units (default 32). */
  units?: number;
  /** Seed of every initializer (default 42). */
  seed?: number;
  /** Adam learning rate (default 0.001). */
  learningRate?: number;
  /** Sequence implementation of the GRU (default "auto"). */
  gruImplementation?: GruImplementation;
  /**
   * Output layer, default "tfjs": tf.layers.dense(horizon, linear). "fused": the same layer (weights
   * `kernel` and `bias`, same initial values, same math) as one op whose products run on grulab's
   * kernel GEMM (FusedDenseLayer): equal losses and forecasts within float32 rounding, a faster step
   * on small models where the Dense layer is a large share of it. The loss is tfjs's mean squared
   * error with either head.
   * Departs from Keras: Keras has no such option (its Dense always runs as its ops).
   * Only on the cpu and wasm backends (the fused layer reads tensors with dataSync, as the fused GRU
   * does): on any other backend building with "fused" is an Error, there is no silent fallback.
   * Saved models keep the layer (class "GrulabFusedDense").
   */
  head?: DenseHead;
}

/**
 * A direct multi-step forecaster: grulab GRU(units) (tf.keras 2 and Keras 3 defaults: reset after, tanh,
 * sigmoid gates) → Dense(horizon, linear), so one forward pass forecasts every step 1 … horizon;
 * compiled with adam and mean squared error. Its GRU shows its gates to `traceGates`.
 *
 * `head: "fused"` builds the same model with its Dense layer as one op (faster; see the option).
 *
 * @example
 * const model = buildForecaster({ timesteps: 24, inputDim: 3, horizon: 12, units: 32 });
 * await train(model, { x: co2.train.x, y: co2.train.y, validation: co2.validation }, { epochs: 100, patience: 10 });
 * const fused = buildForecaster({ timesteps: 100, inputDim: 1, horizon: 1, units: 128, head: "fused" });
 */
export function buildForecaster(options: ForecasterOptions): tf.Sequential {
  const units = options.units ?? 32;
  const seed = options.seed ?? 42;
  const makeHead = denseHead("buildForecaster", options.head);
  checkIntegerOptions("buildForecaster", [["timesteps", options.timesteps, 1], ["inputDim", options.inputDim, 1], ["horizon", options.horizon, 1], ["units", units, 1]]);
  const optimizer = adamOptimizer("buildForecaster", options.learningRate ?? 0.001);
  const model = tf.sequential({ name: "gru_forecaster" });
  model.add(gru({
    units,
    ...kerasRecurrentInitializers(seed),
    implementation: options.gruImplementation ?? "auto",
    inputShape: [options.timesteps, options.inputDim],
  }));
  model.add(makeHead({ units: options.horizon, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }));
  model.compile({ optimizer, loss: "meanSquaredError" });
  return model;
}
