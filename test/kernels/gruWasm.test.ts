import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gruWasm } from "../../src/kernels/gruWasm";
import { runTestsWith } from "./gruTestReferences";

test("gruWasm instantiates once, reports its build, and reserves memory without shrinking", () => {
  const w = gruWasm();
  assert.equal(gruWasm(), w);
  console.log(`  kernel build in use: ${w.flavour}`);
  assert.ok(w.flavour === "relaxed" || w.flavour === "simd");
  const before = w.memory.buffer.byteLength;
  w.reserve(before + 100_000);
  assert.ok(w.memory.buffer.byteLength >= before + 100_000);
  assert.equal(w.f32().length * 4, w.memory.buffer.byteLength);
  const grown = w.memory.buffer.byteLength;
  w.reserve(10);
  assert.equal(w.memory.buffer.byteLength, grown);
});

test("the plain SIMD128 build (GRULAB_WASM_RELAXED=0) passes the same forward and BPTT parity tests", () => {
  const { pass, fail } = runTestsWith(["gruKernelForward.test.js", "gruKernelBackward.test.js"], { GRULAB_WASM_RELAXED: "0" });
  console.log(`  SIMD128 build: pass ${pass}, fail ${fail}`);
  assert.equal(fail, 0);
  assert.ok(Number(pass) >= 16);
});
