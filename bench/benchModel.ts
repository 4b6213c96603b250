// The model each bench implementation trains (bench/benchChild.ts, benchThreads.ts, benchProfile.ts).
import * as tf from "@tensorflow/tfjs";
import type { BenchImpl, BenchShape } from "./benchShapes";
import { gru } from "../src/index";
import { buildCharLm } from "../src/studies/index";
import { adamOptimizer } from "../src/models/adamOptimizer";
import { FusedDenseLayer } from "../src/models/fusedDenseLayer";
import { categoricalCrossentropyOp } from "../src/models/categoricalCrossentropyOp";

/**
 * Shape `s`'s model for `impl`: the character language model (buildCharLm) for lm shapes, else
 * GRU(units) → Dense(outputs, softmax for classify, linear for regress), compiled with Adam 1e-3 and
 * categorical cross-entropy or mse. grulab's implementations use grulab's head, as the character
 * model does: the Dense layer as one op on the kernel's GEMM (FusedDenseLayer), the cross-entropy
 * as one op (categoricalCrossentropyOp), grulab's Adam (adamOptimizer); tfjs's own layers use
 * tf.layers.dense, tfjs's loss and tf.train.adam.
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
  model.add(gru({ units: s.units, inputShape, implementation: impl === "grulab-reference" ? "reference" : "fused" }));
  model.add(new FusedDenseLayer({ units: s.outputs, activation }));
  model.compile({ optimizer: adamOptimizer("bench", 1e-3), loss });
  // The same loss as one op (as buildCharLm does): tf.Sequential trains through its inner
  // LayersModel, which holds the compiled loss functions.
  if (s.task === "classify") (model as unknown as { model: { lossFunctions: unknown[] } }).model.lossFunctions = [categoricalCrossentropyOp];
  return model;
}
