// The fused GRU's call block (src/kernels/wasm/gru.ts, src/kernels/native/gru.c): every phase takes
// the byte offset of one GruCall. Its fields, in memory order, are listed only here (callBlock.ts:
// the generated AssemblyScript class and C struct, the JS writer with absent fields 0). Buffers'
// shapes and lifetimes: the table in docs/kernel.md.
import { callBlock, type CallBlock } from "./callBlock";

/**
 * The GruCall block: the call's shape, this thread's part, and the byte offset of every buffer (0 = absent).
 *
 * @example
 * writeCallBlock(GRU_CALL, kernel.i32(), at.call0, { ...buffers, part: 0, parts: 2 });
 */
export const GRU_CALL = callBlock("GruCall", "gru", {
  // the call's shape: hp = units padded to the kernel's unitAlign
  resetAfter: "int", batch: "int", time: "int", inputDim: "int", hp: "int",
  // which part of the work this thread does: part `part` of `parts` (1 or 2), and its own scratch
  part: "int", parts: "int", scratch: "offset", tmp: "offset",
  // forward buffers
  x: "offset", w: "offset", u: "offset", bIn: "offset", bRec: "offset", xw: "offset", hs: "offset", z: "offset", r: "offset",
  hTilde: "offset", hUh: "offset", rh: "offset", hu: "offset", packed: "offset",
  // backward buffers
  dhOut: "offset", dzOut: "offset", drOut: "offset", dhTildeOut: "offset", dgx: "offset", dgh: "offset", dh: "offset",
  drh: "offset", dU: "offset", dW: "offset", dx: "offset", dBias: "offset",
});

/** A GruCall's field names. */
export type GruCallField = (typeof GRU_CALL)["fields"][number];
/** A GruCall's values by field. */
export type GruCall = Record<GruCallField, number>;
/** The block's type, for a kernel that reads it. */
export type GruCallBlock = CallBlock<GruCallField>;

/**
 * What the glue calls on either kernel (the WebAssembly module or the native addon); pointers
 * are byte offsets into the kernel's memory, and every phase takes the address of one GruCall.
 */
export interface GruKernelExports {
  packForward(call: number): void;
  forwardInput(call: number): void;
  forwardSteps(call: number): void;
  packBackward(call: number): void;
  backwardSteps(call: number): void;
  backwardWeights(call: number): void;
  /** Copies the struct's fields, as the kernel reads them, to dst in field order (the boundary's test). */
  gruCallEcho(call: number, dst: number): void;
  toTimeMajor(src: number, dst: number, b: number, t: number, f: number, fp: number): void;
  fromTimeMajor(src: number, dst: number, b: number, t: number, f: number, fp: number): void;
  packedRecurrentSize(hp: number): number;
  /**
   * C (+)= A · B on the kernel memory (single thread): A [m, k] at byte offset a with strides ars
   * (rows) and acs (columns) in floats, so a transposed operand is a stride choice; B [k, n] likewise
   * (brs, bcs); C [m, n] with row stride ldc; acc 1 adds to C. scratch: scratchSize(n) floats; tmp:
   * 16 floats (the WebAssembly tile's; unused by the addon).
   */
  gemm(a: number, ars: number, acs: number, b: number, brs: number, bcs: number, m: number, k: number,
    n: number, c: number, ldc: number, acc: number, scratch: number, tmp: number): void;
  /** Floats of scratch one thread needs for a gemm with up to n columns. */
  scratchSize(n: number): number;
}
