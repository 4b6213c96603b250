import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { gruKernel } from "../../src/kernels/gruKernel";
import { bestNativeKernel } from "../../src/kernels/nativeKernel";
import { runTestsWith } from "../support/gruTestReferences";

const parityFiles = ["gruKernelForward.test.js", "gruKernelBackward.test.js", "fusedGruSequence.test.js", "callBlock.test.js",
  "kernelMatMul.test.js", "fusedDense.test.js", "oneHotIds.test.js"];
const nativeBuilt = bestNativeKernel("gru") !== null;

test("gruKernel picks the native kernel when it was built (GRULAB_KERNEL unset), else WebAssembly, once", () => {
  const k = gruKernel();
  assert.equal(gruKernel(), k);
  console.log(`  kernel in use: ${k.flavour} (units padded to ${k.unitAlign}); native addon built: ${nativeBuilt}`);
  const want = process.env.GRULAB_KERNEL === "wasm" || !nativeBuilt ? /^wasm-(relaxed-simd|simd)$/ : /^native/;
  assert.match(k.flavour, want);
  assert.equal(k.unitAlign % 4, 0);
});

test("the WebAssembly kernel (GRULAB_KERNEL=wasm) passes every fused parity test", () => {
  const { pass, fail } = runTestsWith(parityFiles, { GRULAB_KERNEL: "wasm" });
  console.log(`  wasm: pass ${pass}, fail ${fail}`);
  assert.equal(fail, 0);
  assert.ok(pass >= 40);
});

test("the native kernel (GRULAB_KERNEL=native) passes every fused parity test, with one and two threads", { skip: nativeBuilt ? false : "the native addon was not built here (no C compiler or node_api.h)" }, () => {
  for (const threads of ["1", "2"]) {
    const { pass, fail } = runTestsWith(parityFiles, { GRULAB_KERNEL: "native", GRULAB_THREADS: threads });
    console.log(`  native, ${threads} thread(s): pass ${pass}, fail ${fail}`);
    assert.equal(fail, 0);
    assert.ok(pass >= 40);
  }
});

test("an unknown GRULAB_KERNEL is an error naming the variable and the choices", () => {
  const script = `try { require(${JSON.stringify(require.resolve("../../src/kernels/gruKernel"))}).gruKernel(); } catch (e) { console.log(e.message); }`;
  const out = execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, GRULAB_KERNEL: "gpu" } });
  assert.match(out, /GRULAB_KERNEL: "gpu", expected one of native, wasm, native-avx512, native-avx2, native-portable/);
});
