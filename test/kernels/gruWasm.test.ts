import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { gruWasm, gruWasmPaths } from "../../src/kernels/gruWasm";
import { runTestsWith } from "../support/gruTestReferences";

test("gruWasm instantiates once, reports its build, and reserves memory without shrinking", () => {
  const w = gruWasm();
  assert.equal(gruWasm(), w);
  console.log(`  WebAssembly build: ${w.flavour}`);
  assert.ok(w.flavour === "relaxed" || w.flavour === "simd");
  const before = w.memory.buffer.byteLength;
  w.reserve(before + 100_000);
  assert.ok(w.memory.buffer.byteLength >= before + 100_000);
  assert.equal(w.f32().length * 4, w.memory.buffer.byteLength);
  const grown = w.memory.buffer.byteLength;
  w.reserve(10);
  assert.equal(w.memory.buffer.byteLength, grown);
  assert.throws(() => w.reserve(2 ** 31), /more than the 1024 MiB limit: use a smaller batch or implementation "reference"/);
});

test("the plain SIMD128 WebAssembly build (GRULAB_KERNEL=wasm GRULAB_WASM_RELAXED=0) passes the same forward and BPTT parity tests", () => {
  const { pass, fail } = runTestsWith(["gruKernelForward.test.js", "gruKernelBackward.test.js"], { GRULAB_KERNEL: "wasm", GRULAB_WASM_RELAXED: "0" });
  console.log(`  SIMD128 build: pass ${pass}, fail ${fail}`);
  assert.equal(fail, 0);
  assert.ok(Number(pass) >= 16);
});

// Node 20 accepts the relaxed-SIMD build only after a V8 flag; gruWasm sets it at the first use
// of the WebAssembly kernel. Importing the library must not (issue 9: importing changes nothing global).
test("importing the library leaves the V8 relaxed-SIMD flag alone; the first WebAssembly kernel use may set it", () => {
  const relaxed = gruWasmPaths.relaxed;
  assert.ok(fs.existsSync(relaxed));
  const index = path.join(__dirname, "../../src/index.js");
  const script = `
    const bytes = require("fs").readFileSync(${JSON.stringify(relaxed)});
    const before = WebAssembly.validate(bytes);
    require(${JSON.stringify(index)});
    const afterImport = WebAssembly.validate(bytes);
    const flavour = require(${JSON.stringify(path.join(__dirname, "../../src/kernels/gruWasm.js"))}).gruWasm().flavour;
    console.log(JSON.stringify({ before, afterImport, flavour, afterUse: WebAssembly.validate(bytes) }));`;
  const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, GRULAB_WASM_RELAXED: "" } }).trim().split("\n").pop()!);
  console.log(`  relaxed build valid: before import ${out.before}, after import ${out.afterImport}, after first use ${out.afterUse} (${out.flavour})`);
  assert.equal(out.afterImport, out.before);
  assert.equal(out.flavour, out.afterUse ? "relaxed" : "simd");
});
