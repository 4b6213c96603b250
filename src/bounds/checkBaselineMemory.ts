import { estimateBaselineMemory, type BaselineMemorySizes } from "./estimateBaselineMemory";
import { formatBytes } from "./estimateMemory";
import { memoryLimit } from "./memoryLimit";

/**
 * Refuses, before the windows are flattened, a logistic-regression baseline whose estimate
 * (estimateBaselineMemory) is over the memory limit (`memoryLimit` option, else GRULAB_MEMORY_LIMIT,
 * else half of the free memory): the message gives the sizes, the estimate, the limit with its
 * source, and the most training windows that would fit. Returns the estimate in bytes when it fits.
 *
 * @example
 * checkBaselineMemory({ windows: { train: 350_000, validation: 75_000, test: 75_000 }, features: 84, classes: 5 }, { memoryLimit: "100M" });
 * // throws "memory bound: the logistic-regression baseline on 350,000 + 75,000 + 75,000 flattened windows of 84 values would need about 389.4 MiB …"
 */
export function checkBaselineMemory(sizes: BaselineMemorySizes, options: { memoryLimit?: number | string } = {}): number {
  const { bytes } = estimateBaselineMemory(sizes);
  const limit = memoryLimit(options.memoryLimit);
  if (bytes <= limit.bytes) return bytes;
  const w = sizes.windows;
  const total = w.train + w.validation + w.test;
  // Every part but L-BFGS's vectors is proportional to the windows: scale them down together to the limit.
  const fixed = estimateBaselineMemory({ ...sizes, windows: { train: 0, validation: 0, test: 0 } }).bytes;
  const fitting = Math.max(0, Math.floor((total * (limit.bytes - fixed)) / (bytes - fixed)));
  const n = (v: number) => v.toLocaleString("en-US");
  throw new Error(`memory bound: the logistic-regression baseline on ${n(w.train)} + ${n(w.validation)} + ${n(w.test)} flattened windows of ${sizes.features} values ` +
    `would need about ${formatBytes(bytes)}, over the memory limit of ${formatBytes(limit.bytes)} (${limit.source}; set GRULAB_MEMORY_LIMIT, e.g. GRULAB_MEMORY_LIMIT=16G, to change it). ` +
    `Stopped before flattening them: use at most about ${n(fitting)} windows in all (a shorter --data file), fewer --timesteps, or the MLP baseline (option hidden > 0), which trains on the window tensors.`);
}
