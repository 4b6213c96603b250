import { instantiateWasmKernel, type WasmKernel } from "./wasmKernel";

/**
 * The exports of rnn.wasm (src/kernels/wasm/rnn.ts), and of the native rnn.node
 * (src/kernels/native/rnn.c): phases take an RnnCall block (src/kernels/rnnCall.ts); pointers are byte offsets.
 */
export interface RnnWasmExports {
  packForward(block: number): void;
  packBackward(block: number): void;
  forwardInput(block: number): void;
  forwardSteps(block: number): void;
  backwardSteps(block: number): void;
  backwardWeights(block: number): void;
  toTimeMajor(src: number, dst: number, b: number, t: number, f: number, fp: number): void;
  fromTimeMajor(src: number, dst: number, b: number, t: number, f: number, fp: number): void;
  toGateRows(src: number, dst: number, b: number, t: number, h: number, stride: number): void;
  packedRecurrentSize(gates: number, hp: number): number;
  /** Copies the block's fields, as the kernel reads them, to dst in field order (the boundary's test). */
  rnnCallEcho(block: number, dst: number): void;
  /** Floats of a [k, n] operand packed for the GEMM (n rounded up to its panel width). */
  packedSize(k: number, n: number): number;
}

/** One instance of rnn.wasm on its own shared memory; `f32()` and `i32()` are views valid until the next `reserve`. */
export type RnnWasm = WasmKernel<RnnWasmExports>;

let instance: RnnWasm | null = null;

/**
 * The fused LSTM / SimpleRNN kernel module, instantiated once (synchronously) with 16 MiB of
 * shared memory that grows to the largest call seen (at most 1 GiB); loaded as gru.wasm is
 * (src/kernels/wasmKernel.ts: the relaxed-SIMD build unless GRULAB_WASM_RELAXED=0).
 *
 * @example
 * const { exports, f32 } = rnnWasm();
 */
export function rnnWasm(): RnnWasm {
  return (instance ??= instantiateWasmKernel<RnnWasmExports>("rnn", "fused LSTM/SimpleRNN"));
}
