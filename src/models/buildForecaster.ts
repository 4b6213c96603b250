import * as tf from "@tensorflow/tfjs";
import { adamOptimizer } from "./adamOptimizer";
import { checkIntegerOptions } from "./checkIntegerOptions";
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
}

/**
 * A direct multi-step forecaster: grulab GRU(units) (tf.keras 2 and Keras 3 defaults: reset after, tanh,
 * sigmoid gates) → Dense(horizon, linear), so one forward pass forecasts every step 1 … horizon;
 * compiled with adam and mean squared error. Its GRU shows its gates to `traceGates`.
 *
 * @example
 * const model = buildForecaster({ timesteps: 24, inputDim: 3, horizon: 12, units: 32 });
 * await train(model, { x: co2.train.x, y: co2.train.y, validation: co2.validation }, { epochs: 100, patience: 10 });
 */
export function buildForecaster(options: ForecasterOptions): tf.Sequential {
  const units = options.units ?? 32;
  const seed = options.seed ?? 42;
  checkIntegerOptions("buildForecaster", [["timesteps", options.timesteps, 1], ["inputDim", options.inputDim, 1], ["horizon", options.horizon, 1], ["units", units, 1]]);
  const optimizer = adamOptimizer("buildForecaster", options.learningRate ?? 0.001);
  const model = tf.sequential({ name: "gru_forecaster" });
  model.add(gru({
    units,
    ...kerasRecurrentInitializers(seed),
    implementation: options.gruImplementation ?? "auto",
    inputShape: [options.timesteps, options.inputDim],
  }));
  model.add(tf.layers.dense({ units: options.horizon, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }));
  model.compile({ optimizer, loss: "meanSquaredError" });
  return model;
}
