// The benchmark's shapes and implementations, and the FLOP count it reports.

/** One benchmark case: a GRU(units) → Dense(outputs) model trained on one batch. */
export interface BenchShape {
  name: string;
  batch: number;
  time: number;
  inputDim: number;
  units: number;
  outputs: number;
  /** softmax + categorical cross-entropy, or linear + mse. */
  task: "classify" | "regress";
}

export const BENCH_SHAPES: BenchShape[] = [
  { name: "A", batch: 64, time: 30, inputDim: 8, units: 128, outputs: 5, task: "classify" },
  { name: "B", batch: 32, time: 100, inputDim: 1, units: 128, outputs: 1, task: "regress" },
  { name: "C", batch: 32, time: 200, inputDim: 8, units: 256, outputs: 5, task: "classify" },
];

/**
 * tfjs's own layer on cpu and wasm, grulab's layer with each implementation (on tfjs backend wasm
 * unless named; "grulab-fused" uses the native kernel where it was built, "grulab-fused-wasmkernel"
 * forces the WebAssembly kernel with GRULAB_KERNEL=wasm).
 */
export const BENCH_IMPLS = ["tfjs-gru-cpu", "tfjs-gru-wasm", "grulab-reference", "grulab-fused", "grulab-fused-wasmkernel", "grulab-fused-cpu"] as const;
export type BenchImpl = (typeof BENCH_IMPLS)[number];

/**
 * FLOPs of one training step's gate matmuls: forward 2·B·T·3H·(D + H) (x·W and h·U per step),
 * backward twice that (gradients with respect to both operands): train = 3 × forward.
 * Element-wise work, the Dense layer and the optimizer are not counted.
 */
export function trainFlops(s: BenchShape): number {
  return 3 * 2 * s.batch * s.time * 3 * s.units * (s.inputDim + s.units);
}
