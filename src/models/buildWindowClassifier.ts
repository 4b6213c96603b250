import * as tf from "@tensorflow/tfjs";
import { adamOptimizer } from "./adamOptimizer";
import { checkIntegerOptions } from "./checkIntegerOptions";

/** Options of {@link buildWindowClassifier}. */
export interface WindowClassifierOptions {
  timesteps: number;
  inputDim: number;
  outputDim: number;
  /** Hidden ReLU units; 0 (default) builds multinomial logistic regression on the flattened window. */
  hidden?: number;
  /** Seed of the initializers (default 42). */
  seed?: number;
  /** Adam learning rate (default 0.001). */
  learningRate?: number;
}

/**
 * A non-recurrent classifier of the same windows a GRU sees: Flatten([timesteps, inputDim])
 * → optional Dense(hidden, relu) → Dense(outputDim, softmax), compiled with adam, categorical
 * cross-entropy and accuracy. It sees every day of the window at once but has no state and no
 * notion of order beyond position: what a GRU adds shows as the gap to this model.
 *
 * @example
 * const logistic = buildWindowClassifier({ timesteps: 14, inputDim: 6, outputDim: 5 });
 * const mlp = buildWindowClassifier({ timesteps: 14, inputDim: 6, outputDim: 5, hidden: 32 });
 */
export function buildWindowClassifier(options: WindowClassifierOptions): tf.Sequential {
  const hidden = options.hidden ?? 0;
  const seed = options.seed ?? 42;
  checkIntegerOptions("buildWindowClassifier", [["timesteps", options.timesteps, 1], ["inputDim", options.inputDim, 1], ["outputDim", options.outputDim, 1], ["hidden", hidden, 0]]);
  const optimizer = adamOptimizer("buildWindowClassifier", options.learningRate ?? 0.001);
  const model = tf.sequential({ name: hidden > 0 ? "window_mlp" : "window_logistic" });
  model.add(tf.layers.flatten({ inputShape: [options.timesteps, options.inputDim] }));
  if (hidden > 0) {
    model.add(tf.layers.dense({ units: hidden, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 3 }) }));
  }
  model.add(tf.layers.dense({ units: options.outputDim, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  model.compile({ optimizer, loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  return model;
}
