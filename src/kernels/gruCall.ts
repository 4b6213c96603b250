// The JS ↔ kernel boundary, defined once: every phase of the fused GRU (src/kernels/wasm/gru.ts,
// src/kernels/native/gru.c) takes ONE argument, the byte offset of a GruCall struct in the
// kernel's memory: consecutive i32 fields in the order below. scripts/build-kernels.js generates
// from this list the AssemblyScript class (`@unmanaged class GruCall`) and the C struct the
// kernels read; writeGruCall writes it from JS. Buffer fields are byte offsets into the kernel's
// memory (0 = absent); their shapes and lifetimes are the table in docs/kernel.md.

/** Field names of the GruCall struct, in memory order (each an i32). */
export const GRU_CALL_FIELDS = [
  // the call's shape
  "resetAfter", "batch", "time", "inputDim", "unitsPadded",
  // which part of the work this thread does: part `part` of `parts` (1 or 2), and its own scratch
  "part", "parts", "scratch", "tmp",
  // forward buffers
  "x", "w", "u", "bIn", "bRec", "xw", "hs", "z", "r", "hTilde", "hUh", "rh", "hu", "packed",
  // backward buffers
  "dhOut", "dzOut", "drOut", "dhTildeOut", "dgx", "dgh", "dh", "drh", "dU", "dW", "dx", "dBias",
] as const;

export type GruCallField = (typeof GRU_CALL_FIELDS)[number];
export type GruCall = Record<GruCallField, number>;

/** Bytes of one GruCall struct. */
export const GRU_CALL_BYTES = GRU_CALL_FIELDS.length * 4;

/**
 * Writes a GruCall struct at byte offset `at` of the kernel's memory (fields not given are 0).
 *
 * @example
 * writeGruCall(new Int32Array(memory.buffer), at.call0, { ...buffers, part: 0, parts: 2 });
 */
export function writeGruCall(mem: Int32Array, at: number, call: Partial<GruCall>): void {
  const base = at / 4;
  for (let i = 0; i < GRU_CALL_FIELDS.length; i++) mem[base + i] = call[GRU_CALL_FIELDS[i]] ?? 0;
}

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
  /** Floats of scratch one thread needs for a gemm with up to n columns. */
  scratchSize(n: number): number;
}
