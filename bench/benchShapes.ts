// The benchmark's shapes and implementations, the FLOP count it reports, and one batch of data.
import * as tf from "@tensorflow/tfjs";

/**
 * One benchmark case trained on one batch: a GRU(units) → Dense(outputs) model (classify, regress),
 * or the character language model (lm): ids → one-hot (inputDim = outputs = the vocabulary) →
 * `layers` stacked GRU(units) with sequences → Dense(vocabulary, softmax) at every step.
 */
export interface BenchShape {
  name: string;
  batch: number;
  time: number;
  inputDim: number;
  units: number;
  outputs: number;
  /** classify: softmax + categorical cross-entropy on the last step; regress: linear + mse; lm: sparse cross-entropy at every step, Adam with clipping. */
  task: "classify" | "regress" | "lm";
  /** Stacked GRU layers (1 unless given). */
  layers?: number;
}

export const BENCH_SHAPES: BenchShape[] = [
  { name: "A", batch: 64, time: 30, inputDim: 8, units: 128, outputs: 5, task: "classify" },
  { name: "B", batch: 32, time: 100, inputDim: 1, units: 128, outputs: 1, task: "regress" },
  { name: "C", batch: 32, time: 200, inputDim: 8, units: 256, outputs: 5, task: "classify" },
  // buildCharLm({ vocabSize: 96, timesteps: 100 }) on 64 windows of 100 characters (the char-LM study's step).
  { name: "D", batch: 64, time: 100, inputDim: 96, units: 128, outputs: 96, task: "lm", layers: 2 },
];

/**
 * tfjs's own layer on cpu and wasm, grulab's layer with each implementation (on tfjs backend wasm
 * unless named; "grulab-fused" uses the native kernel where it was built, "grulab-fused-wasmkernel"
 * forces the WebAssembly kernel with GRULAB_KERNEL=wasm).
 */
export const BENCH_IMPLS = ["tfjs-gru-cpu", "tfjs-gru-wasm", "grulab-reference", "grulab-fused", "grulab-fused-wasmkernel", "grulab-fused-cpu"] as const;
export type BenchImpl = (typeof BENCH_IMPLS)[number];

/**
 * FLOPs of one training step's gate matmuls: forward 2·B·T·3H·(D + H) per layer (x·W and h·U per
 * step; D = H above the first layer), backward twice that (gradients with respect to both
 * operands): train = 3 × forward. Element-wise work, the Dense layer and the optimizer are not
 * counted (nor is the language model's output layer; its one-hot input counts as a matmul).
 */
export function trainFlops(s: BenchShape): number {
  let flops = 0;
  for (let l = 0; l < (s.layers ?? 1); l++) flops += 3 * 2 * s.batch * s.time * 3 * s.units * ((l === 0 ? s.inputDim : s.units) + s.units);
  return flops;
}

/** One batch of the shape's inputs and targets (lm: character ids, and the next ids as [batch, time, 1]). */
export function benchBatch(s: BenchShape): { x: tf.Tensor; y: tf.Tensor } {
  if (s.task === "lm") {
    const ids = tf.randomUniform([s.batch, s.time + 1], 0, s.outputs, "int32");
    const x = tf.slice(ids, [0, 0], [-1, s.time]).toFloat();
    const y = tf.slice(ids, [0, 1], [-1, s.time]).reshape([s.batch, s.time, 1]).toFloat();
    ids.dispose();
    return { x, y };
  }
  const x = tf.randomNormal([s.batch, s.time, s.inputDim]);
  const y = s.task === "classify"
    ? tf.oneHot(tf.randomUniform([s.batch], 0, s.outputs, "int32") as tf.Tensor1D, s.outputs).toFloat()
    : tf.randomNormal([s.batch, s.outputs]);
  return { x, y };
}

