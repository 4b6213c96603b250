import { GRU_WASM_MAX_PAGES } from "../kernels/gruWasm";
import { estimateMemory, formatBytes, JOB_OVERHEAD } from "./estimateMemory";
import { memoryLimit } from "./memoryLimit";

/**
 * The sizes that drive a recurrent job's memory (any cell, any number of layers), each with the
 * CLI flag that sets it, for {@link checkJobMemory}.
 *
 * @example
 * const sizes: JobMemorySizes = { job: "forecast", cell: "gru", units: 32, timesteps: 24, features: 1, outputs: 12, batchSize: 32, windows: 600, flags: { units: "--units" } };
 */
export interface JobMemorySizes {
  /** The job's name for the message ("forecast", "charlm", "gru-vs-lstm"). */
  job: string;
  /** The largest cell the job builds: its gate count sets the parameters (GRU 3, LSTM 4, SimpleRNN 1). */
  cell: "gru" | "lstm" | "simpleRnn";
  units: number;
  /** Recurrent layers (default 1). */
  layers?: number;
  timesteps: number;
  /** Input values per step (one-hot symbols count one each). */
  features: number;
  /** Outputs of the last layer per window (all steps' outputs for a sequence model). */
  outputs: number;
  batchSize: number;
  /** Windows held in memory over all splits. */
  windows: number;
  /** Target values per window (default `outputs`). */
  targets?: number;
  /**
   * Worker processes that run the job's trials, one at a time each (a sweep's localExecutor:
   * `--workers`, default one per core); 0 or absent (default): this process runs every trial
   * (`--workers 0`, `grulab resume`). With N ≥ 1 the estimate is the whole sweep's: each worker
   * counted as a whole process (it loads node, tfjs and grulab itself, and may run any cell), plus
   * what the sweep's own process adds (SWEEP_PROCESS).
   */
  workers?: number;
  /** Trials the job runs (default: at least `workers`): workers beyond this many never run one and are counted at their smallest (WORKER_PROCESS). */
  trials?: number;
  /** The CLI flag of each size the message may suggest lowering, e.g. { units: "--units", timesteps: "--length", workers: "--workers" }. */
  flags: Partial<Record<"units" | "timesteps" | "features" | "windows" | "batchSize" | "workers", string>>;
  /**
   * The cells the job runs through grulab's fused kernels, one after another (default [cell]): each
   * kernel keeps its own memory at its high-water mark. Its size is the GRU kernel's layout
   * (estimateMemory) scaled by gates/3 for LSTM and SimpleRNN. [] for a job without fused kernels.
   */
  kernelCells?: Array<"gru" | "lstm" | "simpleRnn">;
  /** The options as given, for the message (default the flags' values), e.g. "--length 100 --train-samples 1000000000". */
  given?: string;
  /** Overrides GRULAB_MEMORY_LIMIT and the default share of free memory. */
  memoryLimit?: number | string;
}

const GATES = { gru: 3, lstm: 4, simpleRnn: 1 } as const;

/**
 * A sweep worker process at its smallest, the whole process (node, tfjs, grulab and the kernels
 * loaded: about 120 MiB idle), before its trial's parts. Measured 2026-12-07 (docs/reliability.md):
 * a worker that ran all three gru-vs-lstm cells at T 50 peaked at 264 MiB, 204 MiB above its trial
 * parts; 240 MiB keeps that under the bound with room for the spread between runs.
 *
 * @example
 * WORKER_PROCESS / 2 ** 20 // 240
 */
export const WORKER_PROCESS = 240 * 2 ** 20;

/**
 * What the sweep's own process adds above a process that only loaded grulab while its workers run
 * the trials (the plan, the results table, the report; it reads back each trial's config.json and
 * history.csv, not its traces). Measured 1–3 MiB at T 50 and 200 (docs/reliability.md).
 *
 * @example
 * SWEEP_PROCESS / 2 ** 20 // 32
 */
export const SWEEP_PROCESS = 32 * 2 ** 20;
/** tfjs keeps about this many [batch, time, units] float32 tensors per layer and step for backprop (as estimateMemory's tf-ops case). */
const TENSORS_PER_STEP = 16;
/** The validation pass runs in batches of at least this many windows (train.ts). */
const EVAL_BATCH = 256;

/**
 * Estimated peak bytes of a job with these sizes (see checkJobMemory): weights 4P, Adam 8P,
 * gradients and weight copies 12P (P parameters), the larger of the orthogonal initializer's
 * 36·H² and the activations of a training step (16 float32 [batch, T, H] tensors per layer, or a
 * validation batch of 256), each fused kernel's memory, the data (inputs and targets as float32,
 * twice while uploaded) and a fixed 160 MiB a job holds at its smallest. Measured against the peak
 * RSS above a process that only loaded grulab: 0.75–0.92 of the estimate for gru-vs-lstm in one
 * process (`--workers 0`).
 *
 * With `workers` N ≥ 1 (a sweep's worker processes) `perProcess` is one worker's bound, the whole
 * process: WORKER_PROCESS in place of the fixed 160 MiB, and every kernel cell (over a sweep a
 * worker may run any cell); `peak` is the sweep's: SWEEP_PROCESS + N workers (those beyond
 * `trials` at WORKER_PROCESS alone). Measured 2026-12-07 for gru-vs-lstm with 1 and 2 workers: each
 * worker's peak RSS 0.61–0.88 of `perProcess`, the sweep's new memory (the workers' whole RSS and
 * what the sweep's own process grew) 0.63–0.71 of `peak` (docs/reliability.md).
 *
 * @example
 * estimateJobMemory({ job: "forecast", cell: "gru", units: 32, timesteps: 24, features: 1, outputs: 12, batchSize: 32, windows: 600, flags: {} })
 * estimateJobMemory({ job: "gru-vs-lstm", cell: "gru", units: 32, timesteps: 50, features: 2, outputs: 1, targets: 1, batchSize: 32, windows: 2816, kernelCells: ["gru", "lstm", "simpleRnn"], workers: 2, trials: 3, flags: {} }).peak // ≈ 632 MiB: 32 MiB + 2 × 300 MiB
 */
export function estimateJobMemory(s: JobMemorySizes): { peak: number; perProcess: number; processes: number; parameters: number; parts: Array<[string, number]>; kernelBytes: number } {
  const g = GATES[s.cell];
  const layers = s.layers ?? 1;
  const h = s.units;
  let parameters = 0;
  const biases = s.cell === "gru" ? 2 : 1; // grulab's GRU keeps reset_after's two bias vectors; LSTM and SimpleRNN one
  for (let l = 0; l < layers; l++) parameters += g * (h * (l === 0 ? s.features : h) + h * h + biases * h);
  parameters += h * s.outputs + s.outputs;
  const activations = layers * 4 * TENSORS_PER_STEP * Math.max(s.batchSize, EVAL_BATCH / 4) * s.timesteps * h;
  const data = 2 * 4 * s.windows * (s.timesteps * s.features + (s.targets ?? s.outputs));
  // The fused GRU kernel's own layout (training batch and validation batch), one per layer and cell.
  const gruKernel = estimateMemory({ units: h, timesteps: s.timesteps, features: layers > 1 ? Math.max(s.features, h) : s.features, classes: 1, batchSize: s.batchSize, rows: 0 }).kernelBytes;
  const kernelBytes = layers * (s.kernelCells ?? [s.cell]).reduce((sum, c) => sum + Math.ceil((gruKernel * GATES[c]) / 3), 0);
  const workers = s.workers ?? 0;
  const fixed = workers > 0 ? WORKER_PROCESS : JOB_OVERHEAD;
  const parts: Array<[string, number]> = [
    ["weights, Adam state, gradients and copies", 24 * parameters],
    ["activations of a step", activations],
    ["orthogonal initializer (setup)", 36 * h * h],
    ["fused kernel memory", kernelBytes],
    ["data (inputs and targets, with the upload copy)", data],
    [workers > 0 ? "the worker process at its smallest" : "backend, kernels and report at their smallest", fixed],
  ];
  const perProcess = fixed + 24 * parameters + Math.max(activations, 36 * h * h) + kernelBytes + data;
  const busy = Math.min(workers, s.trials ?? workers);
  const peak = workers > 0 ? SWEEP_PROCESS + busy * perProcess + (workers - busy) * WORKER_PROCESS : perProcess;
  return { peak, perProcess, processes: Math.max(workers, 1), parameters, parts, kernelBytes: Math.ceil(gruKernel * layers) };
}

/**
 * The memory bound of the forecast, charlm and gru-vs-lstm jobs (and their `grulab resume`):
 * estimates the peak (estimateJobMemory) from the options alone, before any data or model
 * exists, and throws over the limit (GRULAB_MEMORY_LIMIT, else half of the free memory) naming
 * the estimate, its largest parts, the limit and, per option, the largest value that fits.
 * Sizes that are not positive safe integers are refused too (the typed arrays could not hold them).
 * The measured peak of a process running the whole job stays between half the estimate and the
 * estimate (test/bounds/checkJobMemory.test.ts, gru-vs-lstm --workers 0; larger sizes in
 * docs/reliability.md): the bound errs on the safe side by at most a factor of 2 there.
 * With `workers` N ≥ 1 the limit is held against the whole sweep (N worker processes and the
 * sweep's own), the message says so with one worker's share, and `--workers` is among the
 * options it may suggest lowering (`--workers 0`: the trials in this process, one process's bound).
 *
 * @example
 * checkJobMemory({ job: "gru-vs-lstm", cell: "lstm", units: 64, timesteps: 1e8, features: 2, outputs: 1, batchSize: 32, windows: 1792, flags: { timesteps: "--length" } });
 * // throws "memory bound: gru-vs-lstm with --length 100000000 would need about 2.6 TiB …"
 */
export function checkJobMemory(s: JobMemorySizes): void {
  for (const key of ["units", "timesteps", "features", "outputs", "batchSize", "windows"] as const) {
    const v = s[key];
    if (!Number.isSafeInteger(v) || v < 1) throw new Error(`${s.job}${s.given ? ` with ${s.given}` : ""}: ${s.flags[key as keyof JobMemorySizes["flags"]] ?? key} comes to ${v}, expected a whole number from 1 to ${Number.MAX_SAFE_INTEGER}: lower the option`);
  }
  for (const key of ["workers", "trials"] as const) {
    const v = s[key];
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) throw new Error(`${s.job}: ${s.flags[key as keyof JobMemorySizes["flags"]] ?? key} comes to ${v}, expected a whole number ≥ 0`);
  }
  const limit = memoryLimit(s.memoryLimit);
  const e = estimateJobMemory(s);
  const kernelMax = GRU_WASM_MAX_PAGES * 65536;
  const fits = (x: ReturnType<typeof estimateJobMemory>) => x.peak <= limit.bytes && ((s.kernelCells ?? [s.cell]).length === 0 || x.kernelBytes / (s.layers ?? 1) <= kernelMax);
  if (fits(e)) return;
  const given = s.given ?? (Object.entries(s.flags) as Array<[keyof JobMemorySizes["flags"], string]>).map(([k, flag]) => `${flag} ${s[k] ?? 0}`).join(" ");
  const largest = [...e.parts].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([n, b]) => `${n} ${formatBytes(b)}`).join(", ");
  const hints = (Object.entries(s.flags) as Array<[keyof JobMemorySizes["flags"], string]>).flatMap(([k, flag]) => {
    let lo = k === "workers" ? 0 : 1; // --workers 0: the trials in this process
    let hi = (s[k] ?? 0) - 1;
    const ok = (v: number) => fits(estimateJobMemory({ ...s, [k]: v }));
    if (hi < lo || !ok(lo)) return [];
    while (lo < hi) { const mid = Math.floor((lo + hi + 1) / 2); if (ok(mid)) lo = mid; else hi = mid - 1; }
    return [k === "workers" && lo === 0 ? `${flag} to 0 (the trials in this process)` : `${flag} ≤ ${lo}`];
  });
  const over = e.peak > limit.bytes
    ? `over the memory limit of ${formatBytes(limit.bytes)} (${limit.source}; set GRULAB_MEMORY_LIMIT, e.g. GRULAB_MEMORY_LIMIT=16G, to change it)`
    : `and its fused GRU kernel would need ${formatBytes(e.kernelBytes / (s.layers ?? 1))} of its ${formatBytes(kernelMax)} memory`;
  const workers = s.workers ?? 0;
  const share = workers > 0
    ? `${workers} worker process${workers === 1 ? "" : "es"} of about ${formatBytes(e.perProcess)} each and ${formatBytes(SWEEP_PROCESS)} for the sweep's own; ${e.parameters.toLocaleString("en-US")} parameters; largest parts of a worker: ${largest}`
    : `${e.parameters.toLocaleString("en-US")} parameters; largest parts: ${largest}`;
  throw new Error(`memory bound: ${s.job} with ${given} would need about ${formatBytes(e.peak)} (${share}), ` +
    `${over}. ` +
    `Stopped before allocating anything: ${hints.length ? `lower ${hints.join(" or ")}` : `no single option brings it under the limit: lower the sizes given (${given})`}.`);
}
