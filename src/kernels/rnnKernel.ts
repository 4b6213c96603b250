// The JS side of the fused LSTM / SimpleRNN kernel (src/kernels/wasm/rnn.ts or native/rnn.c, as
// rnnKernelModule chose): checks and stages
// the inputs, runs the phases on one or two threads and reads the results. The memory layout
// (a table of every buffer) is in src/kernels/rnnKernelLayout.ts.
import { gatesOf, readGateColumns, rnnLayout, stageRnnInputs, writeRnnBlocks, type RnnKernelInputs, type RnnKernelShape } from "./rnnKernelLayout";
import { rnnThreadCount, runRnnPhase as run } from "./rnnThreads";
import { rnnKernelModule } from "./rnnKernelModule";
import { gatherGateRows, scatterGateRows } from "./oneHotGateRows";
import { residentStates, type ResidentState } from "./residentStates";

/**
 * What the backward needs from the forward: the inputs and act, hs, cs. Those stay where the
 * forward wrote them, in the kernel's memory, while later calls lay out their buffers above them
 * (up to two kept states, src/kernels/residentStates.ts: a two-layer stack's forward and backward
 * copy nothing); only a call that needs their memory copies them out to `saved` first.
 */
export interface RnnKernelState extends ResidentState {
  /** The kernel's shape: inputDim 0 when the inputs are ids (nothing of x in the kernel memory). */
  shape: RnnKernelShape;
  /** The one-hot depth (the kernel's rows) when the inputs are ids, else 0. */
  oneHotDepth: number;
  inputs: RnnKernelInputs;
  /** act, hs and cs as laid out by rnnLayout (time-major, padded); null while resident. */
  saved: Float32Array | null;
}

const resident = residentStates<RnnKernelState>(rnnKernelModule);

/** Every step's h (and for the LSTM c and the gates i, f, c̃, o), each [batch, time, units]. */
export interface RnnKernelOutputs {
  h: Float32Array;
  /** LSTM only (else null). */
  c: Float32Array | null;
  /** LSTM only: [i, f, cTilde, o] (else, or without withGates, empty). */
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

function checkInputs(s: RnnKernelShape, i: RnnKernelInputs): void {
  const H = s.units;
  const G = gatesOf(s.cell);
  if (i.ids && !(i.ids instanceof Int32Array && i.ids.length === s.batch * s.time)) {
    throw new Error(`fused ${s.cell}: input ids must be an Int32Array of ${s.batch * s.time} values ([batch ${s.batch}, time ${s.time}])`);
  }
  const want: [string, Float32Array | null, number][] = [
    ...(i.ids ? [] : [["x", i.x, s.batch * s.time * s.inputDim] as [string, Float32Array, number]]), ["h0", i.h0, s.batch * H], ["kernel", i.kernel, s.inputDim * G * H],
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

/**
 * The fused whole-sequence LSTM or SimpleRNN forward (native AVX-512/AVX2 or WebAssembly SIMD): x·W + b for all steps in
 * one matmul (inputs given as ids: a gather of kernel rows), then per step one packed h·U matmul
 * accumulated into the gate rows and a vectorised cell kernel; big jobs split the batch over two threads. `keepState` keeps what
 * rnnKernelBackward needs; `views` returns the outputs as views into the kernel's memory (valid
 * until the next kernel call) instead of copies; `withGates` false leaves the LSTM's gates out;
 * `lastStepOnly` (needs withGates false): h and c hold only the last step, [batch, 1, units];
 * `lastCOnly`: c alone does (h keeps every step: a layer returning its sequence that carries or
 * returns only its final state).
 *
 * @example
 * const out = rnnKernelForward({ cell: "lstm", batch: 2, time: 3, inputDim: 1, units: 4 }, inputs, false);
 */
export function rnnKernelForward(s: RnnKernelShape, inp: RnnKernelInputs, keepState: boolean, views = false,
                                 withGates = true, lastStepOnly = false, lastCOnly = false): RnnKernelOutputs {
  checkInputs(s, inp);
  if (lastStepOnly && withGates && s.cell === "lstm") throw new Error("fused lstm: lastStepOnly needs withGates false (the gates of every step are not copied out then)");
  const wasm = rnnKernelModule();
  const ids = inp.ids ?? null;
  const ks = ids ? { ...s, inputDim: 0 } : s; // with ids, nothing of x or W is in the kernel memory
  const { base } = resident.evict(null, keepState);
  const at = rnnLayout(wasm, ks, false, false, base);
  const rows = s.batch * s.time;
  const parts = rnnThreadCount(2 * rows * at.gates * s.units * (ks.inputDim + s.units), s.batch); // before staging: wakes the worker
  stageRnnInputs(wasm, ks, inp, at);
  const range = writeRnnBlocks(wasm, ks, at, parts);
  wasm.exports.packForward(at.blocks);
  if (ids) gatherGateRows(wasm, { batch: s.batch, time: s.time, depth: s.inputDim, gates: at.gates, units: s.units, hp: at.hp }, ids, inp.kernel, inp.bias, at.act, at.end);
  else run("forwardInput", range(rows));
  run("forwardSteps", range(s.batch));
  const mem = wasm.f32();
  const e = wasm.exports;
  const slab = 4 * s.batch * at.hp;
  let out = at.stage;
  const take = (src: number, stride: number, time = s.time): Float32Array => {
    const n = s.batch * time * s.units;
    e.fromTimeMajor(src, out, s.batch, time, s.units, stride);
    const a = views ? mem.subarray(out / 4, out / 4 + n) : mem.slice(out / 4, out / 4 + n);
    out += 4 * n;
    return a;
  };
  // hs and cs hold slot 0 (h0, c0), then one slab per step: every step from slot 1, the last at slot T
  const steps = (buffer: number, last: boolean) => (last ? take(buffer + s.time * slab, at.hp, 1) : take(buffer + slab, at.hp));
  const h = steps(at.hs, lastStepOnly);
  const lstm = s.cell === "lstm";
  const c = lstm ? steps(at.cs, lastStepOnly || lastCOnly) : null;
  const gates = lstm && withGates ? [0, 1, 2, 3].map((q) => take(at.act + 4 * q * at.hp, 4 * at.hp)) : [];
  let state: RnnKernelState | null = null;
  if (keepState) {
    state = { shape: { ...ks }, oneHotDepth: ids ? s.inputDim : 0, inputs: inp, saved: null };
    resident.keep(state, base, at.act, at.stateEnd);
  }
  return { h, c, gates, state };
}

/**
 * Backpropagation through time for a forward run with keepState: per step one vectorised cell
 * kernel and one packed dg·Uᵀ matmul; then dU, dW and dx as one matmul each over all steps.
 * `grads`: dL/dh and, for the LSTM, optionally dL/d(i, f, c̃, o) and dL/dc, each of every step or
 * (dL/dh, dL/dc: [batch, 1, units], a forward with lastStepOnly) of the last step alone, the
 * other steps' then being 0. Inputs given as ids (RnnKernelInputs.ids): dKernel is scattered from
 * the gate gradients and dx is empty. `views`: dx, dh0 and dc0 as views into the kernel's memory
 * (valid until the next kernel call).
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
  const last = s.batch * H; // dL/dh or dL/dc of the last step only
  const given: [string, Float32Array | null | undefined][] = [["h", grads.h], ["c", grads.c], ...(grads.gates ?? []).map((g, q) => [`gate ${q}`, g] as [string, Float32Array])];
  for (const [name, a] of given) {
    const lastOk = name === "h" || name === "c";
    if (a != null && (!(a instanceof Float32Array) || (a.length !== n && !(lastOk && a.length === last)))) {
      throw new Error(`fused ${s.cell} backward: dL/d${name} must be a Float32Array of ${n} values ([${s.batch}, ${s.time}, ${H}])` +
        (lastOk ? ` or, for the last step only, ${last} ([${s.batch}, 1, ${H}])` : ""));
    }
  }
  if (grads.gates && grads.gates.length !== 4) throw new Error(`fused ${s.cell} backward: gates must list 4 gradients (i, f, cTilde, o)`);
  if (state.consumed) throw new Error(`fused ${s.cell} backward: this forward's state was already used by a backward (one backward per forward)`);
  const wasm = rnnKernelModule();
  const e = wasm.exports;
  const { inPlace, base } = resident.evict(state, false);
  const saved = state.saved;
  const at = rnnLayout(wasm, s, true, extras, base);
  const rows = s.batch * s.time;
  const parts = rnnThreadCount(4 * rows * at.gates * H * (s.inputDim + H), s.batch); // before staging: wakes the worker
  if (!inPlace) {
    if (!saved || saved.length !== (at.stateEnd - at.act) / 4) throw new Error(`fused ${s.cell} backward: state does not match its shape`);
    stageRnnInputs(wasm, s, state.inputs, at);
    wasm.f32().set(saved, at.act / 4);
  }
  state.consumed = true;
  state.saved = null;
  let mem = wasm.f32();
  const hp = at.hp;
  const put = (src: Float32Array, dst: number, stride: number, gateRows: boolean) => {
    mem.set(src, at.stage / 4);
    if (gateRows) e.toGateRows(at.stage, dst, s.batch, s.time, H, stride);
    else if (src.length === n) e.toTimeMajor(at.stage, dst, s.batch, s.time, H, stride);
    else { // the last step only: the rows of the other steps are 0
      mem.fill(0, dst / 4, dst / 4 + (s.time - 1) * s.batch * stride);
      e.toTimeMajor(at.stage, dst + 4 * (s.time - 1) * s.batch * stride, s.batch, 1, H, stride);
    }
  };
  put(grads.h, at.dhOut, hp, false);
  if (extras) {
    mem.fill(0, at.dgatesOut / 4, at.dgatesOut / 4 + s.batch * s.time * 4 * hp);
    grads.gates?.forEach((g, q) => put(g, at.dgatesOut + 4 * q * hp, 4 * hp, true));
    if (grads.c) put(grads.c, at.dcOut, hp, false);
    else mem.fill(0, at.dcOut / 4, at.dcOut / 4 + s.batch * s.time * hp);
  }
  mem.fill(0, at.dh / 4, at.dh / 4 + s.batch * hp);
  if (lstm) mem.fill(0, at.dc / 4, at.dc / 4 + s.batch * hp);
  const range = writeRnnBlocks(wasm, s, at, parts);
  e.packBackward(at.blocks);
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
    dKernel: state.oneHotDepth > 0
      ? scatterGateRows(mem, at.dg / 4, state.inputs.ids!, { batch: s.batch, time: s.time, depth: state.oneHotDepth, gates: G, units: H, hp })
      : readGateColumns(mem, at.dW / 4, s.inputDim, G, H, hp),
    dRecurrentKernel: readGateColumns(mem, at.dU / 4, H, G, H, hp),
    dBias: state.inputs.bias ? readGateColumns(mem, at.dBias / 4, 1, G, H, hp) : null,
  };
}
