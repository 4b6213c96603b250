import * as fs from "fs";
import * as path from "path";
import type { GruKernelExports } from "./gruCall";

/** The exports of gru.wasm (src/kernels/wasm/gru.ts): the kernel's phases and its matmul. */
export interface GruWasmExports extends GruKernelExports {
  gemm(a: number, ars: number, acs: number, b: number, brs: number, bcs: number, m: number, k: number,
    n: number, c: number, ldc: number, acc: number, scratch: number, tmp: number): void;
  packedSize(k: number, n: number): number;
}

/** One instance of the kernel module with its memory; `f32()` is a view valid until the next `reserve`. */
export interface GruWasm {
  exports: GruWasmExports;
  /** The compiled module (a worker thread instantiates it again on the same memory). */
  module: WebAssembly.Module;
  /** Which build runs: "relaxed" (SIMD128 + relaxed-SIMD FMA) or "simd" (SIMD128). */
  flavour: "simd" | "relaxed";
  memory: WebAssembly.Memory;
  /** Bytes below this offset belong to the module (its static data); buffers start here. */
  heapBase: number;
  /** Makes the memory at least `bytes` long (grows it; never shrinks). */
  reserve(bytes: number): void;
  f32(): Float32Array;
  /** The same memory as i32 (the GruCall structs). */
  i32(): Int32Array;
}

/** The built kernels (scripts/build-kernels.js writes them next to the compiled glue): SIMD128, and with relaxed-SIMD FMA. */
export const gruWasmPaths = { simd: path.join(__dirname, "wasm", "gru.wasm"), relaxed: path.join(__dirname, "wasm", "gru-relaxed.wasm") };

// The relaxed-SIMD build where the engine accepts it, unless GRULAB_WASM_RELAXED=0. Node 20 accepts
// it only after the V8 flag --experimental-wasm-relaxed-simd: that flag is switched on here, at the
// first use of the WebAssembly kernel (never on import, never when the native kernel runs), and
// only if the engine does not accept the build already. Relaxed FMA may round differently from
// mul + add across machines (well within the 1e-5 parity).
function loadBytes(): { bytes: Buffer; flavour: "simd" | "relaxed" } {
  for (const p of Object.values(gruWasmPaths)) {
    if (!fs.existsSync(p)) throw new Error(`gruWasm: ${p} is missing; run \`npm run build\` (scripts/build-kernels.js builds it)`);
  }
  if (process.env.GRULAB_WASM_RELAXED !== "0") {
    const relaxed = fs.readFileSync(gruWasmPaths.relaxed);
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
  return { bytes: fs.readFileSync(gruWasmPaths.simd), flavour: "simd" };
}

const PAGE = 65536;
/** Largest memory the kernel may use (the builds declare shared memory of at most 16384 pages = 1 GiB). */
export const GRU_WASM_MAX_PAGES = 16384;

/**
 * A shared WebAssembly.Memory of 16 MiB up front (at most 1 GiB) with `reserve` (grows it once
 * to the largest size asked for) and a cached Float32Array view.
 *
 * @example
 * const { memory, reserve, f32 } = gruMemory();
 */
export function gruMemory(): Pick<GruWasm, "memory" | "reserve" | "f32" | "i32"> {
  const memory = new WebAssembly.Memory({ initial: 256, maximum: GRU_WASM_MAX_PAGES, shared: true });
  let view = new Float32Array(memory.buffer); // on the SharedArrayBuffer: slice() copies to a plain array
  let ints = new Int32Array(memory.buffer);
  return {
    memory,
    reserve(bytes: number) {
      const have = memory.buffer.byteLength;
      if (bytes > GRU_WASM_MAX_PAGES * PAGE) {
        throw new Error(`fused GRU: this call needs ${(bytes / 2 ** 20).toFixed(0)} MiB of kernel memory, more than the ` +
          `${GRU_WASM_MAX_PAGES * PAGE / 2 ** 20} MiB limit: use a smaller batch or implementation "reference"`);
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

let instance: GruWasm | null = null;

/**
 * The WebAssembly GRU kernel, instantiated once (synchronously) on its own gruMemory(); a call
 * needing more memory grows it once to the largest size seen so far (at most 1 GiB).
 *
 * @example
 * const { exports, f32 } = gruWasm();
 */
export function gruWasm(): GruWasm {
  if (instance) return instance;
  const { bytes, flavour } = loadBytes();
  const module = new WebAssembly.Module(bytes);
  const mem = gruMemory();
  const wasm = new WebAssembly.Instance(module, { env: { memory: mem.memory, abort: () => { throw new Error("gru.wasm abort"); } } });
  instance = { exports: wasm.exports as unknown as GruWasmExports, module, flavour, heapBase: PAGE, ...mem };
  return instance;
}
