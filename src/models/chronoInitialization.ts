import * as tf from "@tensorflow/tfjs";
import { seededRandom } from "../util/seededRandom";

/**
 * Chrono initialisation (Tallec & Ollivier, "Can recurrent neural networks warp time?", ICLR
 * 2018) of a built grulab LSTM or GRU layer's gate biases, for dependencies up to `maxLength`
 * steps: each unit draws τ uniformly from [1, maxLength − 1] and its memory gate's bias is set to
 * log τ, so that units keep their state for times spread up to maxLength.
 * - LSTM (gate order i | f | c | o): forget bias b_f = log τ, input bias b_i = −b_f (the paper's rule);
 * - GRU (z | r | h, with h' = z ⊙ h + (1 − z) ⊙ h̃, Keras's convention, where z is the memory
 *   gate): b_z = log τ (with resetAfter the input row [0] of the [2, 3·units] bias; the recurrent
 *   row's z part is set to 0).
 * Every other weight stays as built. Seeded: the same seed gives the same biases. Other layers
 * (SimpleRNN has no gate) are an Error naming the layer.
 *
 * @example
 * const model = buildMatchedRnn("lstm", { gruUnits: 32, timesteps: 200, inputDim: 2, outputs: 1, task: "regression" });
 * chronoInitialization(model.layers[0], { maxLength: 200, seed: 1 });
 */
export function chronoInitialization(layer: tf.layers.Layer, options: { maxLength: number; seed?: number }): void {
  const { maxLength } = options;
  if (!Number.isFinite(maxLength) || maxLength < 2) throw new Error(`chronoInitialization option maxLength: ${JSON.stringify(maxLength)}, expected a number ≥ 2 (the longest dependency, in steps)`);
  const className = layer.getClassName();
  const kind = /LSTM/.test(className) ? "lstm" : /GRU/.test(className) ? "gru" : null;
  if (kind === null) throw new Error(`chronoInitialization: layer "${layer.name}" is a ${className}; chrono initialisation needs a gated layer (LSTM or GRU)`);
  const units = layer.getConfig().units as number;
  const weights = layer.getWeights();
  const biasIndex = weights.findIndex((w, i) => i >= 2 && (w.shape[w.shape.length - 1] === (kind === "lstm" ? 4 : 3) * units));
  if (biasIndex < 0) throw new Error(`chronoInitialization: layer "${layer.name}" has no bias (useBias false): nothing to initialise`);
  const bias = weights[biasIndex];
  const values = Float32Array.from(bias.dataSync());
  const rand = seededRandom(options.seed ?? 1);
  const width = bias.shape[bias.shape.length - 1];
  for (let u = 0; u < units; u++) {
    const b = Math.log(1 + rand() * (maxLength - 2)); // log τ, τ ~ U[1, maxLength − 1]
    if (kind === "lstm") {
      values[units + u] = b; // f
      values[u] = -b; // i
    } else {
      values[u] = b; // z, input (or only) row
      if (bias.shape.length === 2) values[width + u] = 0; // resetAfter: the recurrent row's z
    }
  }
  const replaced = weights.map((w, i) => (i === biasIndex ? tf.tensor(values, bias.shape) : w));
  layer.setWeights(replaced);
  replaced[biasIndex].dispose();
}
