import { test } from "node:test";
import * as assert from "node:assert/strict";
import { callBlock, writeCallBlock } from "../../src/kernels/callBlock";
import { CALL_BLOCKS } from "../../src/kernels/callBlocks";
import { GRU_CALL } from "../../src/kernels/gruCall";
import { cpuVariant, loadNativeKernel, NATIVE_VARIANTS, nativeKernelPath, type NativeKernelName } from "../../src/kernels/nativeKernel";
import { instantiateWasmKernel, kernelMemory, type KernelMemory } from "../../src/kernels/wasmKernel";
import * as fs from "node:fs";

type Echo = Record<string, (call: number, dst: number) => void>;

// Every build of a kernel this machine runs: its WebAssembly build (always) and each native build
// the CPU runs, each on its own memory.
type Build = { name: string; memory: KernelMemory; exports: Echo; heapBase: number };
function builds(kernel: string): Build[] {
  const wasm = instantiateWasmKernel<Echo>(kernel, `${kernel} echo test`);
  const out: Build[] = [{ name: `wasm-${wasm.flavour}`, memory: wasm, exports: wasm.exports, heapBase: wasm.heapBase }];
  const level = cpuVariant();
  for (const v of level ? NATIVE_VARIANTS.slice(NATIVE_VARIANTS.indexOf(level)) : []) {
    const file = nativeKernelPath(kernel as NativeKernelName, v);
    if (!fs.existsSync(file)) continue;
    const memory = kernelMemory(`${kernel} echo test`);
    out.push({ name: `native-${v}`, memory, exports: loadNativeKernel<Echo>(file, memory.memory), heapBase: 65536 });
  }
  return out;
}

// The boundary: JS writes a block with writeCallBlock; each build reads it through its generated
// type (AssemblyScript class or C struct) and copies every field back in field order. A field
// added, removed or reordered on one side only, or a wrongly sized type, fails here.
test("every field of every call block written from JS is read at the same offset by every build of its kernel", () => {
  assert.deepEqual(CALL_BLOCKS.map((b) => b.type), ["GruCall", "RnnCall"]);
  for (const block of CALL_BLOCKS) {
    const values = Object.fromEntries(block.fields.map((f, i) => [f, 1000 + 7 * i]));
    for (const k of builds(block.kernel)) {
      const at = k.heapBase, echo = at + block.bytes;
      writeCallBlock(block, k.memory.i32(), at, values);
      k.memory.i32().fill(-1, echo / 4, echo / 4 + block.fields.length);
      k.exports[block.echo](at, echo);
      const back = Array.from(k.memory.i32().subarray(echo / 4, echo / 4 + block.fields.length));
      console.log(`  ${block.type} (${block.fields.length} fields, ${block.bytes} bytes) on ${k.name}`);
      assert.deepEqual(back, block.fields.map((f) => values[f]), `${block.type} on ${k.name}`);
    }
  }
});

test("writeCallBlock writes every field in list order, absent ones 0, and ignores keys that are not fields", () => {
  const block = callBlock("TestCall", "test", { batch: "int", x: "offset", dx: "offset" });
  assert.deepEqual(block.fields, ["batch", "x", "dx"]);
  assert.deepEqual(block.index, { batch: 0, x: 1, dx: 2 });
  assert.equal(block.bytes, 12);
  assert.equal(block.echo, "testCallEcho");
  const mem = new Int32Array(5).fill(9);
  writeCallBlock(block, mem, 4, { x: 640, stage: 5 } as { x: number });
  assert.deepEqual(Array.from(mem), [9, 0, 640, 0, 9]);
  // the GRU's block: a gate-gradient buffer not given is absent (0)
  const gru = new Int32Array(GRU_CALL.fields.length).fill(9);
  writeCallBlock(GRU_CALL, gru, 0, { batch: 3 });
  assert.equal(gru[GRU_CALL.index.batch], 3);
  assert.equal(gru[GRU_CALL.index.dzOut], 0);
});
