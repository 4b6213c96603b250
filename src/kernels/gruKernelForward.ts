import { gruKernel } from "./gruKernel";
import { gruKernelLayout, writeGruCalls, type GruKernelLayout, type GruKernelShape } from "./gruKernelLayout";
import { gruThreadCount, runGruPhase } from "./gruThreads";
import { gatherGateRows } from "./oneHotGateRows";
import { residentStates } from "./residentStates";

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
  /**
   * Optional [batch, time]: x is the one-hot rows of these ids (depth inputDim; an id outside
   * 0 … inputDim − 1 is an all-zero row) and is not read (may be empty). The forward gathers
   * kernel rows instead of computing x·W (the same values: w_id + b); the backward scatters
   * dKernel from the steps' gate gradients and computes no dx (ids have no gradient).
   */
  ids?: Int32Array | null;
}

/**
 * What the backward needs from the forward: the staged inputs and the kernel's per-step buffers.
 * Those stay where the forward wrote them, in the kernel's memory, while later calls lay out their
 * buffers above them (up to two kept states: a two-layer stack's forward and backward copy
 * nothing); only a call that needs their memory copies them out to `saved` first (the staged
 * inputs with them, so the backward never reads the caller's arrays again: they may be views
 * that are gone by then, as fusedGruSequence's into tfjs's wasm heap).
 */
export interface GruKernelState {
  /** The kernel's shape: inputDim 0 when the inputs are ids (nothing of x in the kernel memory). */
  shape: GruKernelShape;
  /** The one-hot depth (the kernel's rows) when the inputs are ids, else 0. */
  oneHotDepth: number;
  /** The forward's inputs: after the forward only `ids` and whether `bias` was given are read. */
  inputs: GruKernelInputs;
  /** The staged inputs (x, W, U, biases), then hs, z, r, hTilde and hUh (resetAfter) or rh, as laid out by gruKernelLayout (time-major, padded); null while resident. */
  saved: Float32Array | null;
  /** Set by the backward: one backward per forward, as autograd does; nothing is kept after it. */
  consumed?: boolean;
}

// States whose buffers are still in the kernel's memory (residentStates.ts): each needs [base, to)
// kept (inputs, then hs … stateEnd).
const resident = residentStates<GruKernelState>(gruKernel);

/**
 * Before a call lays out its buffers: where it may start (above every state kept in place), after
 * copying out what it would overwrite (`ResidentStates.evict`). A backward of `keep` uses its state
 * in place if it is kept and starts at that state's base; `inPlace` says which.
 *
 * @example
 * const { inPlace, base } = evictGruState(state, false);
 */
export function evictGruState(keep: GruKernelState | null, keepsState: boolean): { inPlace: boolean; base: number } {
  return resident.evict(keep, keepsState);
}

/**
 * The first byte offset of the kernel memory that no kept state occupies: where a call that must
 * not evict them (kernelMatMul) may put its buffers. Everything from here up is free between calls.
 *
 * @example
 * const base = gruFreeMemoryStart();
 */
export function gruFreeMemoryStart(): number {
  return resident.freeStart();
}

/**
 * h, z, r, h̃ each [batch, time, units] (views into the kernel's memory if asked for; z, r, h̃ empty
 * if not asked for; h [batch, 1, units] with lastStepOnly); state is null unless asked for.
 */
export interface GruKernelOutputs {
  h: Float32Array;
  z: Float32Array;
  r: Float32Array;
  hTilde: Float32Array;
  state: GruKernelState | null;
}

/**
 * Checks every array's length against the shape; the message names the input and the expected size.
 *
 * @example
 * checkGruKernelInputs(shape, { x, h0, kernel, recurrentKernel, bias: null }); // throws "input x must be …"
 */
export function checkGruKernelInputs(s: GruKernelShape, i: GruKernelInputs): void {
  const H = s.units;
  if (i.ids && !(i.ids instanceof Int32Array && i.ids.length === s.batch * s.time)) {
    throw new Error(`fused GRU: input ids must be an Int32Array of ${s.batch * s.time} values ([batch ${s.batch}, time ${s.time}])`);
  }
  const want: [string, Float32Array | null, number][] = [
    ["x", i.ids ? null : i.x, s.batch * s.time * s.inputDim], ["h0", i.h0, s.batch * H], ["kernel", i.kernel, s.inputDim * 3 * H],
    ["recurrentKernel", i.recurrentKernel, H * 3 * H],
  ];
  if (i.bias) want.push(["bias", i.bias, (s.resetAfter ? 6 : 3) * H]);
  for (const [name, a, n] of want) {
    if (name === "x" && a === null) continue;
    if (!(a instanceof Float32Array) || a.length !== n) {
      throw new Error(`fused GRU: input ${name} must be a Float32Array of ${n} values for batch ${s.batch}, time ${s.time}, ` +
        `inputDim ${s.inputDim}, units ${H}, resetAfter ${s.resetAfter}; got ${a instanceof Float32Array ? a.length : typeof a}`);
    }
  }
}

/**
 * Copies a [rows, 3H] gate matrix into [rows, 3Hp] at float offset `at` (padding zero).
 *
 * @example
 * writeGateRows(gruKernel().f32(), at.w / 4, kernel, inputDim, units, at.hp);
 */
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

/**
 * Stages the inputs (time-major, padded) into the kernel's memory; shared by forward and backward.
 *
 * @example
 * stageGruInputs(shape, inputs, gruKernelLayout(gruKernel(), shape, false, false));
 */
export function stageGruInputs(s: GruKernelShape, inp: GruKernelInputs, at: GruKernelLayout): void {
  const k = gruKernel();
  const mem = k.f32();
  const { hp } = at;
  const H = s.units;
  mem.set(inp.x, at.stage / 4);
  k.exports.toTimeMajor(at.stage, at.x, s.batch, s.time, s.inputDim, s.inputDim);
  mem.set(inp.h0, at.stage / 4);
  k.exports.toTimeMajor(at.stage, at.hs, s.batch, 1, H, hp);
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
 * The fused whole-sequence GRU forward (native AVX-512/AVX2 addon or WebAssembly SIMD, see
 * gruKernel): one matmul for x·W over all steps, then per step one packed h·U matmul and a
 * vectorised gate kernel; big jobs split the batch over two threads (gruThreadCount).
 * `keepState` keeps what gruKernelBackward needs. `views`: return the outputs as views into the
 * kernel's memory (valid only until the next kernel call — for callers that copy them at once)
 * instead of new arrays. `gateOutputs` false: z, r and hTilde come back empty (not copied out).
 * `lastStepOnly`: h holds only the last step, [batch, 1, units].
 *
 * @example
 * const out = gruKernelForward({ batch: 2, time: 3, inputDim: 1, units: 4, resetAfter: true }, inputs, false);
 */
export function gruKernelForward(s: GruKernelShape, inp: GruKernelInputs, keepState: boolean, views = false,
                                 gateOutputs = true, lastStepOnly = false): GruKernelOutputs {
  checkGruKernelInputs(s, inp);
  const { base } = evictGruState(null, keepState);
  const k = gruKernel();
  const ids = inp.ids ?? null;
  const ks = ids ? { ...s, inputDim: 0 } : s; // with ids, nothing of x or W is in the kernel memory
  const parts = gruThreadCount(2 * s.batch * s.time * 3 * s.units * (ks.inputDim + s.units), s.batch); // first: wakes the worker
  const at = gruKernelLayout(k, ks, false, false, base);
  stageGruInputs(ks, inp, at);
  const e = k.exports;
  const calls = writeGruCalls(k, ks, at, parts);
  e.packForward(calls[0]);
  if (ids) gatherInputRows(s, inp, ids, at);
  else runGruPhase("forwardInput", calls);
  runGruPhase("forwardSteps", calls);
  const count = s.batch * s.time * s.units;
  let slab = 0;
  const out = (src: number, time = s.time): Float32Array => {
    const n = s.batch * time * s.units;
    const dst = at.stage + 4 * count * slab++;
    e.fromTimeMajor(src, dst, s.batch, time, s.units, at.hp);
    const view = k.f32().subarray(dst / 4, dst / 4 + n);
    return views ? view : view.slice();
  };
  const stepBytes = s.batch * at.hp * 4; // hs holds h0, then one slab per step
  const h = lastStepOnly ? out(at.hs + s.time * stepBytes, 1) : out(at.hs + stepBytes);
  const none = new Float32Array(0);
  const z = gateOutputs ? out(at.z) : none;
  const r = gateOutputs ? out(at.r) : none;
  const hTilde = gateOutputs ? out(at.hTilde) : none;
  let state: GruKernelState | null = null;
  if (keepState) {
    state = { shape: { ...ks }, oneHotDepth: ids ? s.inputDim : 0, inputs: inp, saved: null };
    resident.keep(state, base, at.x, at.stateEnd);
  }
  return { h, z, r, hTilde, state };
}

// xw (time-major rows t·batch + b, [·, 3hp]) = kernel[id] + input bias for each step's id (oneHotGateRows.ts).
function gatherInputRows(s: GruKernelShape, inp: GruKernelInputs, ids: Int32Array, at: GruKernelLayout): void {
  gatherGateRows(gruKernel(), { batch: s.batch, time: s.time, depth: s.inputDim, gates: 3, units: s.units, hp: at.hp }, ids, inp.kernel, inp.bias, at.xw, at.end);
}
