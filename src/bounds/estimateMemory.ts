import { gruKernelLayout } from "../kernels/gruKernelLayout";
import { gruKernel } from "../kernels/gruKernel";
import { estimateBaselineMemory } from "./estimateBaselineMemory";

/** What a GRU classifier job will hold: the sizes that drive its memory. */
export interface MemoryEstimateInput {
  /** GRU units H. */
  units: number;
  /** Time steps T per window. */
  timesteps: number;
  /** Input features D per step. */
  features: number;
  /** Output classes C (Dense(C) after the GRU). */
  classes: number;
  batchSize: number;
  /** Data rows (days); each becomes about one window. */
  rows: number;
  /** "fused": grulab's WebAssembly kernel (its buffers are counted); "tf-ops": tfjs ops (reference or tf.layers.gru). Default "fused". */
  implementation?: "fused" | "tf-ops";
  /** Early stopping keeps a copy of the best weights (default true). */
  keepsBestWeights?: boolean;
  /**
   * After training, a logistic regression on the flattened windows (estimateBaselineMemory, the
   * tutorial's baseline) runs while the model, its optimizer and the data are still held (default false).
   */
  flatBaseline?: boolean;
}

/** One part of an estimate: a name, bytes, and the options it grows with. */
export interface MemoryPart {
  name: string;
  bytes: number;
  /** The options (as CLI flags) this part grows with, e.g. ["--units"]. */
  grows: string[];
}

/** The estimate: every part, the peak (setup and training do not overlap fully) and the parameter count. */
export interface MemoryEstimate {
  parameters: number;
  parts: MemoryPart[];
  /** Peak bytes: weights + max(setup transient, training state) + data. */
  peak: number;
  /** Bytes of the fused kernel's WebAssembly memory (0 for tf-ops); it cannot exceed GRU_WASM_MAX_PAGES·64 KiB. */
  kernelBytes: number;
}

/**
 * What a job holds above a process that only loaded grulab, at the smallest sizes: the backend's
 * and the kernels' initial heaps, traces and the report. Measured: gru-vs-lstm --length 50
 * --gru-units 32 --train-samples 2048 peaked 220 MiB above such a process when it ran in one
 * process (165–169 MiB with --workers 0 on 2026-12-07); the tutorial at
 * 100,000 and 500,000 rows needs it too (docs/reliability.md).
 */
export const JOB_OVERHEAD = 160 * 2 ** 20;
/** Host bytes per data row besides its window tensors, measured (docs/reliability.md): typed columns, raw and scaled rows, labels. */
export const HOST_BYTES_PER_ROW = 160;
/** The validation pass runs in batches of at least this many windows (train.ts: max(batchSize, 256)). */
const EVAL_BATCH = 256;
/** tf-ops GRUs keep about this many [batch, time, units] float32 tensors per step for backprop (rough, from tf.memory() of the reference). */
const TF_OPS_TENSORS_PER_STEP = 16;

/**
 * Estimates, before anything is built, the memory of a GRU(H) → Dense(C) classifier trained with
 * Adam on windows of a CSV: a fixed JOB_OVERHEAD (backend and kernel heaps, report), weights (4·P bytes for P parameters), Adam's two moment slots (8·P),
 * gradients and the weight copies the train loop reads (8·P, +4·P with early stopping), the
 * orthogonal initializer's float64 workspace at setup (36·H² bytes), the fused kernel's buffers
 * (its own layout, for the training batch and the validation batch) and the data: window tensors
 * (rows·(T·D + C)·4 bytes, twice while they are uploaded) and HOST_BYTES_PER_ROW per row.
 * Pure arithmetic apart from reading the kernel's layout (no memory is reserved).
 *
 * @example
 * const e = estimateMemory({ units: 128, timesteps: 14, features: 6, classes: 5, batchSize: 32, rows: 1461 });
 * console.log(formatBytes(e.peak));
 */
export function estimateMemory(input: MemoryEstimateInput): MemoryEstimate {
  const { units: h, timesteps: t, features: d, classes: c, batchSize: b, rows } = input;
  for (const [name, v, min] of [["units", h, 1], ["timesteps", t, 1], ["features", d, 1], ["classes", c, 1], ["batchSize", b, 1], ["rows", rows, 0]] as const) {
    if (!Number.isSafeInteger(v) || v < min) throw new Error(`estimateMemory: option ${name} must be an integer ≥ ${min}, got ${v}`);
  }
  const fused = (input.implementation ?? "fused") === "fused";
  const parameters = 3 * h * d + 3 * h * h + 6 * h + h * c + c;
  const p4 = 4 * parameters;
  const kernelBytes = fused ? Math.max(kernelEnd(b, t, d, h, true), kernelEnd(Math.max(b, EVAL_BATCH), t, d, h, false)) : 0;
  // Per training step: the forward state copied for backward (fused), or tfjs's per-step tensors.
  const stepBytes = fused ? 4 * (t + 1) * b * pad4(h) * 5 + 4 * 4 * b * t * h : 4 * TF_OPS_TENSORS_PER_STEP * b * t * h;
  const windowBytes = 4 * rows * (t * d + c);
  const units = ["--units"];
  const parts: MemoryPart[] = [
    { name: "backend, kernels and report at their smallest", bytes: JOB_OVERHEAD, grows: [] },
    { name: "weights", bytes: p4, grows: units },
    { name: "Adam state (2 slots)", bytes: 2 * p4 + 8, grows: units }, // + its two float32 beta powers
    { name: "gradients and weight copies", bytes: (input.keepsBestWeights ?? true ? 3 : 2) * p4, grows: units },
    { name: "orthogonal initializer (setup)", bytes: 36 * h * h, grows: units },
    { name: "fused kernel memory", bytes: kernelBytes, grows: ["--units", "--batch-size", "--timesteps"] },
    { name: "activations of a step", bytes: stepBytes, grows: ["--units", "--batch-size", "--timesteps"] },
    { name: "data: window tensors", bytes: windowBytes, grows: ["--data (rows)", "--timesteps"] },
    { name: "data: upload copy and columns", bytes: windowBytes + HOST_BYTES_PER_ROW * rows, grows: ["--data (rows)", "--timesteps"] },
  ];
  // The baseline's windows: 70 / 15 / 15 % of the rows (each split a little fewer: its first days start no window).
  const baseline = input.flatBaseline ? estimateBaselineMemory({
    windows: { train: Math.ceil(0.7 * rows), validation: Math.ceil(0.15 * rows), test: Math.ceil(0.15 * rows) }, features: t * d, classes: c,
  }).bytes : 0;
  if (input.flatBaseline) parts.push({ name: "baseline on the flattened windows (after training)", bytes: baseline, grows: ["--data (rows)", "--timesteps"] });
  const of = (name: string) => parts.find((q) => q.name === name)!.bytes;
  const training = of("Adam state (2 slots)") + of("gradients and weight copies") + of("fused kernel memory") + of("activations of a step");
  // The baseline runs after training, with the model, Adam and the kernel's memory still held (the activations counted too: the safe side).
  const peak = JOB_OVERHEAD + of("weights") + Math.max(of("orthogonal initializer (setup)"), training + baseline) + windowBytes + of("data: upload copy and columns");
  return { parameters, parts, peak, kernelBytes };
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** End offset of the fused kernel's buffers for one call (its own layout function; nothing is reserved). */
function kernelEnd(batch: number, time: number, inputDim: number, units: number, backward: boolean): number {
  const kernel = { ...gruKernel(), reserve: () => undefined };
  return gruKernelLayout(kernel, { batch, time, inputDim, units, resetAfter: true }, backward, false).end;
}

/**
 * Bytes as text with a binary unit (B, KiB, MiB, GiB, TiB).
 *
 * @example
 * formatBytes(3 * 2 ** 30) // "3.0 GiB"
 */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}
