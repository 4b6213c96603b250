#!/usr/bin/env node
// Compiles the AssemblyScript GRU kernel (src/kernels/wasm/gru.ts) to WebAssembly twice:
// gru.wasm (SIMD128) and gru-relaxed.wasm (SIMD128 + relaxed-SIMD fused multiply-add; the glue
// uses it where the engine accepts it). `npm run build` calls this after tsc, writing to
// dist/src/kernels/wasm/ (where src/kernels/gruWasm.ts loads them); `node scripts/build-kernels.js
// DIR` writes to DIR instead (test/scripts/buildKernels.test.ts rebuilds that way and compares).
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const outDir = path.resolve(process.argv[2] || path.join(root, "dist/src/kernels/wasm"));
const asc = require.resolve("assemblyscript/bin/asc.js", { paths: [root] });
// Shared memory (max 16384 pages = 1 GiB) so that a worker thread can run half of each phase.
const common = ["-O3", "--enable", "simd", "--enable", "threads", "--runtime", "stub", "--importMemory",
  "--sharedMemory", "--maximumMemory", "16384", "--noAssert"];
const flavours = { "": [], "-relaxed": ["--enable", "relaxed-simd"] };
// Each entry: the GRU kernel, and rnn.wasm (the fused LSTM and SimpleRNN, src/kernels/wasm/rnn.ts).
const builds = {};
for (const entry of ["gru", "rnn"]) {
  for (const [suffix, extra] of Object.entries(flavours)) builds[`${entry}${suffix}.wasm`] = [`src/kernels/wasm/${entry}.ts`, ...extra];
}
fs.mkdirSync(outDir, { recursive: true });
for (const [name, extra] of Object.entries(builds)) {
  const out = path.join(outDir, name);
  const tmp = out.replace(/\.wasm$/, ".tmp.wasm");
  execFileSync(process.execPath, [asc, ...common, ...extra, "--outFile", tmp], { cwd: root, stdio: "inherit" });
  fs.renameSync(tmp, out); // atomic: never a half-written .wasm
  console.log(`build-kernels: ${path.relative(root, out)} (${fs.statSync(out).size} bytes)`);
}
