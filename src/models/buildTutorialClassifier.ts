import * as tf from "@tensorflow/tfjs";
import { adamOptimizer } from "./adamOptimizer";
import { checkIntegerOptions } from "./checkIntegerOptions";
import { compileMetrics } from "./compileMetrics";
import { categoricalCrossentropyOp } from "./categoricalCrossentropyOp";
import { denseHead, type DenseHead } from "./denseHead";
import { gru } from "./gru";
import { kerasRecurrentInitializers } from "./kerasRecurrentInitializers";
import type { GruImplementation } from "./pickGruSequence";

/** Which GRU layer a builder uses: "grulab" is grulab's GRU (tf.keras 2 and Keras 3: reset_after=True), "tfjs" is tf.layers.gru (reset_after=False), for comparison. */
export type TutorialGruLayer = "grulab" | "tfjs";

/** Options of `buildTutorialClassifier` (each documented with its default below). */
export interface TutorialClassifierOptions {
  timesteps: number;
  inputDim: number;
  outputDim: number;
  /** GRU units (the seed's 128). */
  units?: number;
  /** Seed of every initializer: same seed, same initial weights. Default 42. */
  seed?: number;
  /** GRU layer, default "grulab". */
  gru?: TutorialGruLayer;
  /** Sequence implementation of the grulab layer (see pickGruSequence), default "auto". */
  gruImplementation?: GruImplementation;
  /** Adam learning rate, default 0.001 (Keras's default). */
  learningRate?: number;
  /**
   * Output layer and loss, default "tfjs": tf.layers.dense(outputDim, softmax) and tfjs's categorical
   * cross-entropy. "fused": the same layer (weights `kernel` and `bias`, same initial values) as one op
   * whose three products run on grulab's kernel GEMM (FusedDenseLayer), and the same loss and gradient
   * computed in one pass over the rows (categoricalCrossentropyOp): equal losses and predictions within
   * float32 rounding, a faster step on small models where the head is a large share of it.
   * Departs from Keras: Keras has no such option (its Dense and loss always run as its ops).
   * Only on the cpu and wasm backends (the fused head reads tensors with dataSync, as the fused GRU
   * does): on any other backend building with "fused" is an Error, there is no silent fallback.
   * Works with either `gru` layer. Saved models keep the layer (class "GrulabFusedDense"); a
   * loaded model trains with tfjs's loss.
   */
  head?: DenseHead;
  /**
   * Metrics compiled beside the loss, default `["accuracy"]` (as the Keras tutorial's
   * `metrics=['accuracy']`): `train`, `fit` and `trainOnBatch` then compute and report accuracy
   * on every batch. `[]` compiles the loss alone (`trainOnBatch` returns the loss as a number,
   * the history has no `acc` column): the same training, bit for bit, without the metric's work
   * on each step, as a PyTorch training loop that computes no metric. Names are tfjs's metric
   * names (e.g. "accuracy", "categoricalAccuracy", "precision", "recall"); an unknown name is
   * tfjs's error at build time.
   *
   * @example
   * const lossOnly = buildTutorialClassifier({ timesteps: 30, inputDim: 8, outputDim: 5, metrics: [] });
   */
  metrics?: string[];
}

/**
 * The one place a GRU layer is constructed for the builders, with the tf.keras 2 and Keras 3 defaults written
 * out where tfjs's differ. Other implementations plug in here.
 */
function gruLayer(o: Required<Pick<TutorialClassifierOptions, "timesteps" | "inputDim" | "units" | "seed" | "gru" | "gruImplementation">>): tf.layers.Layer {
  switch (o.gru) {
    case "grulab":
      // The layer tf.keras 2 and Keras 3 build for GRU(units, activation='tanh'): its defaults are Keras's, written out.
      return gru({
        units: o.units,
        activation: "tanh",
        recurrentActivation: "sigmoid",
        resetAfter: true,
        ...kerasRecurrentInitializers(o.seed),
        biasInitializer: "zeros",
        implementation: o.gruImplementation,
        inputShape: [o.timesteps, o.inputDim],
      });
    case "tfjs":
      return tf.layers.gru({
        units: o.units,
        activation: "tanh", // the seed's activation='tanh' (also the Keras default)
        recurrentActivation: "sigmoid", // tfjs default is hardSigmoid; tf.keras 2 and Keras 3 use sigmoid
        ...kerasRecurrentInitializers(o.seed), // tfjs's default kernel initializer is glorotNormal; Keras: glorot_uniform
        biasInitializer: "zeros", // same as Keras
        // Departs from tf.keras 2 and Keras 3: tfjs has only reset_after=False (Cho et al. 2014); Keras defaults to reset_after=True.
        inputShape: [o.timesteps, o.inputDim],
      });
    default:
      throw new Error(`buildTutorialClassifier: unknown gru implementation "${String(o.gru)}" (expected "grulab" or "tfjs")`);
  }
}

/**
 * The tutorial's model: GRU(units, tanh) → Dense(outputDim, softmax), compiled with adam,
 * categorical cross-entropy and (by default) accuracy, with seeded initializers so runs are reproducible.
 *
 * `head: "fused"` builds the same model with its output layer and loss as one op each (faster; see
 * the option).
 *
 * `metrics: []` compiles it without the accuracy metric (the loss alone; see the option).
 *
 * @example
 * const model = buildTutorialClassifier({ timesteps: 14, inputDim: 6, outputDim: 5 });
 * model.summary();
 * const fused = buildTutorialClassifier({ timesteps: 30, inputDim: 8, outputDim: 5, head: "fused" });
 * const lossOnly = buildTutorialClassifier({ timesteps: 30, inputDim: 8, outputDim: 5, head: "fused", metrics: [] });
 */
export function buildTutorialClassifier(options: TutorialClassifierOptions): tf.Sequential {
  const units = options.units ?? 128;
  const seed = options.seed ?? 42;
  const makeHead = denseHead("buildTutorialClassifier", options.head);
  const metrics = compileMetrics("buildTutorialClassifier", options.metrics);
  checkIntegerOptions("buildTutorialClassifier", [["timesteps", options.timesteps, 1], ["inputDim", options.inputDim, 1], ["outputDim", options.outputDim, 1], ["units", units, 1]]);
  // Keras adam: lr 0.001, beta 0.9/0.999; epsilon 1e-7 (tfjs uses its backend epsilon, 1e-7 on float32)
  const optimizer = adamOptimizer("buildTutorialClassifier", options.learningRate ?? 0.001);
  const model = tf.sequential({ name: "tutorial_classifier" });
  model.add(gruLayer({ timesteps: options.timesteps, inputDim: options.inputDim, units, seed, gru: options.gru ?? "grulab", gruImplementation: options.gruImplementation ?? "auto" }));
  model.add(makeHead({
    units: options.outputDim,
    activation: "softmax",
    kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }), // tfjs and Keras both default to glorot_uniform; seeded here
    biasInitializer: "zeros",
  }));
  model.compile({
    optimizer,
    loss: "categoricalCrossentropy",
    metrics,
  });
  // The fused head's loss as one op (as buildCharLm's): the compiled configuration still names
  // categoricalCrossentropy; only the computation of the loss and its gradient is replaced.
  // (tf.Sequential trains through its inner LayersModel, which holds the compiled loss functions.)
  if (options.head === "fused") (model as unknown as { model: { lossFunctions: unknown[] } }).model.lossFunctions = [categoricalCrossentropyOp];
  return model;
}
