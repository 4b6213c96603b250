// The model each bench implementation trains (bench/benchChild.ts, benchThreads.ts, benchProfile.ts).
import * as tf from "@tensorflow/tfjs";
import type { BenchImpl, BenchShape } from "./benchShapes";
import { buildTutorialClassifier } from "../src/index";
import { buildCharLm, buildForecaster } from "../src/studies/index";

/**
 * Shape `s`'s model for `impl`: the character language model (buildCharLm) for lm shapes, else
 * GRU(units) → Dense(outputs, softmax for classify, linear for regress), compiled with Adam 1e-3 and
 * categorical cross-entropy or mse. grulab's implementations build each shape with the public
 * builder a user calls: classify (A, C) with `buildTutorialClassifier({ ..., head: "fused", metrics: [] })`
 * (grulab's GRU, Adam, the Dense layer and the cross-entropy as one op each), regress (B) with
 * `buildForecaster({ ..., horizon: outputs, head: "fused" })` (grulab's GRU, Adam, the Dense layer
 * as one op, tfjs's mse), the language model (D) with `buildCharLm({ ..., metrics: [] })`. Every
 * model computes the loss alone, no metric, as the torch peer's step (bench/benchTorch.py) and
 * tfjs's own GRU here: the builders' default accuracy metric is left out (`metrics: []`) so each
 * side does the same work (docs/speed.md). tfjs's own layers use tf.layers.dense, tfjs's loss and
 * tf.train.adam.
 */
export function benchModel(impl: BenchImpl, s: BenchShape): tf.LayersModel {
  if (s.task === "lm") {
    if (!impl.startsWith("grulab-fused")) throw new Error(`bench: shape ${s.name} (the language model) runs only grulab-fused*, not ${impl}`);
    return buildCharLm({ vocabSize: s.outputs, units: s.units, layers: s.layers, timesteps: s.time, metrics: [] });
  }
  if (impl.startsWith("tfjs-gru")) {
    const model = tf.sequential();
    model.add(tf.layers.gru({ units: s.units, inputShape: [s.time, s.inputDim], recurrentActivation: "sigmoid", kernelInitializer: "glorotUniform" }));
    model.add(tf.layers.dense({ units: s.outputs, activation: s.task === "classify" ? "softmax" : "linear" }));
    model.compile({ optimizer: tf.train.adam(1e-3), loss: s.task === "classify" ? "categoricalCrossentropy" : "meanSquaredError" });
    return model;
  }
  const gruImplementation = impl === "grulab-reference" ? "reference" : "fused";
  if (s.task === "classify") {
    return buildTutorialClassifier({ timesteps: s.time, inputDim: s.inputDim, outputDim: s.outputs, units: s.units, learningRate: 1e-3, gruImplementation, head: "fused", metrics: [] });
  }
  return buildForecaster({ timesteps: s.time, inputDim: s.inputDim, horizon: s.outputs, units: s.units, learningRate: 1e-3, gruImplementation, head: "fused" });
}
