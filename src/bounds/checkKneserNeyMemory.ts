import { estimateKneserNeyMemory, type KneserNeyMemorySizes } from "./estimateKneserNeyMemory";
import { formatBytes } from "./estimateMemory";
import { memoryLimit } from "./memoryLimit";

/**
 * Refuses, before counting, a Kneser–Ney model whose upper-bound estimate
 * (estimateKneserNeyMemory) is over the memory limit (`memoryLimit` option, else
 * GRULAB_MEMORY_LIMIT, else half of the free memory): the message gives the sizes, the estimate,
 * the limit with its source, and the highest order that would fit. Returns the estimate in bytes
 * when it fits.
 *
 * @example
 * checkKneserNeyMemory({ characters: 2_831_140, order: 20, vocabSize: 95 }, { memoryLimit: "8G" });
 */
export function checkKneserNeyMemory(sizes: KneserNeyMemorySizes, options: { memoryLimit?: number | string } = {}): number {
  const { bytes } = estimateKneserNeyMemory(sizes);
  const limit = memoryLimit(options.memoryLimit);
  if (bytes <= limit.bytes) return bytes;
  let fitting = 0;
  while (fitting < sizes.order - 1 && estimateKneserNeyMemory({ ...sizes, order: fitting + 1 }).bytes <= limit.bytes) fitting++;
  const counted = sizes.distinctGrams !== undefined ? ` holding ${(1 + sizes.distinctGrams.slice(0, sizes.order).reduce((a, b) => a + b, 0)).toLocaleString("en-US")} distinct strings` : "";
  const n = (v: number) => v.toLocaleString("en-US");
  throw new Error(`memory bound: a Kneser–Ney model of order ${sizes.order} on ${n(sizes.characters)} training characters (${sizes.vocabSize} symbols)${counted} ` +
    `may need up to ${formatBytes(bytes)}, over the memory limit of ${formatBytes(limit.bytes)} (${limit.source}; set GRULAB_MEMORY_LIMIT, e.g. GRULAB_MEMORY_LIMIT=16G, to change it). ` +
    `Stopped before counting: ${fitting > 0 ? `use order ${fitting} or lower, or` : "use"} a shorter training text.`);
}
