// The one-hot input of a fused recurrent kernel given as ids (OneHotLayer's output, src/kernels/oneHotIds.ts):
// x·W + b is a gather of kernel rows, and dL/dW a scatter of the steps' gate gradients. Shared by
// the GRU (3 gate blocks) and the LSTM / SimpleRNN (4 and 1) kernels' JS glue.
import type { KernelMemory } from "./wasmKernel";

/** The sizes of a gather or scatter: G gate blocks of `units`, each padded to `hp` in the kernel's rows. */
export interface GateRowsShape {
  batch: number;
  time: number;
  /** The one-hot depth: the kernel's rows. */
  depth: number;
  gates: number;
  units: number;
  hp: number;
}

/**
 * Writes the gate rows of x·W + b for one-hot inputs of `ids` ([batch, time], batch-major) into
 * the kernel memory at byte offset `dst`, time-major (row t·batch + b, G·hp floats each, padding
 * 0): row = kernel[id] + bias (the first G·units values of `bias`; an id outside 0 … depth − 1,
 * an all-zero one-hot row, gives the bias alone) — what the input GEMM computes from the one-hot
 * rows (1·w_id plus exact zeros, then + b), without it. The depth + 1 distinct rows are built once
 * at byte offset `free` (above every buffer of the call; reserved here).
 *
 * @example
 * gatherGateRows(kernel, { batch, time, depth: 96, gates: 4, units: H, hp }, ids, inputs.kernel, inputs.bias, at.act, at.end);
 */
export function gatherGateRows(k: KernelMemory, s: GateRowsShape, ids: Int32Array, kernel: Float32Array, bias: Float32Array | null,
                               dst: number, free: number): void {
  const { depth: V, gates: G, units: H, hp } = s;
  const gp = G * hp;
  const table = new Float32Array((V + 1) * gp);
  for (let v = 0; v <= V; v++) {
    for (let q = 0; q < G; q++) {
      for (let j = 0; j < H; j++) {
        const b = bias ? bias[q * H + j] : 0;
        table[v * gp + q * hp + j] = v < V ? kernel[v * G * H + q * H + j] + b : b;
      }
    }
  }
  const tableAt = Math.ceil(free / 64) * 64;
  k.reserve(tableAt + table.length * 4);
  const mem = k.f32();
  mem.set(table, tableAt / 4);
  const out = dst / 4, from = tableAt / 4;
  for (let t = 0, row = 0; t < s.time; t++) {
    for (let b = 0; b < s.batch; b++, row++) {
      const id = ids[b * s.time + t];
      const v = id >= 0 && id < V ? id : V;
      mem.copyWithin(out + row * gp, from + v * gp, from + (v + 1) * gp);
    }
  }
}

/**
 * dL/dW [depth, G·units] of one-hot inputs: row v sums the gate gradients (time-major rows
 * t·batch + b of G·hp floats at float offset `dg` of `mem`) over the steps whose id is v, in
 * float64 (ids outside 0 … depth − 1, all-zero rows, add nothing).
 *
 * @example
 * const dKernel = scatterGateRows(kernel.f32(), at.dg / 4, ids, { batch, time, depth: 96, gates: 4, units: H, hp });
 */
export function scatterGateRows(mem: Float32Array, dg: number, ids: Int32Array, s: GateRowsShape): Float32Array {
  const { depth, gates: G, units: H, hp } = s;
  const gp = G * hp;
  const sums = new Float64Array(depth * G * H);
  for (let t = 0, row = 0; t < s.time; t++) {
    for (let b = 0; b < s.batch; b++, row++) {
      const v = ids[b * s.time + t];
      if (!(v >= 0 && v < depth)) continue;
      const src = dg + row * gp, dst = v * G * H;
      for (let q = 0; q < G; q++) for (let j = 0; j < H; j++) sums[dst + q * H + j] += mem[src + q * hp + j];
    }
  }
  return Float32Array.from(sums);
}
