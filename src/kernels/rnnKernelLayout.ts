// Where the fused LSTM / SimpleRNN kernel's buffers live in its memory, how the inputs are staged
// there and how the call blocks (RnnCall, src/kernels/rnnCall.ts) are filled; src/kernels/rnnKernel.ts runs the phases.
// The memory layout of one call (every buffer's shape, writer, readers and lifetime) is the
// LSTM/SimpleRNN table in docs/kernel.md.
import { writeCallBlock } from "./callBlock";
import { RNN_CALL } from "./rnnCall";
import type { RnnKernelModule } from "./rnnKernelModule";

/** Which cell: "lstm" (gates i | f | c̃ | o) or "simpleRnn". */
export type RnnCell = "lstm" | "simpleRnn";

/** The sizes of one fused call. */
export interface RnnKernelShape {
  cell: RnnCell;
  batch: number;
  time: number;
  inputDim: number;
  units: number;
}

/** Row-major float32 inputs in Keras's layout (G = 4 for the LSTM, 1 for the SimpleRNN). */
export interface RnnKernelInputs {
  /** [batch, time, inputDim] */
  x: Float32Array;
  /** [batch, units] */
  h0: Float32Array;
  /** LSTM: [batch, units]; SimpleRNN: null. */
  c0: Float32Array | null;
  /** [inputDim, G·units] */
  kernel: Float32Array;
  /** [units, G·units] */
  recurrentKernel: Float32Array;
  /** [G·units] or null */
  bias: Float32Array | null;
  /**
   * Optional [batch, time]: x is the one-hot rows of these ids (depth inputDim; an id outside
   * 0 … inputDim − 1 is an all-zero row) and is not read (may be empty). The forward gathers
   * kernel rows instead of computing x·W (the same values: w_id + b); the backward scatters
   * dKernel from the steps' gate gradients and computes no dx (ids have no gradient).
   */
  ids?: Int32Array | null;
}

type Buffer = "blocks" | "x" | "w" | "u" | "bias" | "act" | "hs" | "cs" | "stateEnd" | "packed" | "scratch0" |
  "tmp0" | "scratch1" | "tmp1" | "stage" | "dhOut" | "dgatesOut" | "dcOut" | "dg" | "dh" | "dc" | "dW" | "dU" | "dBias" | "dx";
/** Byte offsets of the buffers of one call (0 = absent), Hp, G and `end`, the first byte after them. */
export type RnnLayout = Record<Buffer, number> & { hp: number; gates: number; end: number };

const KC = 256; // rows per packed block, as in src/kernels/wasm/gemm.ts and native/gemm.h
/** G: gate blocks of a cell (LSTM 4, SimpleRNN 1). */
export const gatesOf = (cell: RnnCell): number => (cell === "lstm" ? 4 : 1);

/**
 * Byte offsets of every buffer (0 = absent) of one call; reserves the memory. `backward` adds the
 * gradient buffers, `extras` the LSTM's dL/d(gates, c) inputs. Laid out from byte offset `base`
 * (default: the start of the heap; above the states kept in place, src/kernels/residentStates.ts):
 * the inputs and the state (x … stateEnd) come first and at the same offsets in a forward's and
 * its backward's layout, so a backward can use a kept state where its forward left it.
 *
 * @example
 * const at = rnnLayout(rnnKernelModule(), shape, false, false);
 */
export function rnnLayout(wasm: RnnKernelModule, s: RnnKernelShape, backward: boolean, extras: boolean, base = wasm.heapBase): RnnLayout {
  const hp = Math.ceil(s.units / wasm.unitAlign) * wasm.unitAlign;
  const G = gatesOf(s.cell);
  const gp = G * hp;
  const rows = s.batch * s.time;
  const lstm = s.cell === "lstm";
  const scratch = wasm.exports.packedSize(KC, Math.max(gp, s.inputDim));
  const stage = Math.max(6 * rows * s.units + s.batch * s.units, rows * s.inputDim + 2 * s.batch * s.units, rows * Math.max(s.inputDim, s.units));
  const sizes: [Buffer, number][] = [
    ["blocks", 2 * RNN_CALL.fields.length], ["x", rows * s.inputDim], ["w", s.inputDim * gp], ["u", hp * gp], ["bias", gp],
    ["act", rows * gp], ["hs", (s.time + 1) * s.batch * hp], ["cs", lstm ? (s.time + 1) * s.batch * hp : 0], ["stateEnd", 0],
    ["packed", wasm.exports.packedRecurrentSize(G, hp)], ["scratch0", scratch], ["tmp0", 16],
    ["scratch1", scratch], ["tmp1", 16], ["stage", stage],
  ];
  if (backward) {
    sizes.push(["dhOut", rows * hp], ["dg", rows * gp], ["dh", s.batch * hp], ["dW", s.inputDim * gp], ["dU", hp * gp],
      ["dBias", gp], ["dx", rows * s.inputDim]);
    if (lstm) sizes.push(["dc", s.batch * hp]);
    if (lstm && extras) sizes.push(["dgatesOut", rows * gp], ["dcOut", rows * hp]);
  }
  const at = { hp, gates: G } as RnnLayout;
  for (const key of ["x", "w", "cs", "dhOut", "dgatesOut", "dcOut", "dg", "dh", "dc", "dW", "dU", "dBias", "dx"] as const) at[key] = 0;
  let offset = base;
  for (const [key, floats] of sizes) {
    if (floats === 0 && key !== "stateEnd") continue;
    at[key] = offset;
    offset += Math.ceil((floats * 4) / 64) * 64;
  }
  at.end = offset;
  wasm.reserve(offset);
  return at;
}

// Copies [rows, G·h] into [rows, G·hp] at float offset `to` (padding zero), or back with `unpad`.
function gateColumns(mem: Float32Array, to: number, src: Float32Array, rows: number, G: number, h: number, hp: number): void {
  if (h === hp) {
    mem.set(src, to);
    return;
  }
  mem.fill(0, to, to + rows * G * hp);
  for (let i = 0; i < rows; i++) {
    for (let q = 0; q < G; q++) mem.set(src.subarray((i * G + q) * h, (i * G + q + 1) * h), to + (i * G + q) * hp);
  }
}

/** The inverse of the padding: [rows, G·hp] at float offset `from` → a new [rows, G·h] array. */
export function readGateColumns(mem: Float32Array, from: number, rows: number, G: number, h: number, hp: number): Float32Array {
  if (h === hp) return mem.slice(from, from + rows * G * h);
  const out = new Float32Array(rows * G * h);
  for (let i = 0; i < rows; i++) {
    for (let q = 0; q < G; q++) out.set(mem.subarray(from + (i * G + q) * hp, from + (i * G + q) * hp + h), (i * G + q) * h);
  }
  return out;
}

/**
 * Stages the inputs into the kernel's memory (shared by forward and backward).
 *
 * @example
 * stageRnnInputs(wasm, shape, inputs, at);
 */
export function stageRnnInputs(wasm: RnnKernelModule, s: RnnKernelShape, inp: RnnKernelInputs, at: RnnLayout): void {
  const mem = wasm.f32();
  const { hp, gates: G } = at;
  const H = s.units;
  const e = wasm.exports;
  if (s.inputDim > 0) { // 0: the inputs are ids (nothing of x or W in the kernel memory)
    mem.set(inp.x, at.stage / 4);
    e.toTimeMajor(at.stage, at.x, s.batch, s.time, s.inputDim, s.inputDim);
    gateColumns(mem, at.w / 4, inp.kernel, s.inputDim, G, H, hp);
  }
  mem.set(inp.h0, at.stage / 4);
  e.toTimeMajor(at.stage, at.hs, s.batch, 1, H, hp);
  if (inp.c0) {
    mem.set(inp.c0, at.stage / 4);
    e.toTimeMajor(at.stage, at.cs, s.batch, 1, H, hp);
  }
  if (hp !== H) mem.fill(0, at.u / 4, at.u / 4 + hp * G * hp); // padded rows of U
  gateColumns(mem, at.u / 4, inp.recurrentKernel, H, G, H, hp);
  if (inp.bias) gateColumns(mem, at.bias / 4, inp.bias, 1, G, H, hp);
  else mem.fill(0, at.bias / 4, at.bias / 4 + G * hp);
}

/**
 * Writes the call blocks of `parts` threads (every buffer and size, part p's scratch); returns a
 * function that sets each part's [lo, hi) share of `range` items and gives the blocks.
 *
 * @example
 * const range = writeRnnBlocks(wasm, shape, at, 2); runRnnPhase("forwardSteps", range(batch));
 */
export function writeRnnBlocks(wasm: RnnKernelModule, s: RnnKernelShape, at: RnnLayout, parts: number): (range: number) => number[] {
  const blocks = Array.from({ length: parts }, (_, p) => at.blocks + p * RNN_CALL.bytes);
  // the buffers by their field names (layout-only keys are not fields: ignored), lo and hi below
  const common = { ...at, batch: s.batch, time: s.time, inputDim: s.inputDim, parts };
  blocks.forEach((block, p) => writeCallBlock(RNN_CALL, wasm.i32(), block,
    { ...common, part: p, scratch: p ? at.scratch1 : at.scratch0, tmp: p ? at.tmp1 : at.tmp0 }));
  return (range) => {
    const view = wasm.i32();
    blocks.forEach((block, p) => {
      view[block / 4 + RNN_CALL.index.lo] = Math.floor((range * p) / parts);
      view[block / 4 + RNN_CALL.index.hi] = Math.floor((range * (p + 1)) / parts);
    });
    return blocks;
  };
}

