// fusedKernelInUse: the build both fused kernels run, or both names when they differ.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { cpuVariant, nativeKernelPath } from "../../src/kernels/nativeKernel";

// Each case in a fresh process: the kernels are chosen once per process.
function inUse(env: Record<string, string>, script = "console.log(fusedKernelInUse())"): string {
  const mod = JSON.stringify(path.join(__dirname, "../../src/kernels/fusedKernelInUse.js"));
  const r = spawnSync(process.execPath, ["-e", `const { fusedKernelInUse } = require(${mod}); ${script}`],
    { env: { ...process.env, ...env }, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

test("GRULAB_KERNEL=wasm: wasm-simd with GRULAB_WASM_RELAXED=0, else the relaxed build where the engine takes it", () => {
  assert.equal(inUse({ GRULAB_KERNEL: "wasm", GRULAB_WASM_RELAXED: "0" }), "wasm-simd");
  assert.match(inUse({ GRULAB_KERNEL: "wasm", GRULAB_WASM_RELAXED: "" }), /^wasm-(relaxed-)?simd$/);
});

const nativeRuns = cpuVariant() !== null && fs.existsSync(nativeKernelPath("gru", "portable")) && fs.existsSync(nativeKernelPath("rnn", "portable"));

test("one name when both kernels run the same build; 'GRU …, LSTM/SimpleRNN …' when they differ", { skip: nativeRuns ? false : "no native portable builds here" }, () => {
  assert.equal(inUse({ GRULAB_KERNEL: "native-portable" }), "native-portable");
  // the GRU kernel chosen under wasm, then the LSTM/SimpleRNN one under native-portable
  const gruModule = JSON.stringify(path.join(__dirname, "../../src/kernels/gruKernel.js"));
  const mixed = inUse({ GRULAB_KERNEL: "wasm", GRULAB_WASM_RELAXED: "0" },
    `require(${gruModule}).gruKernel(); process.env.GRULAB_KERNEL = "native-portable"; console.log(fusedKernelInUse());`);
  assert.equal(mixed, "GRU wasm-simd, LSTM/SimpleRNN native-portable");
});
