import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rnnKernelModule } from "../../src/kernels/rnnKernelModule";
import { bestNativeKernel } from "../../src/kernels/nativeKernel";
import { runTestsWith } from "../support/gruTestReferences";

// Every LSTM/SimpleRNN parity test: the tf ops against float64 and the tf-ops reference, the
// threads' bitwise split, and the layers against tf.layers (cpu and wasm tensor backends) and
// against their reference implementation (returnState, goBackwards, returnSequences false).
const parityFiles = ["fusedLstmSequence.test.js", "fusedSimpleRnnSequence.test.js", "rnnThreads.test.js",
  "../models/lstm.test.js", "../models/simpleRnn.test.js", "../models/recurrentLayer.test.js"];
const nativeBuilt = bestNativeKernel("rnn") !== null;
const MIN_PASS = 64; // the files above hold 64 tests today: fewer means some did not run

test("rnnKernelModule picks the native kernel when it was built (GRULAB_KERNEL unset), else WebAssembly, once", () => {
  const k = rnnKernelModule();
  assert.equal(rnnKernelModule(), k);
  console.log(`  kernel in use: ${k.flavour} (units padded to ${k.unitAlign}); native addon built: ${nativeBuilt}`);
  const want = process.env.GRULAB_KERNEL === "wasm" || !nativeBuilt ? /^wasm-(relaxed-simd|simd)$/ : /^native/;
  assert.match(k.flavour, want);
  assert.equal(k.unitAlign % 4, 0);
  assert.equal(k.worker.nativePath !== null, /^native/.test(k.flavour), "the worker loads the kernel the caller uses");
});

test("the WebAssembly kernel (GRULAB_KERNEL=wasm) passes every LSTM/SimpleRNN parity test", () => {
  const { pass, fail } = runTestsWith(parityFiles, { GRULAB_KERNEL: "wasm" });
  console.log(`  wasm: pass ${pass}, fail ${fail}`);
  assert.equal(fail, 0);
  assert.ok(pass >= MIN_PASS, `only ${pass} tests ran`);
});

test("the native kernel (GRULAB_KERNEL=native) passes every LSTM/SimpleRNN parity test, with one and two threads", { skip: nativeBuilt ? false : "the native addon was not built here (no C compiler or node_api.h)" }, () => {
  for (const threads of ["1", "2"]) {
    const { pass, fail } = runTestsWith(parityFiles, { GRULAB_KERNEL: "native", GRULAB_THREADS: threads });
    console.log(`  native, ${threads} thread(s): pass ${pass}, fail ${fail}`);
    assert.equal(fail, 0);
    assert.ok(pass >= MIN_PASS, `only ${pass} tests ran`);
  }
});

test("GRULAB_KERNEL is one rule for both kernels: an unknown value is an error naming the variable and the choices", () => {
  const script = `try { require(${JSON.stringify(require.resolve("../../src/kernels/rnnKernelModule"))}).rnnKernelModule(); } catch (e) { console.log(e.message); }`;
  const out = execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, GRULAB_KERNEL: "gpu" } });
  assert.match(out, /GRULAB_KERNEL: "gpu", expected one of native, wasm, native-avx512, native-avx2, native-portable/);
});
