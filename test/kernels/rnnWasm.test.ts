import { test } from "node:test";
import * as assert from "node:assert/strict";
import { rnnWasm } from "../../src/kernels/rnnWasm";
import { runTestsWith } from "../support/gruTestReferences";

test("rnnWasm instantiates once, reports its build, grows its memory and never shrinks it; too much names the limit", () => {
  const a = rnnWasm();
  assert.equal(rnnWasm(), a);
  assert.ok(["simd", "relaxed"].includes(a.flavour));
  const before = a.memory.buffer.byteLength;
  a.reserve(before + 70_000);
  assert.ok(a.memory.buffer.byteLength >= before + 70_000);
  assert.equal(a.f32().length * 4, a.memory.buffer.byteLength, "views follow the grown memory");
  const grown = a.memory.buffer.byteLength;
  a.reserve(1000);
  assert.equal(a.memory.buffer.byteLength, grown);
  assert.throws(() => a.reserve(2 ** 31), /needs 2048 MiB of kernel memory, more than the 1024 MiB limit/);
});

test("the plain SIMD128 build (GRULAB_WASM_RELAXED=0) passes the same LSTM and SimpleRNN parity tests", () => {
  const { pass, fail } = runTestsWith(["fusedLstmSequence.test.js", "fusedSimpleRnnSequence.test.js"], { GRULAB_WASM_RELAXED: "0" });
  console.log(`  SIMD128 build: pass ${pass}, fail ${fail}`);
  assert.equal(fail, 0);
  assert.ok(pass >= 30);
});
