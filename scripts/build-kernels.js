#!/usr/bin/env node
// Compiles the AssemblyScript GRU kernel (src/kernels/wasm/gru.ts) to WebAssembly with SIMD128.
// `npm run build` calls it after tsc: output dist/src/kernels/wasm/gru.wasm (where the glue
// src/kernels/gruWasm.ts loads it). `node scripts/build-kernels.js OUT.wasm` writes elsewhere
// (test/kernels/buildKernels.test.ts rebuilds that way and compares the bytes).
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const out = path.resolve(process.argv[2] || path.join(root, "dist/src/kernels/wasm/gru.wasm"));
const asc = require.resolve("assemblyscript/bin/asc.js", { paths: [root] });
const args = [asc, "src/kernels/wasm/gru.ts", "-O3", "--enable", "simd", "--runtime", "stub",
  "--importMemory", "--noAssert", "--outFile", out + ".tmp.wasm"];
fs.mkdirSync(path.dirname(out), { recursive: true });
execFileSync(process.execPath, args, { cwd: root, stdio: "inherit" });
fs.renameSync(out + ".tmp.wasm", out); // atomic: never a half-written .wasm
console.log(`build-kernels: ${path.relative(root, out)} (${fs.statSync(out).size} bytes)`);
