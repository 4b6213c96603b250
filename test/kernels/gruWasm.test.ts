import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { gruWasm } from "../../src/kernels/gruWasm";

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
  const dir = path.resolve(__dirname);
  const files = ["gruKernelForward.test.js", "gruKernelBackward.test.js"].map((f) => path.join(dir, f));
  const env: NodeJS.ProcessEnv = { ...process.env, GRULAB_WASM_RELAXED: "0" };
  delete env.NODE_TEST_CONTEXT; // a nested runner must report as a top-level one
  const out = execFileSync(process.execPath, ["--test", "--test-reporter=tap", ...files], { env, encoding: "utf8", stdio: "pipe" });
  const pass = /# pass (\d+)/.exec(out)?.[1];
  const fail = /# fail (\d+)/.exec(out)?.[1];
  console.log(`  SIMD128 build: pass ${pass}, fail ${fail}`);
  assert.equal(fail, "0");
  assert.ok(Number(pass) >= 16);
});
