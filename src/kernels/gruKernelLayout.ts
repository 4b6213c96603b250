import { writeCallBlock } from "./callBlock";
import { GRU_CALL, type GruCall } from "./gruCall";
import type { GruKernel } from "./gruKernel";

/** Sizes of one fused GRU call. */
export interface GruKernelShape {
  batch: number;
  time: number;
  inputDim: number;
  units: number;
  resetAfter: boolean;
}

/**
 * Byte offsets of every buffer of one call in the kernel's memory (0 = absent), named as in the
 * GruCall struct; each buffer's shape, writer, readers and lifetime: the table in docs/kernel.md.
 * hs, z, r, hTilde and hUh/rh are consecutive: the state the backward needs is one range,
 * hs up to `stateEnd`. call0 and call1: the GruCall structs of thread part 0 and part 1.
 */
export interface GruKernelLayout extends Omit<GruCall, "resetAfter" | "batch" | "time" | "inputDim" | "part" | "parts"> {
  /** Units padded to the kernel's alignment (4 for WebAssembly, the vector width for the native kernel). */
  hp: number;
  /** The second thread's own scratch and tmp. */
  scratch2: number; tmp2: number;
  /** Where outputs are copied to [batch, time, ·] order (four slabs, readable until the next call). */
  stage: number;
  call0: number; call1: number;
  stateEnd: number;
  end: number;
}

type Slot = Exclude<keyof GruKernelLayout, "hp" | "stateEnd" | "end">;

/**
 * Lays out the buffers (64-byte aligned, time-major, units padded to hp) from byte offset `base`
 * (default: after the kernel's static data; higher to leave a kept state below in place);
 * `backward` adds the gradient buffers, `gateGradients` the dL/d(z, r, h̃) inputs. The inputs and
 * the state the backward needs come first (up to `stateEnd`), then everything one call uses.
 * Reserves the memory and returns the offsets.
 *
 * @example
 * const at = gruKernelLayout(gruKernel(), { batch: 64, time: 30, inputDim: 8, units: 128, resetAfter: true }, false, false);
 */
export function gruKernelLayout(k: GruKernel, s: GruKernelShape, backward: boolean, gateGradients: boolean, base = k.heapBase): GruKernelLayout {
  const hp = Math.ceil(s.units / k.unitAlign) * k.unitAlign;
  const g = 3 * hp;
  const rows = s.batch * s.time;
  const scratch = k.exports.scratchSize(Math.max(g, s.inputDim));
  // four output slabs: forward h, z, r, h̃ (or backward dx, dh0) stay readable until the next call
  const stageFloats = 4 * rows * Math.max(s.units, s.inputDim, hp);
  const sizes: [Slot, number][] = [
    ["x", rows * s.inputDim], ["w", s.inputDim * g], ["u", hp * g], ["bIn", g], ["bRec", g],
    ["hs", (s.time + 1) * s.batch * hp], ["z", rows * hp], ["r", rows * hp], ["hTilde", rows * hp],
    [s.resetAfter ? "hUh" : "rh", rows * hp], ["xw", rows * g], ["hu", s.batch * g], ["packed", k.exports.packedRecurrentSize(hp)],
    ["scratch", scratch], ["tmp", 16], ["scratch2", scratch], ["tmp2", 16],
    ["stage", stageFloats], ["call0", GRU_CALL.bytes / 4], ["call1", GRU_CALL.bytes / 4],
  ];
  if (backward) {
    sizes.push(["dhOut", rows * hp], ["dgx", rows * g], ["dh", s.batch * hp], ["drh", s.batch * hp],
      ["dU", hp * g], ["dW", s.inputDim * g], ["dx", rows * s.inputDim], ["dBias", 2 * g]);
    if (s.resetAfter) sizes.push(["dgh", rows * g]);
    if (gateGradients) sizes.push(["dzOut", rows * hp], ["drOut", rows * hp], ["dhTildeOut", rows * hp]);
  }
  const at = { hp } as GruKernelLayout;
  const absent: Slot[] = ["hUh", "rh", "dhOut", "dgx", "dh", "drh", "dU", "dW", "dx", "dBias", "dgh", "dzOut", "drOut", "dhTildeOut"];
  for (const key of absent) at[key] = 0;
  let offset = Math.ceil(base / 64) * 64;
  for (const [key, floats] of sizes) {
    at[key] = offset;
    offset += Math.ceil((floats * 4) / 64) * 64;
  }
  at.stateEnd = at.xw; // (xw, the forward's x·W, is not needed by the backward)
  at.end = offset;
  k.reserve(offset);
  return at;
}

// 4 chunks per split phase: 2 left the caller waiting for a late worker's whole half (measured,
// docs/speed.md "Chunked split"); more chunks pack the shared GEMM operand once more each
const SPLIT_CHUNKS = 4;

/**
 * Writes the GruCall structs of `threads` threads (1 or 2) for this layout and returns their
 * addresses (part 0 at at.call0, part 1 at at.call1 with the second thread's scratch).
 *
 * @example
 * const calls = writeGruCalls(kernel, shape, at, 2); kernel.exports.forwardSteps(calls[0]);
 */
export function writeGruCalls(k: GruKernel, s: GruKernelShape, at: GruKernelLayout, threads: number): number[] {
  const mem = k.i32();
  // two threads cut each phase into SPLIT_CHUNKS chunks (at most one per batch element), claimed
  // one at a time by whichever thread is free (runGruPhase): a late worker still takes its share
  const parts = threads === 1 ? 1 : Math.min(SPLIT_CHUNKS, s.batch);
  // the buffers and hp by their field names (layout-only keys are not fields: ignored)
  const common = { ...at, resetAfter: s.resetAfter ? 1 : 0, batch: s.batch, time: s.time, inputDim: s.inputDim, parts };
  writeCallBlock(GRU_CALL, mem, at.call0, { ...common, part: 0 });
  if (threads === 1) return [at.call0];
  writeCallBlock(GRU_CALL, mem, at.call1, { ...common, part: 1, scratch: at.scratch2, tmp: at.tmp2 });
  return [at.call0, at.call1];
}
