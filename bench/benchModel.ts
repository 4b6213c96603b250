// The model each bench implementation trains (bench/benchChild.ts, benchThreads.ts, benchProfile.ts).
import * as tf from "@tensorflow/tfjs";
import type { BenchImpl, BenchShape } from "./benchShapes";
import { buildTutorialClassifier, gru } from "../src/index";
import { buildCharLm } from "../src/studies/index";
import { adamOptimizer } from "../src/models/adamOptimizer";
import { FusedDenseLayer } from "../src/models/fusedDenseLayer";

/**
 * Shape `s`'s model for `impl`: the character language model (buildCharLm) for lm shapes, else
 * GRU(units) → Dense(outputs, softmax for classify, linear for regress), compiled with Adam 1e-3 and
 * categorical cross-entropy or mse. grulab's implementations build classify shapes (A, C) with the
 * public builder a user calls, `buildTutorialClassifier({ ..., head: "fused" })` (grulab's GRU,
 * Adam, the Dense layer and the cross-entropy as one op each, accuracy as its metric); regress (B)
 * as GRU → FusedDenseLayer(linear), mse, grulab's Adam. tfjs's own layers use tf.layers.dense,
 * tfjs's loss and tf.train.adam.
 */
export function benchModel(impl: BenchImpl, s: BenchShape): tf.LayersModel {
  if (s.task === "lm") {
    if (!impl.startsWith("grulab-fused")) throw new Error(`bench: shape ${s.name} (the language model) runs only grulab-fused*, not ${impl}`);
    return buildCharLm({ vocabSize: s.outputs, units: s.units, layers: s.layers, timesteps: s.time });
  }
  const model = tf.sequential();
  const inputShape = [s.time, s.inputDim];
  const activation = s.task === "classify" ? "softmax" : "linear";
  const loss = s.task === "classify" ? "categoricalCrossentropy" : "meanSquaredError";
  if (impl.startsWith("tfjs-gru")) {
    model.add(tf.layers.gru({ units: s.units, inputShape, recurrentActivation: "sigmoid", kernelInitializer: "glorotUniform" }));
    model.add(tf.layers.dense({ units: s.outputs, activation }));
    model.compile({ optimizer: tf.train.adam(1e-3), loss });
    return model;
  }
  const gruImplementation = impl === "grulab-reference" ? "reference" : "fused";
  if (s.task === "classify") {
    return buildTutorialClassifier({ timesteps: s.time, inputDim: s.inputDim, outputDim: s.outputs, units: s.units, learningRate: 1e-3, gruImplementation, head: "fused" });
  }
  model.add(gru({ units: s.units, inputShape, implementation: gruImplementation }));
  model.add(new FusedDenseLayer({ units: s.outputs, activation }));
  model.compile({ optimizer: adamOptimizer("bench", 1e-3), loss });
  return model;
}
