// The models the ONNX tests export: every exported layer kind and option, small sizes, weights
// drawn at random (biases too, so that each bias block is checked), and one input batch each.
import * as tf from "@tensorflow/tfjs";
import { gru, lstm, simpleRnn } from "../../src/index";
import { buildCharLm } from "../../src/studies/index";
import { seededArray } from "../support/float64Gru";

export interface OnnxCase {
  name: string;
  model: tf.LayersModel;
  x: tf.Tensor;
  /** PyTorch's nn.GRU / nn.LSTM / nn.RNN can hold these weights (reset-after GRUs, sigmoid/tanh gates; RNN tanh or relu). */
  torch: boolean;
}

const [B, T, D, H] = [3, 5, 4, 6];
const rnn = (layer: tf.layers.Layer) => layer as unknown as tf.RNN;

/** Every weight of `model` replaced by seeded values in [−scale, scale]. */
export function randomizeWeights(model: tf.LayersModel, seed: number, scale = 0.6): void {
  let s = seed;
  for (const layer of model.layers) {
    const weights = layer.getWeights();
    if (weights.length === 0) continue;
    layer.setWeights(weights.map((w) => tf.tensor(seededArray(w.shape, s++, scale), w.shape)));
  }
}

function sequential(name: string, layers: tf.layers.Layer[], seed: number, torch = true, x?: tf.Tensor): OnnxCase {
  const model = tf.sequential({ name, layers });
  randomizeWeights(model, seed);
  return { name, model, torch, x: x ?? tf.tensor3d(seededArray([B, T, D], seed + 100, 2)) };
}

/** The cases, built fresh (the caller disposes the models). */
export function onnxCases(): OnnxCase[] {
  const ids = tf.tensor2d(Array.from({ length: B * T }, (_, i) => (i * 5 + 3) % 7), [B, T]);
  const input = tf.input({ shape: [T, D] });
  const functional = tf.model({ name: "functional_chain", inputs: input,
    outputs: tf.layers.dense({ units: 2 }).apply(gru({ units: H }).apply(input)) as tf.SymbolicTensor });
  randomizeWeights(functional, 90);
  const charLm = buildCharLm({ vocabSize: 7, units: H, layers: 2, embedding: 3, timesteps: null });
  randomizeWeights(charLm, 80);
  return [
    sequential("gru_reset_after_softmax", [gru({ units: H, inputShape: [T, D] }), tf.layers.dense({ units: 5, activation: "softmax" })], 1),
    sequential("gru_reset_before_stacked", [
      gru({ units: H, resetAfter: false, returnSequences: true, inputShape: [T, D] }),
      gru({ units: 5, resetAfter: false }), tf.layers.dense({ units: 2 })], 2, false),
    sequential("lstm_then_simple_rnn", [
      lstm({ units: H, returnSequences: true, inputShape: [T, D] }), simpleRnn({ units: 4, returnSequences: true }),
      tf.layers.dense({ units: 3, activation: "tanh" })], 3),
    sequential("bidirectional_concat_and_sum", [
      tf.layers.bidirectional({ layer: rnn(gru({ units: H, returnSequences: true })), inputShape: [T, D] }),
      tf.layers.bidirectional({ layer: rnn(lstm({ units: 4 })), mergeMode: "sum" }), tf.layers.dense({ units: 2 })], 4),
    sequential("bidirectional_ave_and_mul", [
      tf.layers.bidirectional({ layer: rnn(simpleRnn({ units: H, returnSequences: true })), mergeMode: "ave", inputShape: [T, D] }),
      tf.layers.bidirectional({ layer: rnn(gru({ units: 4, resetAfter: false, returnSequences: true })), mergeMode: "mul" })], 5, false),
    sequential("go_backwards", [
      gru({ units: H, goBackwards: true, returnSequences: true, inputShape: [T, D] }),
      lstm({ units: 4, goBackwards: true, returnSequences: true }), simpleRnn({ units: 3, goBackwards: true })], 6),
    sequential("no_bias_and_other_activations", [
      gru({ units: H, useBias: false, activation: "softsign", recurrentActivation: "hardSigmoid", returnSequences: true, inputShape: [T, D] }),
      lstm({ units: 4, activation: "relu", recurrentActivation: "sigmoid", returnSequences: true }),
      simpleRnn({ units: 4, activation: "elu", returnSequences: true }),
      gru({ units: 4, recurrentActivation: "hardSigmoid", activation: "linear", returnSequences: true }), // activation_alpha [0.2, 1], beta [0.5, 0]
      lstm({ units: 4, recurrentActivation: "hardSigmoid", activation: "elu", returnSequences: true }),
      simpleRnn({ units: 3, activation: "linear" }),
      tf.layers.dense({ units: 4, activation: "relu6" }), tf.layers.activation({ activation: "selu" }),
      tf.layers.dense({ units: 4, activation: "swish", useBias: false }), tf.layers.dense({ units: 4, activation: "hardSigmoid" }),
      tf.layers.dense({ units: 4, activation: "elu" }), tf.layers.dense({ units: 4, activation: "softplus" }),
      tf.layers.dropout({ rate: 0.5 }), tf.layers.dense({ units: 3, activation: "sigmoid" })], 7, false),
    sequential("embedding_gru_per_step_softmax", [
      tf.layers.embedding({ inputDim: 7, outputDim: 3, inputShape: [T] }), gru({ units: H, returnSequences: true }),
      tf.layers.dense({ units: 7, activation: "softmax" })], 8, true, ids.clone()),
    { name: "char_lm_one_hot", model: charLm, x: ids, torch: true },
    { name: "functional_chain", model: functional, x: tf.tensor3d(seededArray([B, T, D], 91)), torch: true },
  ];
}
