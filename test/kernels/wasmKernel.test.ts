import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { instantiateWasmKernel, kernelMemory, KERNEL_MAX_PAGES, wasmKernelPaths } from "../../src/kernels/wasmKernel";

test("wasmKernelPaths names both builds of each kernel, and the build wrote them", () => {
  for (const name of ["gru", "rnn"]) {
    const { simd, relaxed } = wasmKernelPaths(name);
    assert.match(simd, new RegExp(`wasm[\\\\/]${name}\\.wasm$`));
    assert.match(relaxed, new RegExp(`wasm[\\\\/]${name}-relaxed\\.wasm$`));
    assert.ok(fs.existsSync(simd) && fs.existsSync(relaxed));
  }
});

test("kernelMemory grows to the largest size asked for, never shrinks, keeps its views current, and names the kernel past 1 GiB", () => {
  const m = kernelMemory("test kernel");
  const start = m.memory.buffer.byteLength;
  assert.equal(start, 256 * 65536);
  m.reserve(start + 1);
  assert.equal(m.memory.buffer.byteLength, start + 65536);
  assert.equal(m.f32().length * 4, start + 65536);
  assert.equal(m.i32().length * 4, start + 65536);
  m.reserve(10);
  assert.equal(m.memory.buffer.byteLength, start + 65536);
  m.f32()[3] = 1.5;
  assert.equal(new Float32Array(m.memory.buffer)[3], 1.5, "the view is on the memory itself");
  assert.throws(() => m.reserve(KERNEL_MAX_PAGES * 65536 + 1), /^Error: test kernel: this call needs 1024 MiB of kernel memory, more than the 1024 MiB limit: use a smaller batch or implementation "reference"$/);
});

test("instantiateWasmKernel gives a fresh instance on its own memory; a missing build names its file", () => {
  const a = instantiateWasmKernel<{ packedRecurrentSize(g: number, hp: number): number }>("rnn", "rnn test");
  const b = instantiateWasmKernel("rnn", "rnn test");
  assert.notEqual(a.memory, b.memory);
  assert.ok(a.flavour === "simd" || a.flavour === "relaxed");
  assert.equal(a.heapBase, 65536);
  assert.equal(typeof a.exports.packedRecurrentSize, "function");
  assert.throws(() => instantiateWasmKernel("nosuch", "x"), /^Error: nosuchWasm: .*nosuch\.wasm is missing: grulab's package ships it, so reinstall grulab \(npm install grulab\); in a checkout of grulab's repository, npm run build makes it$/);
});
