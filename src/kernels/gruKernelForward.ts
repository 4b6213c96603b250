import { gruKernelLayout, type GruKernelShape } from "./gruKernelLayout";
import { gruThreadCount, runGruPhase } from "./gruThreads";
import { gruWasm } from "./gruWasm";

/** Row-major float32 inputs of the fused kernel (Keras layout, gate order z | r | h). */
export interface GruKernelInputs {
  /** [batch, time, inputDim] */
  x: Float32Array;
  /** [batch, units] */
  h0: Float32Array;
  /** [inputDim, 3·units] */
  kernel: Float32Array;
  /** [units, 3·units] */
  recurrentKernel: Float32Array;
  /** [3·units] (resetAfter false), [2·3·units] (resetAfter true: input bias, recurrent bias) or null. */
  bias: Float32Array | null;
}

/** What the backward needs from the forward: the inputs and one copy of the kernel's per-step buffers. */
export interface GruKernelState {
  shape: GruKernelShape;
  inputs: GruKernelInputs;
  /** hs, z, r, h̃ and aux as laid out by gruKernelLayout (time-major, padded). */
  saved: Float32Array;
}

/** h, z, r, h̃ each [batch, time, units] (views into the kernel's memory if asked for); state is null unless asked for. */
export interface GruKernelOutputs {
  h: Float32Array;
  z: Float32Array;
  r: Float32Array;
  hTilde: Float32Array;
  state: GruKernelState | null;
}

/** Checks every array's length against the shape; the message names the input and the expected size. */
export function checkGruKernelInputs(s: GruKernelShape, i: GruKernelInputs): void {
  const H = s.units;
  const want: [string, Float32Array | null, number][] = [
    ["x", i.x, s.batch * s.time * s.inputDim], ["h0", i.h0, s.batch * H], ["kernel", i.kernel, s.inputDim * 3 * H],
    ["recurrentKernel", i.recurrentKernel, H * 3 * H],
  ];
  if (i.bias) want.push(["bias", i.bias, (s.resetAfter ? 6 : 3) * H]);
  for (const [name, a, n] of want) {
    if (!(a instanceof Float32Array) || a.length !== n) {
      throw new Error(`fused GRU: input ${name} must be a Float32Array of ${n} values for batch ${s.batch}, time ${s.time}, ` +
        `inputDim ${s.inputDim}, units ${H}, resetAfter ${s.resetAfter}; got ${a instanceof Float32Array ? a.length : typeof a}`);
    }
  }
}

/** Copies a [rows, 3H] gate matrix into [rows, 3Hp] at float offset `at` (padding zero). */
export function writeGateRows(mem: Float32Array, at: number, src: Float32Array, rows: number, h: number, hp: number): void {
  if (h === hp) {
    mem.set(src, at);
    return;
  }
  mem.fill(0, at, at + rows * 3 * hp);
  for (let i = 0; i < rows; i++) {
    for (let q = 0; q < 3; q++) mem.set(src.subarray(i * 3 * h + q * h, i * 3 * h + q * h + h), at + i * 3 * hp + q * hp);
  }
}

/** Stages the inputs (time-major, padded) into the kernel's memory; shared by forward and backward. */
export function stageGruInputs(s: GruKernelShape, inp: GruKernelInputs, at: ReturnType<typeof gruKernelLayout>): void {
  const wasm = gruWasm();
  const mem = wasm.f32();
  const { hp } = at;
  const H = s.units;
  mem.set(inp.x, at.stage / 4);
  wasm.exports.toTimeMajor(at.stage, at.x, s.batch, s.time, s.inputDim, s.inputDim);
  mem.set(inp.h0, at.stage / 4);
  wasm.exports.toTimeMajor(at.stage, at.hs, s.batch, 1, H, hp);
  writeGateRows(mem, at.w / 4, inp.kernel, s.inputDim, H, hp);
  if (hp !== H) mem.fill(0, at.u / 4, at.u / 4 + hp * 3 * hp); // padded rows of U
  writeGateRows(mem, at.u / 4, inp.recurrentKernel, H, H, hp);
  mem.fill(0, at.bIn / 4, at.bIn / 4 + 3 * hp);
  mem.fill(0, at.bRec / 4, at.bRec / 4 + 3 * hp);
  if (inp.bias) {
    writeGateRows(mem, at.bIn / 4, inp.bias.subarray(0, 3 * H), 1, H, hp);
    if (s.resetAfter) writeGateRows(mem, at.bRec / 4, inp.bias.subarray(3 * H), 1, H, hp);
  }
}

/**
 * The fused whole-sequence GRU forward (WebAssembly SIMD): one matmul for x·W over all steps,
 * then per step one packed h·U matmul and a vectorised gate kernel; big jobs split the batch
 * over two threads (gruThreadCount). `keepState` keeps what
 * gruKernelBackward needs. `views`: return the outputs as views into the kernel's memory (valid
 * only until the next kernel call — for callers that copy them at once) instead of new arrays.
 *
 * @example
 * const out = gruKernelForward({ batch: 2, time: 3, inputDim: 1, units: 4, resetAfter: true }, inputs, false);
 */
export function gruKernelForward(s: GruKernelShape, inp: GruKernelInputs, keepState: boolean, views = false): GruKernelOutputs {
  checkGruKernelInputs(s, inp);
  const wasm = gruWasm();
  const at = gruKernelLayout(wasm, s, false, false);
  stageGruInputs(s, inp, at);
  const { hp } = at;
  const e = wasm.exports;
  const ra = s.resetAfter ? 1 : 0;
  const rows = s.batch * s.time;
  const parts = gruThreadCount(2 * rows * 3 * s.units * (s.inputDim + s.units), s.batch);
  const range = (n: number, p: number) => [Math.floor((n * p) / parts), Math.floor((n * (p + 1)) / parts)];
  e.packForward(ra, hp, at.u, at.packed);
  runGruPhase("forwardInput", parts, (p) => [s.inputDim, hp, at.x, at.w, at.bIn, at.xw, ...range(rows, p),
    p ? at.scratch2 : at.scratch, p ? at.tmp2 : at.tmp]);
  runGruPhase("forwardSteps", parts, (p) => [ra, s.batch, s.time, hp, at.bRec, at.xw, at.hs, at.z, at.r, at.n, at.aux,
    at.hu, at.packed, ...range(s.batch, p), p ? at.tmp2 : at.tmp]);
  const count = s.batch * s.time * s.units;
  let slab = 0;
  const out = (src: number): Float32Array => {
    const dst = at.stage + 4 * count * slab++;
    e.fromTimeMajor(src, dst, s.batch, s.time, s.units, hp);
    const view = wasm.f32().subarray(dst / 4, dst / 4 + count);
    return views ? view : view.slice();
  };
  const h = out(at.hs + s.batch * hp * 4);
  const z = out(at.z);
  const r = out(at.r);
  const hTilde = out(at.n);
  const state = keepState ? { shape: { ...s }, inputs: inp, saved: wasm.f32().slice(at.hs / 4, at.stateEnd / 4) } : null;
  return { h, z, r, hTilde, state };
}
