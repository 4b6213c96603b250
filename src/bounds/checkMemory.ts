import * as fs from "fs";
import { GRU_WASM_MAX_PAGES } from "../kernels/gruWasm";
import { estimateMemory, formatBytes, type MemoryEstimate, type MemoryEstimateInput } from "./estimateMemory";
import type { MemoryLimit } from "./memoryLimit";

/** The options a bound can point at, as CLI flags, and the estimate input each one sets. */
const KNOBS: Array<[flag: string, key: "units" | "batchSize" | "timesteps" | "rows"]> = [
  ["--units", "units"], ["--batch-size", "batchSize"], ["--timesteps", "timesteps"], ["--data (rows)", "rows"],
];

/** The fused kernel's memory cannot grow past this (src/kernels/gruWasm.ts). */
const KERNEL_MAX_BYTES = GRU_WASM_MAX_PAGES * 65536;

/**
 * Estimates a job's memory (estimateMemory) and throws, before anything is allocated, when the
 * peak is over `limit` or the fused kernel's buffers are over its 1 GiB memory. The message gives
 * the estimate and its largest parts, the limit and where it came from (and how to change it),
 * and for each option that would help the largest value that fits, e.g. "--units ≤ 9000".
 * Returns the estimate when it fits.
 *
 * @example
 * checkMemory({ units: 100000, timesteps: 14, features: 6, classes: 5, batchSize: 32, rows: 1461 }, memoryLimit());
 * // throws "…would need about 1.1 TiB … over the limit of 11.6 GiB (50% of free memory …) … --units ≤ …"
 */
export function checkMemory(input: MemoryEstimateInput, limit: MemoryLimit, what = "this run"): MemoryEstimate {
  const estimate = estimateMemory(input);
  const fits = (e: MemoryEstimate) => e.peak <= limit.bytes && e.kernelBytes <= KERNEL_MAX_BYTES;
  if (fits(estimate)) return estimate;
  const largest = [...estimate.parts].sort((a, b) => b.bytes - a.bytes).slice(0, 3)
    .map((p) => `${p.name} ${formatBytes(p.bytes)}`).join(", ");
  const hints = KNOBS.flatMap(([flag, key]) => {
    const best = largestFitting(input, key, fits);
    return best === null ? [] : [`${flag} ≤ ${best}`];
  });
  const overKernel = estimate.kernelBytes > KERNEL_MAX_BYTES;
  const reason = overKernel && estimate.peak <= limit.bytes
    ? `the fused GRU kernel would need ${formatBytes(estimate.kernelBytes)} of its ${formatBytes(KERNEL_MAX_BYTES)} memory`
    : `${what} would need about ${formatBytes(estimate.peak)} (${estimate.parameters.toLocaleString("en-US")} parameters; largest parts: ${largest}), ` +
      `over the memory limit of ${formatBytes(limit.bytes)} (${limit.source}; set GRULAB_MEMORY_LIMIT, e.g. GRULAB_MEMORY_LIMIT=16G, to change it)` +
      (overKernel ? `, and the fused GRU kernel would need ${formatBytes(estimate.kernelBytes)} of its ${formatBytes(KERNEL_MAX_BYTES)}` : "");
  const change = hints.length > 0 ? `lower ${hints.join(" or ")}` : "no single option brings it under the limit";
  const reference = overKernel && estimateMemory({ ...input, implementation: "tf-ops" }).peak <= limit.bytes;
  throw new Error(`memory bound: ${reason}. Stopped before allocating anything: ${change}` +
    (reference ? ` (or use --gru-implementation reference, which has no kernel memory limit)` : "") + ".");
}

/** The largest value of `key` below the current one for which `fits` holds, or null (binary search; memory grows with each key). */
function largestFitting(input: MemoryEstimateInput, key: (typeof KNOBS)[number][1], fits: (e: MemoryEstimate) => boolean): number | null {
  const min = key === "rows" ? 0 : 1;
  let lo = min;
  let hi = input[key] - 1;
  if (hi < lo || !fits(estimateMemory({ ...input, [key]: lo }))) return null;
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    if (fits(estimateMemory({ ...input, [key]: mid }))) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/**
 * The number of data rows of a CSV (lines after the header that are not blank), counted by
 * streaming it in 1 MiB chunks; 0 for a file that does not exist (its reader names it later).
 *
 * @example
 * countCsvRows("datasets/seattle-weather.csv") // 1461
 */
export function countCsvRows(file: string): number {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return 0;
  const fd = fs.openSync(file, "r");
  const buf = Buffer.alloc(1 << 20);
  let rows = 0;
  let lineHasText = false;
  try {
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) {
      for (let i = 0; i < n; i++) {
        const ch = buf[i];
        if (ch === 10) { if (lineHasText) rows++; lineHasText = false; } else if (ch !== 13 && ch !== 32) lineHasText = true;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  if (lineHasText) rows++;
  return Math.max(0, rows - 1);
}
