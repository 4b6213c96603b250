import * as fs from "fs";
import * as path from "path";

/** The exports of gru.wasm (src/kernels/wasm/gru.ts); pointers are byte offsets into `memory`. */
export interface GruWasmExports {
  forward(resetAfter: number, b: number, t: number, d: number, hp: number, x: number, w: number, u: number,
    bIn: number, bRec: number, xw: number, hs: number, z: number, r: number, n: number, aux: number,
    hu: number, packed: number, scratch: number, tmp: number): void;
  backward(resetAfter: number, b: number, t: number, d: number, hp: number, x: number, w: number, u: number,
    hs: number, z: number, r: number, n: number, aux: number, dout: number, dzx: number, drx: number,
    dnx: number, dgx: number, dgh: number, dh: number, drh: number, dU: number, dW: number, dx: number,
    dBias: number, packed: number, scratch: number, tmp: number): void;
  gemm(a: number, ars: number, acs: number, b: number, brs: number, bcs: number, m: number, k: number,
    n: number, c: number, ldc: number, acc: number, scratch: number, tmp: number): void;
  toTimeMajor(src: number, dst: number, b: number, t: number, f: number, fp: number): void;
  fromTimeMajor(src: number, dst: number, b: number, t: number, f: number, fp: number): void;
  packedRecurrentSize(hp: number): number;
  packedSize(k: number, n: number): number;
}

/** One instance of the kernel module with its memory; `f32()` is a view valid until the next `reserve`. */
export interface GruWasm {
  exports: GruWasmExports;
  /** Which build runs: "relaxed" (SIMD128 + relaxed-SIMD FMA) or "simd" (SIMD128). */
  flavour: "simd" | "relaxed";
  memory: WebAssembly.Memory;
  /** Bytes below this offset belong to the module (its static data); buffers start here. */
  heapBase: number;
  /** Makes the memory at least `bytes` long (grows it; never shrinks). */
  reserve(bytes: number): void;
  f32(): Float32Array;
}

/** The built kernels (scripts/build-kernels.js writes them next to the compiled glue): SIMD128, and with relaxed-SIMD FMA. */
export const gruWasmPaths = { simd: path.join(__dirname, "wasm", "gru.wasm"), relaxed: path.join(__dirname, "wasm", "gru-relaxed.wasm") };

// The relaxed-SIMD build where the engine accepts it (Node 20 after switching the V8 flag on,
// which must happen before compiling; newer engines by default), unless GRULAB_WASM_RELAXED=0.
// Relaxed FMA may round differently from mul + add across machines (well within the 1e-5 parity).
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
let instance: GruWasm | null = null;

/**
 * The fused GRU kernel, instantiated once (synchronously) with 16 MiB of memory up front; a call
 * needing more grows it once to the largest size seen so far.
 *
 * @example
 * const { exports, f32 } = gruWasm();
 */
export function gruWasm(): GruWasm {
  if (instance) return instance;
  const { bytes, flavour } = loadBytes();
  const module = new WebAssembly.Module(bytes);
  const memory = new WebAssembly.Memory({ initial: 256 });
  const wasm = new WebAssembly.Instance(module, { env: { memory, abort: () => { throw new Error("gru.wasm abort"); } } });
  let view = new Float32Array(memory.buffer);
  instance = {
    exports: wasm.exports as unknown as GruWasmExports,
    flavour,
    memory,
    heapBase: PAGE,
    reserve(bytes: number) {
      const have = memory.buffer.byteLength;
      if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
    },
    f32() {
      if (view.buffer !== memory.buffer) view = new Float32Array(memory.buffer);
      return view;
    },
  };
  return instance;
}
