import * as os from "os";

/** Where a memory limit came from, for messages. */
export interface MemoryLimit {
  bytes: number;
  /** e.g. "50% of free memory (12.0 GiB)", "GRULAB_MEMORY_LIMIT=8G", "option memoryLimit". */
  source: string;
}

/** The share of free memory a job may plan to use when nothing else is said. */
export const DEFAULT_MEMORY_SHARE = 0.5;

const UNITS: Record<string, number> = { "": 1, b: 1, k: 2 ** 10, kb: 2 ** 10, kib: 2 ** 10, m: 2 ** 20, mb: 2 ** 20, mib: 2 ** 20, g: 2 ** 30, gb: 2 ** 30, gib: 2 ** 30, t: 2 ** 40, tb: 2 ** 40, tib: 2 ** 40 };

/**
 * Parses a memory size: bytes ("1500000000"), with a binary unit ("8G", "512MiB", "1.5gb"), or a
 * share of free memory ("75%"). `what` names the option or variable in the error.
 *
 * @example
 * parseMemorySize("8G", "GRULAB_MEMORY_LIMIT") // 8589934592
 */
export function parseMemorySize(text: string, what: string, freeBytes = os.freemem()): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z%]*)\s*$/i.exec(text);
  const unit = m?.[2].toLowerCase() ?? "";
  if (m && unit === "%" && Number(m[1]) > 0 && Number(m[1]) <= 100) return Math.floor((Number(m[1]) / 100) * freeBytes);
  if (!m || !(unit in UNITS) || !(Number(m[1]) > 0)) {
    throw new Error(`${what}: "${text}" is not a memory size; expected bytes or a number with K, M, G or T (e.g. 8G, 512M) or a share of free memory (e.g. 75%)`);
  }
  return Math.floor(Number(m[1]) * UNITS[unit]);
}

/**
 * The memory a job may plan to use: `option` if given (bytes or text as parseMemorySize reads
 * it), else the environment variable GRULAB_MEMORY_LIMIT, else DEFAULT_MEMORY_SHARE of the
 * free memory the system reports now (os.freemem()).
 *
 * @example
 * memoryLimit().bytes; // e.g. half of the free memory
 * memoryLimit("8G").source; // "option memoryLimit (8G)"
 */
export function memoryLimit(option?: number | string, env: NodeJS.ProcessEnv = process.env): MemoryLimit {
  if (option !== undefined) {
    const bytes = typeof option === "number" ? option : parseMemorySize(option, "option memoryLimit");
    if (!(bytes > 0)) throw new Error(`option memoryLimit: ${option}, expected a positive number of bytes`);
    return { bytes, source: `option memoryLimit (${option})` };
  }
  const fromEnv = env.GRULAB_MEMORY_LIMIT;
  if (fromEnv !== undefined && fromEnv !== "") {
    return { bytes: parseMemorySize(fromEnv, "GRULAB_MEMORY_LIMIT"), source: `GRULAB_MEMORY_LIMIT=${fromEnv}` };
  }
  const free = os.freemem();
  return { bytes: Math.floor(DEFAULT_MEMORY_SHARE * free), source: `${100 * DEFAULT_MEMORY_SHARE}% of free memory (${(free / 2 ** 30).toFixed(1)} GiB free)` };
}
