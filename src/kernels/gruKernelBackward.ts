import type { GruKernelState } from "./gruKernelForward";
import { evictGruState } from "./gruKernelForward";
import { gruKernel } from "./gruKernel";
import { gruKernelLayout, writeGruCalls } from "./gruKernelLayout";
import { gruThreadCount, runGruPhase } from "./gruThreads";
import { scatterGateRows } from "./oneHotGateRows";

/** Gradients of the loss with respect to every input of the fused GRU (row-major, Keras layout). */
export interface GruKernelGradients {
  dx: Float32Array;
  dh0: Float32Array;
  dKernel: Float32Array;
  dRecurrentKernel: Float32Array;
  /** Same shape as the bias ([3H] or [2·3H]); null when the forward had no bias. */
  dBias: Float32Array | null;
}

/** Optional loss gradients with respect to the gate outputs z, r, h̃ (each [batch, time, units]). */
export interface GruGateGradients {
  z: Float32Array;
  r: Float32Array;
  hTilde: Float32Array;
}

// Copies a [rows, 3Hp] matrix at float offset `at` into a new [rows, 3H] array; with `view` and
// no padding (h = hp), returns a view of it instead.
function readGateRows(mem: Float32Array, at: number, rows: number, h: number, hp: number, view = false): Float32Array {
  if (h === hp) return view ? mem.subarray(at, at + rows * 3 * h) : mem.slice(at, at + rows * 3 * h);
  const out = new Float32Array(rows * 3 * h);
  for (let i = 0; i < rows; i++) {
    for (let q = 0; q < 3; q++) out.set(mem.subarray(at + i * 3 * hp + q * hp, at + i * 3 * hp + q * hp + h), i * 3 * h + q * h);
  }
  return out;
}

/**
 * Backpropagation through time for a forward run with keepState: per step one gate kernel and
 * one (resetAfter false: two) packed matmuls with Uᵀ; then dU, dW and dx as one matmul each
 * over all steps. dh: dL/dh [batch, time, units], or [batch, 1, units] for the last step alone
 * (the forward's lastStepOnly: the other steps' dh are 0); gates: optional dL/d(z, r, h̃). Inputs given
 * as ids (GruKernelInputs.ids): dKernel is scattered from the gate gradients and dx is empty. `views`: dx,
 * dh0 and (when units need no padding to the kernel's alignment) dKernel and dRecurrentKernel as views into
 * the kernel's memory (valid until the next kernel call) instead of new arrays. `withDx` false: no dx
 * (empty; the kernel skips dgx·Wᵀ), for an input that needs no gradient.
 *
 * @example
 * const grads = gruKernelBackward(forward.state!, dh, null);
 */
export function gruKernelBackward(state: GruKernelState, dh: Float32Array, gates: GruGateGradients | null,
                                  views = false, withDx = true): GruKernelGradients {
  const s = state.shape;
  const count = s.batch * s.time * s.units;
  // dh of the last step only ([batch, 1, units], a layer with returnSequences false): the other steps' dh are 0
  const lastStepOnly = dh instanceof Float32Array && dh.length === s.batch * s.units && s.time > 1;
  for (const [name, a] of [["dh", dh], ["dz", gates?.z], ["dr", gates?.r], ["dhTilde", gates?.hTilde]] as const) {
    if (a !== undefined && (!(a instanceof Float32Array) || (a.length !== count && !(name === "dh" && lastStepOnly)))) {
      throw new Error(`fused GRU backward: ${name} must be a Float32Array of ${count} values ([${s.batch}, ${s.time}, ${s.units}])` +
        (name === "dh" ? ` or, for the last step only, ${s.batch * s.units} ([${s.batch}, 1, ${s.units}])` : ""));
    }
  }
  if (state.consumed) throw new Error("fused GRU backward: this forward's state was already used by a backward (one backward per forward)");
  const { inPlace, base } = evictGruState(state, false);
  const saved = state.saved;
  state.consumed = true;
  state.saved = null;
  const k = gruKernel();
  const e = k.exports;
  const parts = gruThreadCount(4 * s.batch * s.time * 3 * s.units * (s.inputDim + s.units), s.batch); // first: wakes the worker
  // the forward's buffers come first in the backward's layout too: a resident state is used in place
  const at = gruKernelLayout(k, s, true, gates !== null, base);
  if (!inPlace) {
    // the staged inputs and the state, laid out from this call's base as from the forward's
    if (!saved || saved.length !== (at.stateEnd - at.x) / 4) throw new Error("fused GRU backward: state does not match its shape");
    k.f32().set(saved, at.x / 4);
  }
  const { hp } = at;
  const H = s.units;
  const put = (src: Float32Array, dst: number) => {
    k.f32().set(src, at.stage / 4);
    e.toTimeMajor(at.stage, dst, s.batch, s.time, H, hp);
  };
  if (lastStepOnly) {
    // dL/dh of the last step alone starts the carried dh and the calls get no dhOut (0: the kernels
    // add zeros): the last step's g = dh_T + 0 is the 0 + dh_T of a zeroed dh and a dhOut of zeros
    // but for the last step (the same bits), without writing those zeros (A: 950 KB per step)
    k.f32().set(dh, at.stage / 4);
    e.toTimeMajor(at.stage, at.dh, s.batch, 1, H, hp);
  } else {
    put(dh, at.dhOut);
    k.f32().fill(0, at.dh / 4, at.dh / 4 + s.batch * hp);
  }
  if (gates) {
    put(gates.z, at.dzOut);
    put(gates.r, at.drOut);
    put(gates.hTilde, at.dhTildeOut);
  }
  const calls = writeGruCalls(k, s, { ...at, dhOut: lastStepOnly ? 0 : at.dhOut, dx: withDx ? at.dx : 0 }, parts);
  e.packBackward(calls[0]);
  runGruPhase("backwardSteps", calls);
  runGruPhase("backwardWeights", calls);
  const mem = k.f32();
  const take = (from: number, n: number) => (views ? mem.subarray(from, from + n) : mem.slice(from, from + n));
  if (withDx) e.fromTimeMajor(at.dx, at.stage, s.batch, s.time, s.inputDim, s.inputDim);
  const dx = withDx ? take(at.stage / 4, s.batch * s.time * s.inputDim) : new Float32Array(0);
  const dh0At = at.stage + 4 * s.batch * s.time * s.inputDim;
  e.fromTimeMajor(at.dh, dh0At, s.batch, 1, H, hp);
  const dh0 = take(dh0At / 4, s.batch * H);
  // inputs as ids (state.oneHotDepth > 0): dKernel row v = Σ of dgx over the steps whose id is v; no dx
  const dKernel = state.oneHotDepth > 0 ? scatterGateRows(mem, at.dgx / 4, state.inputs.ids!, { batch: s.batch, time: s.time, depth: state.oneHotDepth, gates: 3, units: H, hp })
    : readGateRows(mem, at.dW / 4, s.inputDim, H, hp, views);
  const dRecurrentKernel = readGateRows(mem, at.dU / 4, H, H, hp, views);
  let dBias: Float32Array | null = null;
  if (state.inputs.bias) {
    dBias = new Float32Array((s.resetAfter ? 6 : 3) * H);
    dBias.set(readGateRows(mem, at.dBias / 4, 1, H, hp), 0);
    if (s.resetAfter) dBias.set(readGateRows(mem, at.dBias / 4 + 3 * hp, 1, H, hp), 3 * H);
  }
  return { dx, dh0, dKernel, dRecurrentKernel, dBias };
}
