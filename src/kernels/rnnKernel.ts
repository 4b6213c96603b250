// The JS side of the fused LSTM / SimpleRNN kernel (src/kernels/wasm/rnn.ts): lays out the
// buffers in the kernel's memory, stages the inputs, fills the call blocks (RnnArg) and runs the
// phases on one or two threads. Memory layout of one call (all float32, 64-byte aligned,
// time-major rows (t, b); Hp = units rounded up to 4; G = 4 (LSTM) or 1 (SimpleRNN)):
//
// | name             | shape             | written by                  | read by                        | lives          |
// |------------------|-------------------|-----------------------------|--------------------------------|----------------|
// | blocks           | 2 × RnnArg.count  | this file (i32 fields)      | every phase                    | one call       |
// | x                | [T·B, D]          | stage                       | forwardInput, backwardWeights  | one call       |
// | w, u, bias       | [D,G·Hp] [Hp,G·Hp] [G·Hp] | stage               | forwardInput, pack, backward   | one call       |
// | act              | [T·B, G·Hp]       | forwardInput, forwardSteps  | backwardSteps                  | saved for BPTT |
// | hs (cs: LSTM)    | [(T+1)·B, Hp]     | stage (slot 0), forwardSteps| outputs, backward              | saved for BPTT |
// | packedU/UT       | packed panels     | pack                        | forwardSteps / backwardSteps   | one call       |
// | scratch, tmp ×2  | per thread        | gemm                        | gemm                           | one call       |
// | stage            | outputs in [B,T,H]| fromTimeMajor               | the caller (views)             | to next call   |
// | dout (dgates, dcs)| [T·B, Hp] ([T·B,4Hp], [T·B,Hp]) | backward staging | backwardSteps                 | backward       |
// | dg               | [T·B, G·Hp]       | backwardSteps               | backwardWeights                | backward       |
// | dh (dc)          | [B, Hp]           | backwardSteps (carry)       | the caller: dL/dh0 (dL/dc0)    | backward       |
// | dW, dU, dBias, dx| weight shapes     | backwardWeights             | the caller                     | backward       |
import { RnnArg } from "./rnnCall";
import { rnnThreadCount, runRnnPhase as run } from "./rnnThreads";
import { rnnWasm, type RnnWasm } from "./rnnWasm";

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
}

/** What the backward needs from the forward: the inputs and one copy of act, hs, cs. */
export interface RnnKernelState {
  shape: RnnKernelShape;
  inputs: RnnKernelInputs;
  saved: Float32Array;
}

/** Every step's h (and for the LSTM c and the gates i, f, c̃, o), each [batch, time, units]. */
export interface RnnKernelOutputs {
  h: Float32Array;
  /** LSTM only (else null). */
  c: Float32Array | null;
  /** LSTM only: [i, f, cTilde, o] (else empty). */
  gates: Float32Array[];
  /** null unless keepState. */
  state: RnnKernelState | null;
}

/** dL/d(outputs), each [batch, time, units]: h always; the LSTM's gates [i, f, cTilde, o] and c when the loss uses them. */
export interface RnnOutputGradients {
  h: Float32Array;
  gates?: Float32Array[] | null;
  c?: Float32Array | null;
}

/** Gradients with respect to every input (row-major, Keras layout). */
export interface RnnKernelGradients {
  dx: Float32Array;
  dh0: Float32Array;
  /** LSTM only (else null). */
  dc0: Float32Array | null;
  dKernel: Float32Array;
  dRecurrentKernel: Float32Array;
  /** null without bias. */
  dBias: Float32Array | null;
}

type Buffer = "blocks" | "x" | "w" | "u" | "bias" | "act" | "hs" | "cs" | "stateEnd" | "packedU" | "packedUT" | "scratch0" |
  "tmp0" | "scratch1" | "tmp1" | "stage" | "dout" | "dgates" | "dcs" | "dg" | "dh" | "dc" | "dW" | "dU" | "dBias" | "dx";
type Layout = Record<Buffer, number> & { hp: number; gates: number };

const KC = 256; // rows per packed block, as in src/kernels/wasm/gemm.ts
const pad8 = (n: number) => (n + 7) & ~7;
const gatesOf = (cell: RnnCell) => (cell === "lstm" ? 4 : 1);

// Byte offsets of every buffer (0 = absent); reserves the memory.
function layout(wasm: RnnWasm, s: RnnKernelShape, backward: boolean, extras: boolean): Layout {
  const hp = (s.units + 3) & ~3;
  const G = gatesOf(s.cell);
  const gp = G * hp;
  const rows = s.batch * s.time;
  const lstm = s.cell === "lstm";
  const scratch = KC * pad8(Math.max(gp, s.inputDim));
  const stage = Math.max(6 * rows * s.units + s.batch * s.units, rows * s.inputDim + 2 * s.batch * s.units, rows * Math.max(s.inputDim, s.units));
  const sizes: [Buffer, number][] = [
    ["blocks", 2 * RnnArg.count], ["x", rows * s.inputDim], ["w", s.inputDim * gp], ["u", hp * gp], ["bias", gp],
    ["act", rows * gp], ["hs", (s.time + 1) * s.batch * hp], ["cs", lstm ? (s.time + 1) * s.batch * hp : 0], ["stateEnd", 0],
    ["packedU", wasm.exports.packedRecurrentSize(G, hp)], ["scratch0", scratch], ["tmp0", 16],
    ["scratch1", scratch], ["tmp1", 16], ["stage", stage],
  ];
  if (backward) {
    sizes.push(["dout", rows * hp], ["dg", rows * gp], ["dh", s.batch * hp], ["dW", s.inputDim * gp], ["dU", hp * gp],
      ["dBias", gp], ["dx", rows * s.inputDim]);
    if (lstm) sizes.push(["dc", s.batch * hp]);
    if (lstm && extras) sizes.push(["dgates", rows * gp], ["dcs", rows * hp]);
  }
  const at = { hp, gates: G } as Layout;
  for (const key of ["cs", "dout", "dgates", "dcs", "dg", "dh", "dc", "dW", "dU", "dBias", "dx"] as const) at[key] = 0;
  let offset = wasm.heapBase;
  for (const [key, floats] of sizes) {
    if (floats === 0 && key !== "stateEnd") continue;
    at[key] = offset;
    offset += Math.ceil((floats * 4) / 64) * 64;
  }
  at.packedUT = at.packedU + 4 * hp * pad8(gp); // packedRecurrentSize covers U (hp × pad8(G·hp)) then Uᵀ
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

function readGateColumns(mem: Float32Array, from: number, rows: number, G: number, h: number, hp: number): Float32Array {
  if (h === hp) return mem.slice(from, from + rows * G * h);
  const out = new Float32Array(rows * G * h);
  for (let i = 0; i < rows; i++) {
    for (let q = 0; q < G; q++) out.set(mem.subarray(from + (i * G + q) * hp, from + (i * G + q) * hp + h), (i * G + q) * h);
  }
  return out;
}

function checkInputs(s: RnnKernelShape, i: RnnKernelInputs): void {
  const H = s.units;
  const G = gatesOf(s.cell);
  const want: [string, Float32Array | null, number][] = [
    ["x", i.x, s.batch * s.time * s.inputDim], ["h0", i.h0, s.batch * H], ["kernel", i.kernel, s.inputDim * G * H],
    ["recurrentKernel", i.recurrentKernel, H * G * H],
  ];
  if (s.cell === "lstm") want.push(["c0", i.c0, s.batch * H]);
  if (i.bias) want.push(["bias", i.bias, G * H]);
  for (const [name, a, n] of want) {
    if (!(a instanceof Float32Array) || a.length !== n) {
      throw new Error(`fused ${s.cell}: input ${name} must be a Float32Array of ${n} values for batch ${s.batch}, time ${s.time}, ` +
        `inputDim ${s.inputDim}, units ${H}; got ${a instanceof Float32Array ? a.length : String(a)}`);
    }
  }
}

// Stages the inputs into the kernel's memory (shared by forward and backward).
function stage(wasm: RnnWasm, s: RnnKernelShape, inp: RnnKernelInputs, at: Layout): void {
  const mem = wasm.f32();
  const { hp, gates: G } = at;
  const H = s.units;
  const e = wasm.exports;
  mem.set(inp.x, at.stage / 4);
  e.toTimeMajor(at.stage, at.x, s.batch, s.time, s.inputDim, s.inputDim);
  mem.set(inp.h0, at.stage / 4);
  e.toTimeMajor(at.stage, at.hs, s.batch, 1, H, hp);
  if (inp.c0) {
    mem.set(inp.c0, at.stage / 4);
    e.toTimeMajor(at.stage, at.cs, s.batch, 1, H, hp);
  }
  gateColumns(mem, at.w / 4, inp.kernel, s.inputDim, G, H, hp);
  if (hp !== H) mem.fill(0, at.u / 4, at.u / 4 + hp * G * hp); // padded rows of U
  gateColumns(mem, at.u / 4, inp.recurrentKernel, H, G, H, hp);
  if (inp.bias) gateColumns(mem, at.bias / 4, inp.bias, 1, G, H, hp);
  else mem.fill(0, at.bias / 4, at.bias / 4 + G * hp);
}

// Writes the call blocks of `parts` threads: every buffer and size, part p's scratch and its [lo, hi) of `range` items.
function writeBlocks(wasm: RnnWasm, s: RnnKernelShape, at: Layout, parts: number): (range: number) => number[] {
  const i32 = wasm.i32();
  const blocks = Array.from({ length: parts }, (_, p) => at.blocks + 4 * p * RnnArg.count);
  const fields: [RnnArg, number][] = [
    [RnnArg.batch, s.batch], [RnnArg.time, s.time], [RnnArg.inputDim, s.inputDim], [RnnArg.hp, at.hp], [RnnArg.gates, at.gates],
    [RnnArg.x, at.x], [RnnArg.w, at.w], [RnnArg.u, at.u], [RnnArg.bias, at.bias], [RnnArg.act, at.act], [RnnArg.hs, at.hs],
    [RnnArg.cs, at.cs], [RnnArg.packedU, at.packedU], [RnnArg.packedUT, at.packedUT], [RnnArg.dout, at.dout],
    [RnnArg.dgates, at.dgates], [RnnArg.dcs, at.dcs], [RnnArg.dg, at.dg], [RnnArg.dh, at.dh], [RnnArg.dc, at.dc],
    [RnnArg.dW, at.dW], [RnnArg.dU, at.dU], [RnnArg.dBias, at.dBias], [RnnArg.dx, at.dx], [RnnArg.parts, parts],
  ];
  blocks.forEach((block, p) => {
    const base = block / 4;
    for (const [field, value] of fields) i32[base + field] = value;
    i32[base + RnnArg.part] = p;
    i32[base + RnnArg.scratch] = p ? at.scratch1 : at.scratch0;
    i32[base + RnnArg.tmp] = p ? at.tmp1 : at.tmp0;
  });
  return (range) => {
    const view = wasm.i32();
    blocks.forEach((block, p) => {
      view[block / 4 + RnnArg.lo] = Math.floor((range * p) / parts);
      view[block / 4 + RnnArg.hi] = Math.floor((range * (p + 1)) / parts);
    });
    return blocks;
  };
}

/**
 * The fused whole-sequence LSTM or SimpleRNN forward (WebAssembly SIMD): x·W + b for all steps in
 * one matmul, then per step one packed h·U matmul accumulated into the gate rows and a vectorised
 * cell kernel; big jobs split the batch over two threads. `keepState` keeps what
 * rnnKernelBackward needs; `views` returns the outputs as views into the kernel's memory (valid
 * until the next kernel call) instead of copies.
 *
 * @example
 * const out = rnnKernelForward({ cell: "lstm", batch: 2, time: 3, inputDim: 1, units: 4 }, inputs, false);
 */
export function rnnKernelForward(s: RnnKernelShape, inp: RnnKernelInputs, keepState: boolean, views = false): RnnKernelOutputs {
  checkInputs(s, inp);
  const wasm = rnnWasm();
  const at = layout(wasm, s, false, false);
  stage(wasm, s, inp, at);
  const rows = s.batch * s.time;
  const parts = rnnThreadCount(2 * rows * at.gates * s.units * (s.inputDim + s.units), s.batch);
  const range = writeBlocks(wasm, s, at, parts);
  wasm.exports.pack(at.blocks);
  run("forwardInput", range(rows));
  run("forwardSteps", range(s.batch));
  const mem = wasm.f32();
  const e = wasm.exports;
  const n = rows * s.units;
  const slab = 4 * s.batch * at.hp;
  let out = at.stage;
  const take = (src: number, stride: number): Float32Array => {
    e.fromTimeMajor(src, out, s.batch, s.time, s.units, stride);
    const a = views ? mem.subarray(out / 4, out / 4 + n) : mem.slice(out / 4, out / 4 + n);
    out += 4 * n;
    return a;
  };
  const h = take(at.hs + slab, at.hp);
  const lstm = s.cell === "lstm";
  const c = lstm ? take(at.cs + slab, at.hp) : null;
  const gates = lstm ? [0, 1, 2, 3].map((q) => take(at.act + 4 * q * at.hp, 4 * at.hp)) : [];
  const state = keepState ? { shape: { ...s }, inputs: inp, saved: mem.slice(at.act / 4, at.stateEnd / 4) } : null;
  return { h, c, gates, state };
}

/**
 * Backpropagation through time for a forward run with keepState: per step one vectorised cell
 * kernel and one packed dg·Uᵀ matmul; then dU, dW and dx as one matmul each over all steps.
 * `grads`: dL/dh and, for the LSTM, optionally dL/d(i, f, c̃, o) and dL/dc. `views`: dx, dh0 and
 * dc0 as views into the kernel's memory (valid until the next kernel call).
 *
 * @example
 * const g = rnnKernelBackward(forward.state!, { h: dh });
 */
export function rnnKernelBackward(state: RnnKernelState, grads: RnnOutputGradients, views = false): RnnKernelGradients {
  const s = state.shape;
  const H = s.units;
  const n = s.batch * s.time * H;
  const lstm = s.cell === "lstm";
  const extras = lstm && ((grads.gates ?? null) !== null || (grads.c ?? null) !== null);
  const given: [string, Float32Array | null | undefined][] = [["h", grads.h], ["c", grads.c], ...(grads.gates ?? []).map((g, q) => [`gate ${q}`, g] as [string, Float32Array])];
  for (const [name, a] of given) {
    if (a != null && (!(a instanceof Float32Array) || a.length !== n)) {
      throw new Error(`fused ${s.cell} backward: dL/d${name} must be a Float32Array of ${n} values ([${s.batch}, ${s.time}, ${H}])`);
    }
  }
  if (grads.gates && grads.gates.length !== 4) throw new Error(`fused ${s.cell} backward: gates must list 4 gradients (i, f, cTilde, o)`);
  const wasm = rnnWasm();
  const e = wasm.exports;
  const at = layout(wasm, s, true, extras);
  stage(wasm, s, state.inputs, at);
  if (state.saved.length !== (at.stateEnd - at.act) / 4) throw new Error(`fused ${s.cell} backward: state does not match its shape`);
  let mem = wasm.f32();
  mem.set(state.saved, at.act / 4);
  const hp = at.hp;
  const put = (src: Float32Array, dst: number, stride: number, gateRows: boolean) => {
    mem.set(src, at.stage / 4);
    if (gateRows) e.toGateRows(at.stage, dst, s.batch, s.time, H, stride);
    else e.toTimeMajor(at.stage, dst, s.batch, s.time, H, stride);
  };
  put(grads.h, at.dout, hp, false);
  if (extras) {
    mem.fill(0, at.dgates / 4, at.dgates / 4 + s.batch * s.time * 4 * hp);
    grads.gates?.forEach((g, q) => put(g, at.dgates + 4 * q * hp, 4 * hp, true));
    if (grads.c) put(grads.c, at.dcs, hp, false);
    else mem.fill(0, at.dcs / 4, at.dcs / 4 + s.batch * s.time * hp);
  }
  mem.fill(0, at.dh / 4, at.dh / 4 + s.batch * hp);
  if (lstm) mem.fill(0, at.dc / 4, at.dc / 4 + s.batch * hp);
  const rows = s.batch * s.time;
  const parts = rnnThreadCount(4 * rows * at.gates * H * (s.inputDim + H), s.batch);
  const range = writeBlocks(wasm, s, at, parts);
  e.pack(at.blocks);
  run("backwardSteps", range(s.batch));
  run("backwardWeights", range(0));
  mem = wasm.f32();
  let out = at.stage;
  const take = (src: number, b: number, t: number, f: number, stride: number) => {
    e.fromTimeMajor(src, out, b, t, f, stride);
    const a = views ? mem.subarray(out / 4, out / 4 + b * t * f) : mem.slice(out / 4, out / 4 + b * t * f);
    out += 4 * b * t * f;
    return a;
  };
  const dx = take(at.dx, s.batch, s.time, s.inputDim, s.inputDim);
  const dh0 = take(at.dh, s.batch, 1, H, hp);
  const dc0 = lstm ? take(at.dc, s.batch, 1, H, hp) : null;
  const G = at.gates;
  return {
    dx, dh0, dc0,
    dKernel: readGateColumns(mem, at.dW / 4, s.inputDim, G, H, hp),
    dRecurrentKernel: readGateColumns(mem, at.dU / 4, H, G, H, hp),
    dBias: state.inputs.bias ? readGateColumns(mem, at.dBias / 4, 1, G, H, hp) : null,
  };
}
