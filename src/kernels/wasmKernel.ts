import * as fs from "fs";
import * as path from "path";

const PAGE = 65536;
/** Largest memory a kernel may use (the builds declare shared memory of at most 16384 pages = 1 GiB). */
export const KERNEL_MAX_PAGES = 16384;

/** A kernel's shared memory; `f32()` and `i32()` are views valid until the next `reserve`. */
export interface KernelMemory {
  memory: WebAssembly.Memory;
  /** Makes the memory at least `bytes` long (grows it; never shrinks). */
  reserve(bytes: number): void;
  f32(): Float32Array;
  /** The same memory as i32 (the call structs). */
  i32(): Int32Array;
}

/** One instance of a kernel module (gru.wasm, rnn.wasm) on its own kernelMemory(). */
export interface WasmKernel<Exports> extends KernelMemory {
  exports: Exports;
  /** The compiled module (a worker thread instantiates it again on the same memory). */
  module: WebAssembly.Module;
  /** Which build runs: "relaxed" (SIMD128 + relaxed-SIMD FMA) or "simd" (SIMD128). */
  flavour: "simd" | "relaxed";
  /** Bytes below this offset belong to the module (its static data); buffers start here. */
  heapBase: number;
}

/**
 * Where scripts/build-kernels.js writes the two builds of kernel `name` (next to the compiled
 * glue): SIMD128, and with relaxed-SIMD FMA.
 *
 * @example
 * const { simd, relaxed } = wasmKernelPaths("rnn"); // …/wasm/rnn.wasm, …/wasm/rnn-relaxed.wasm
 */
export function wasmKernelPaths(name: string): { simd: string; relaxed: string } {
  return { simd: path.join(__dirname, "wasm", `${name}.wasm`), relaxed: path.join(__dirname, "wasm", `${name}-relaxed.wasm`) };
}

// The relaxed-SIMD build where the engine accepts it, unless GRULAB_WASM_RELAXED=0. Node 20 accepts
// it only after the V8 flag --experimental-wasm-relaxed-simd: that flag is switched on here, at the
// first use of a WebAssembly kernel (never on import, never when the native kernel runs), and
// only if the engine does not accept the build already. Relaxed FMA may round differently from
// mul + add across machines (well within the 1e-5 parity).
function loadBytes(name: string): { bytes: Buffer; flavour: "simd" | "relaxed" } {
  const paths = wasmKernelPaths(name);
  for (const p of [paths.simd, paths.relaxed]) {
    if (!fs.existsSync(p)) throw new Error(`${name}Wasm: ${p} is missing: grulab's package ships it, so reinstall grulab (npm install grulab); in a checkout of grulab's repository, npm run build makes it`);
  }
  if (process.env.GRULAB_WASM_RELAXED !== "0") {
    const relaxed = fs.readFileSync(paths.relaxed);
    if (!WebAssembly.validate(relaxed)) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require("v8").setFlagsFromString("--experimental-wasm-relaxed-simd");
      } catch {
        // no V8 flags here: keep the SIMD128 build
      }
    }
    if (WebAssembly.validate(relaxed)) return { bytes: relaxed, flavour: "relaxed" };
  }
  return { bytes: fs.readFileSync(paths.simd), flavour: "simd" };
}

/**
 * A shared WebAssembly.Memory of 16 MiB up front (at most 1 GiB) with `reserve` (grows it once
 * to the largest size asked for) and cached views. `label` names the kernel in the error a too
 * large call gets.
 *
 * @example
 * const { memory, reserve, f32 } = kernelMemory("fused GRU");
 */
export function kernelMemory(label: string): KernelMemory {
  const memory = new WebAssembly.Memory({ initial: 256, maximum: KERNEL_MAX_PAGES, shared: true });
  let view = new Float32Array(memory.buffer); // on the SharedArrayBuffer: slice() copies to a plain array
  let ints = new Int32Array(memory.buffer);
  return {
    memory,
    reserve(bytes: number) {
      const have = memory.buffer.byteLength;
      if (bytes > KERNEL_MAX_PAGES * PAGE) {
        throw new Error(`${label}: this call needs ${(bytes / 2 ** 20).toFixed(0)} MiB of kernel memory, more than the ` +
          `${KERNEL_MAX_PAGES * PAGE / 2 ** 20} MiB limit: use a smaller batch or implementation "reference"`);
      }
      if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
    },
    f32() {
      if (view.length * 4 !== memory.buffer.byteLength) view = new Float32Array(memory.buffer);
      return view;
    },
    i32() {
      if (ints.length * 4 !== memory.buffer.byteLength) ints = new Int32Array(memory.buffer);
      return ints;
    },
  };
}

/**
 * Loads kernel `name` (the relaxed-SIMD build where possible, see above) and instantiates it
 * synchronously on a fresh kernelMemory(label). Callers keep the one instance they use.
 *
 * @example
 * const wasm = instantiateWasmKernel<RnnWasmExports>("rnn", "fused LSTM/SimpleRNN");
 */
export function instantiateWasmKernel<Exports>(name: string, label: string): WasmKernel<Exports> {
  const { bytes, flavour } = loadBytes(name);
  const module = new WebAssembly.Module(bytes);
  const mem = kernelMemory(label);
  const wasm = new WebAssembly.Instance(module, { env: { memory: mem.memory, abort: () => { throw new Error(`${label}: WebAssembly abort`); } } });
  return { exports: wasm.exports as unknown as Exports, module, flavour, heapBase: PAGE, ...mem };
}
