import * as fs from "fs";
import * as path from "path";

/** The exports of rnn.wasm (src/kernels/wasm/rnn.ts): phases take a call block (RnnArg fields); pointers are byte offsets. */
export interface RnnWasmExports {
  packForward(block: number): void;
  packBackward(block: number): void;
  forwardInput(block: number): void;
  forwardSteps(block: number): void;
  backwardSteps(block: number): void;
  backwardWeights(block: number): void;
  toTimeMajor(src: number, dst: number, b: number, t: number, f: number, fp: number): void;
  fromTimeMajor(src: number, dst: number, b: number, t: number, f: number, fp: number): void;
  toGateRows(src: number, dst: number, b: number, t: number, h: number, stride: number): void;
  packedRecurrentSize(gates: number, hp: number): number;
}

/** One instance of rnn.wasm on its own shared memory; `f32()` and `i32()` are views valid until the next `reserve`. */
export interface RnnWasm {
  exports: RnnWasmExports;
  /** The compiled module (the worker thread instantiates it again on the same memory). */
  module: WebAssembly.Module;
  flavour: "simd" | "relaxed";
  memory: WebAssembly.Memory;
  /** Bytes below this offset belong to the module's static data; call blocks and buffers start here. */
  heapBase: number;
  reserve(bytes: number): void;
  f32(): Float32Array;
  i32(): Int32Array;
}

const PAGE = 65536;
const MAX_PAGES = 16384; // as the build declares: 1 GiB
let instance: RnnWasm | null = null;

// The relaxed-SIMD build where the engine validates it (gruWasm switches V8's flag on when it
// loads first; this loader does the same), unless GRULAB_WASM_RELAXED=0.
function loadBytes(): { bytes: Buffer; flavour: "simd" | "relaxed" } {
  const simd = path.join(__dirname, "wasm", "rnn.wasm");
  const relaxed = path.join(__dirname, "wasm", "rnn-relaxed.wasm");
  for (const p of [simd, relaxed]) {
    if (!fs.existsSync(p)) throw new Error(`rnnWasm: ${p} is missing; run \`npm run build\` (scripts/build-kernels.js builds it)`);
  }
  if (process.env.GRULAB_WASM_RELAXED !== "0") {
    const bytes = fs.readFileSync(relaxed);
    if (!WebAssembly.validate(bytes)) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require("v8").setFlagsFromString("--experimental-wasm-relaxed-simd");
      } catch {
        // no V8 flags here: keep the SIMD128 build
      }
    }
    if (WebAssembly.validate(bytes)) return { bytes, flavour: "relaxed" };
  }
  return { bytes: fs.readFileSync(simd), flavour: "simd" };
}

/**
 * The fused LSTM / SimpleRNN kernel module, instantiated once (synchronously) with 16 MiB of
 * shared memory that grows to the largest call seen (at most 1 GiB).
 *
 * @example
 * const { exports, f32 } = rnnWasm();
 */
export function rnnWasm(): RnnWasm {
  if (instance) return instance;
  const { bytes, flavour } = loadBytes();
  const module = new WebAssembly.Module(bytes);
  const memory = new WebAssembly.Memory({ initial: 256, maximum: MAX_PAGES, shared: true });
  const wasm = new WebAssembly.Instance(module, { env: { memory, abort: () => { throw new Error("rnn.wasm abort"); } } });
  let f32 = new Float32Array(memory.buffer);
  let i32 = new Int32Array(memory.buffer);
  const fresh = () => {
    if (f32.length * 4 !== memory.buffer.byteLength) {
      f32 = new Float32Array(memory.buffer);
      i32 = new Int32Array(memory.buffer);
    }
  };
  instance = {
    exports: wasm.exports as unknown as RnnWasmExports,
    module,
    flavour,
    memory,
    heapBase: PAGE,
    reserve(bytes: number) {
      if (bytes > MAX_PAGES * PAGE) {
        throw new Error(`fused LSTM/SimpleRNN: this call needs ${(bytes / 2 ** 20).toFixed(0)} MiB of kernel memory, more than ` +
          `the ${(MAX_PAGES * PAGE) / 2 ** 20} MiB limit: use a smaller batch or implementation "reference"`);
      }
      const have = memory.buffer.byteLength;
      if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
    },
    f32() {
      fresh();
      return f32;
    },
    i32() {
      fresh();
      return i32;
    },
  };
  return instance;
}
