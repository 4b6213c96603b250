import type { GruWasm } from "./gruWasm";

/** Sizes of one fused GRU call. */
export interface GruKernelShape {
  batch: number;
  time: number;
  inputDim: number;
  units: number;
  resetAfter: boolean;
}

/**
 * Byte offsets of every buffer of one call in the kernel's memory (0 = absent). hs, z, r, n, aux
 * are consecutive (the state the backward needs is one contiguous range, hs up to `stateEnd`).
 */
export interface GruKernelLayout {
  hp: number;
  x: number; w: number; u: number; bIn: number; bRec: number; xw: number; hs: number;
  z: number; r: number; n: number; aux: number; hu: number; packed: number; scratch: number; tmp: number;
  /** The worker thread's own scratch and tmp. */
  scratch2: number; tmp2: number;
  stage: number;
  dout: number; dzx: number; drx: number; dnx: number; dgx: number; dgh: number; dh: number; drh: number;
  dU: number; dW: number; dx: number; dBias: number;
  stateEnd: number;
  end: number;
}

const KC = 256; // rows per packed block, as in src/kernels/wasm/gemm.ts
const pad8 = (n: number) => (n + 7) & ~7;

/**
 * Lays out the buffers (64-byte aligned, time-major, units padded to Hp = ⌈H/4⌉·4) after the
 * module's static data; `backward` adds the gradient buffers, `extras` the dL/d(z, r, h̃) inputs.
 * Reserves the memory and returns the offsets.
 *
 * @example
 * const at = gruKernelLayout(gruWasm(), { batch: 64, time: 30, inputDim: 8, units: 128, resetAfter: true }, false, false);
 */
export function gruKernelLayout(wasm: GruWasm, s: GruKernelShape, backward: boolean, extras: boolean): GruKernelLayout {
  const hp = (s.units + 3) & ~3;
  const g = 3 * hp;
  const rows = s.batch * s.time;
  // four output slabs: forward h, z, r, h̃ (or backward dx, dh0) stay readable until the next call
  const stageFloats = 4 * rows * Math.max(s.units, s.inputDim, hp);
  const sizes: [keyof GruKernelLayout, number][] = [
    ["x", rows * s.inputDim], ["w", s.inputDim * g], ["u", hp * g], ["bIn", g], ["bRec", g],
    ["xw", rows * g], ["hs", (s.time + 1) * s.batch * hp], ["z", rows * hp], ["r", rows * hp], ["n", rows * hp],
    ["aux", rows * hp], ["hu", s.batch * g], ["packed", wasm.exports.packedRecurrentSize(hp)],
    ["scratch", KC * pad8(Math.max(g, s.inputDim))], ["tmp", 16], ["scratch2", KC * pad8(Math.max(g, s.inputDim))], ["tmp2", 16],
    ["stage", stageFloats],
  ];
  if (backward) {
    sizes.push(["dout", rows * hp], ["dgx", rows * g], ["dh", s.batch * hp], ["drh", s.batch * hp],
      ["dU", hp * g], ["dW", s.inputDim * g], ["dx", rows * s.inputDim], ["dBias", 2 * g]);
    if (s.resetAfter) sizes.push(["dgh", rows * g]);
    if (extras) sizes.push(["dzx", rows * hp], ["drx", rows * hp], ["dnx", rows * hp]);
  }
  const at = { hp } as GruKernelLayout;
  for (const key of ["dzx", "drx", "dnx", "dgh"] as const) at[key] = 0;
  let offset = wasm.heapBase;
  for (const [key, floats] of sizes) {
    at[key] = offset;
    offset += Math.ceil((floats * 4) / 64) * 64;
  }
  at.stateEnd = at.hu;
  at.end = offset;
  wasm.reserve(offset);
  return at;
}
