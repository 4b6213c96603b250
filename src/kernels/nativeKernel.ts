// The one rule for choosing between a fused kernel's native addon and its WebAssembly build
// (GRULAB_KERNEL, and which native build this CPU runs), and the loading of an addon onto a
// kernel's memory: used by the GRU (gruKernel.ts), the LSTM/SimpleRNN (rnnKernelModule.ts) and
// their worker thread (kernelWorker.ts).
//
// No native build is made for the machine that built it: scripts/build-kernels.js compiles each
// kernel once per CPU level (native/<kernel>-avx512.node for x86-64-v4, -avx2.node for x86-64-v3,
// -portable.node for the architecture's baseline) and a CPU probe (native/cpu.node, baseline code
// only, safe to load on every CPU of its architecture). Here the probe says what this CPU runs and
// the best build at or below that level is loaded; code for a better CPU is never loaded, so it
// can never stop the process with an illegal instruction.
import * as fs from "fs";
import * as path from "path";

/**
 * What every native addon exports besides its kernel's phases (src/kernels/native/addon.h).
 *
 * @example
 * const addon: NativeAddonBase = loadNativeKernel(path, memory); addon.flavour(); // "native-avx512"
 */
export interface NativeAddonBase {
  setMemory(view: Uint8Array): void;
  /** The vector width in floats: units are padded to a multiple of it. */
  unitAlign(): number;
  /** "native-avx512", "native-avx2" or "native-portable". */
  flavour(): string;
  /** The CPU the calling thread runs on now; -1 where unknown (not Linux). */
  threadCpu(): number;
  /**
   * Keeps the calling thread off CPU `cpu`: its allowed CPUs become those it had at its first
   * call minus `cpu` (-1, or a single allowed CPU: all of them again). 1 if `cpu` is now left
   * out, else 0. Only the calling thread changes (the kernel's worker keeps off the caller's CPU).
   */
  keepOffCpu(cpu: number): number;
  /** Names the calling thread (at most 15 bytes), as `top -H` and /proc/<pid>/task/<tid>/comm show it. */
  nameThread(name: string): void;
}

/** A native build of the kernels, by the CPU level it needs (best first in NATIVE_VARIANTS). */
export type NativeVariant = "avx512" | "avx2" | "portable";

/**
 * The native builds, best first: AVX-512 (x86-64-v4), AVX2 + FMA (x86-64-v3), the architecture's
 * baseline (x86-64, or whatever the compiler targets on another architecture).
 *
 * @example
 * for (const v of NATIVE_VARIANTS) console.log(nativeKernelPath("gru", v));
 */
export const NATIVE_VARIANTS: readonly NativeVariant[] = ["avx512", "avx2", "portable"];

/** A fused kernel with a native build: the GRU's (gru-*.node) or the LSTM/SimpleRNN's (rnn-*.node). */
export type NativeKernelName = "gru" | "rnn";

/**
 * Where scripts/build-kernels.js writes the native build `variant` of kernel `name` (it may not exist).
 *
 * @example
 * fs.existsSync(nativeKernelPath("rnn", "avx2")); // …/native/rnn-avx2.node
 */
export function nativeKernelPath(name: NativeKernelName, variant: NativeVariant): string {
  return path.join(__dirname, "native", `${name}-${variant}.node`);
}

let cpu: NativeVariant | null | undefined;

/**
 * The best native build this CPU runs, from the CPU probe native/cpu.node (which tests the CPU's
 * features with __builtin_cpu_supports); null when the probe was not built or does not load here
 * (another architecture or OS than the one it was built for). Asked once per process.
 *
 * @example
 * cpuVariant(); // "avx2" on a Haswell
 */
export function cpuVariant(): NativeVariant | null {
  if (cpu !== undefined) return cpu;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const v = (require(path.join(__dirname, "native", "cpu.node")) as { cpuVariant(): string }).cpuVariant();
    cpu = NATIVE_VARIANTS.includes(v as NativeVariant) ? (v as NativeVariant) : null;
  } catch {
    cpu = null;
  }
  return cpu;
}

/**
 * The best native build of kernel `name` this CPU runs that was built (whatever GRULAB_KERNEL
 * says), or null: none was built, or the CPU probe does not load here.
 *
 * @example
 * const kernels = bestNativeKernel("gru") ? ["native", "wasm"] : ["wasm"];
 */
export function bestNativeKernel(name: NativeKernelName): string | null {
  const level = cpuVariant();
  if (level === null) return null;
  return NATIVE_VARIANTS.slice(NATIVE_VARIANTS.indexOf(level)).map((v) => nativeKernelPath(name, v)).find((f) => fs.existsSync(f)) ?? null;
}

const CHOICES = ["native", "wasm", ...NATIVE_VARIANTS.map((v) => `native-${v}`)];

/**
 * Which build of kernel `name` to run, by GRULAB_KERNEL: unset (the best native build this CPU
 * runs, else WebAssembly), "native" (the same, an error if there is none), "native-avx512",
 * "native-avx2" or "native-portable" (that build; an error if it was not built or this CPU cannot
 * run it), or "wasm". Returns the addon's path, or null for WebAssembly. Any other value is an
 * error naming the variable.
 *
 * @example
 * const addonPath = nativeKernelChoice("gru"); if (addonPath) loadNativeKernel(addonPath, memory);
 */
export function nativeKernelChoice(name: NativeKernelName): string | null {
  const want = process.env.GRULAB_KERNEL ?? "";
  if (want !== "" && !CHOICES.includes(want)) throw new Error(`GRULAB_KERNEL: "${want}", expected one of ${CHOICES.join(", ")}`);
  if (want === "wasm") return null;
  const level = cpuVariant();
  const runnable = level === null ? [] : NATIVE_VARIANTS.slice(NATIVE_VARIANTS.indexOf(level));
  const howToBuild = "npm rebuild grulab builds them, with a C compiler and node_api.h; GRULAB_KERNEL=wasm runs the WebAssembly kernel instead";
  if (want.startsWith("native-")) {
    const variant = want.slice("native-".length) as NativeVariant;
    const file = nativeKernelPath(name, variant);
    if (level === null) throw new Error(`GRULAB_KERNEL=${want}: the CPU probe native/cpu.node was not built or does not load here (${howToBuild})`);
    if (!runnable.includes(variant)) throw new Error(`GRULAB_KERNEL=${want}: this CPU runs at most native-${level}`);
    if (!fs.existsSync(file)) throw new Error(`GRULAB_KERNEL=${want}: ${file} was not built (${howToBuild})`);
    return file;
  }
  const file = bestNativeKernel(name);
  if (file === null && want === "native") {
    throw new Error(`GRULAB_KERNEL=native: no native build of the ${name} kernel for this CPU (${level ?? "no CPU probe"}) was built (${howToBuild})`);
  }
  return file;
}

/**
 * Loads the addon at `nativePath` and points it at `memory` (a shared WebAssembly.Memory never
 * moves, so once per thread is enough). Throws if it is missing or does not load.
 *
 * @example
 * const addon = loadNativeKernel<RnnKernelExports>(nativeKernelChoice("rnn")!, memory);
 */
export function loadNativeKernel<Exports>(nativePath: string, memory: WebAssembly.Memory): Exports & NativeAddonBase {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const addon = require(nativePath) as Exports & NativeAddonBase;
  addon.setMemory(new Uint8Array(memory.buffer));
  return addon;
}
