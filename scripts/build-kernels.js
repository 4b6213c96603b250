#!/usr/bin/env node
// Builds the fused kernels — GRU, and LSTM/SimpleRNN (run by `npm run build` after tsc, so by
// `npm ci` and `npm pack` through `prepare`):
// 1. generates the call blocks (the JS ↔ kernel boundary) from their field lists' compiled dist/
//    copies (src/kernels/callBlocks.ts: GruCall, RnnCall), each as an AssemblyScript class and a C
//    struct (gitignored *.generated.* files next to the kernels' sources);
// 2. compiles the AssemblyScript kernels (src/kernels/wasm/gru.ts, rnn.ts) to WebAssembly twice
//    each: SIMD128 (gru.wasm, rnn.wasm) and + relaxed-SIMD fused multiply-add (*-relaxed.wasm);
// 3. optionally, the native Node-API addons, once per CPU level (below), with the machine's C
//    compiler ($CC or cc) against local Node-API headers (the node-api-headers package, else
//    /usr/include/node or <node prefix>/include/node): never downloads anything. Without a
//    compiler or headers, or with GRULAB_NATIVE=0, it says so and the wasm kernels are used.
// Outputs go to dist/src/kernels/{wasm,native}/ (where src/kernels/gruKernel.ts and
// rnnKernelModule.ts load them), or under DIR with `node scripts/build-kernels.js DIR`.
// `--native-only` (an installed package's install step): step 3 alone, and only where the native
// builds present do not load (another OS or architecture than the packing machine's); nothing
// when the compiled glue is not there yet (a repository's `npm ci`: `prepare` builds everything).
// `--native-builds=portable,avx2` makes only those native builds (a quicker build for tests).
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const nativeOnly = process.argv.includes("--native-only");
const outRoot = path.resolve(process.argv.slice(2).find((a) => !a.startsWith("--")) || path.join(root, "dist/src/kernels"));
const nativeDir = path.join(outRoot, "native");
const onlyBuilds = process.argv.find((a) => a.startsWith("--native-builds="))?.slice("--native-builds=".length).split(",") ?? null;
if (nativeOnly && !fs.existsSync(path.join(root, "dist/src/kernels/callBlocks.js"))) process.exit(0);
if (nativeOnly && nativeBuildsLoad(nativeDir)) {
  console.log(`build-kernels: the packaged native kernels load here (${process.platform} ${process.arch})`);
  process.exit(0);
}
generateCallBlocks();
if (!nativeOnly) buildWasm();
buildNative(nativeDir);

// WebAssembly. Shared memory (max 16384 pages = 1 GiB) so that a worker thread can run half of each phase.
function buildWasm() {
  const wasmDir = path.join(outRoot, "wasm");
  const asc = require.resolve("assemblyscript/bin/asc.js", { paths: [root] });
  const common = ["-O3", "--enable", "simd", "--enable", "threads", "--runtime", "stub", "--importMemory",
    "--sharedMemory", "--maximumMemory", "16384", "--noAssert"];
  const flavours = { "": [], "-relaxed": ["--enable", "relaxed-simd"] };
  // Each entry: the GRU kernel, and rnn.wasm (the fused LSTM and SimpleRNN, src/kernels/wasm/rnn.ts).
  const builds = {};
  for (const entry of ["gru", "rnn"]) {
    for (const [suffix, extra] of Object.entries(flavours)) builds[`${entry}${suffix}.wasm`] = [`src/kernels/wasm/${entry}.ts`, ...extra];
  }
  fs.mkdirSync(wasmDir, { recursive: true });
  for (const [name, extra] of Object.entries(builds)) {
    const out = path.join(wasmDir, name);
    const tmp = out.replace(/\.wasm$/, ".tmp.wasm");
    execFileSync(process.execPath, [asc, ...common, ...extra, "--outFile", tmp], { cwd: root, stdio: "inherit" });
    fs.renameSync(tmp, out); // atomic: never a half-written .wasm
    console.log(`build-kernels: ${path.relative(root, out)} (${fs.statSync(out).size} bytes)`);
  }
}

// Native addons (optional): never built for the machine that builds them. On x86-64 each kernel is
// compiled once per CPU level (gru-avx512.node: -march=x86-64-v4; gru-avx2.node: x86-64-v3, AVX2 +
// FMA; gru-portable.node: x86-64, SSE2), on another architecture once for its baseline
// (-portable); cpu.node, compiled for the baseline too, tells the glue at run time which build this
// CPU runs (src/kernels/nativeKernel.ts). `npm pack` runs this through `prepare`, so the tarball
// carries the x86-64 Linux builds; `--native-only` (the package's install step) rebuilds them where
// those do not load (another OS or architecture) if a compiler exists, else the WebAssembly
// kernels are used.
function nodeApiHeaders() {
  const candidates = [];
  try {
    candidates.push(path.join(path.dirname(require.resolve("node-api-headers/package.json", { paths: [root] })), "include"));
  } catch { /* not installed */ }
  candidates.push("/usr/include/node", path.join(path.dirname(process.execPath), "..", "include", "node"));
  return candidates.find((dir) => fs.existsSync(path.join(dir, "node_api.h"))) ?? null;
}
/** The native builds for this architecture: variant → its target flags. */
function nativeVariants(arch) {
  if (arch === "x64") return { avx512: ["-march=x86-64-v4"], avx2: ["-march=x86-64-v3"], portable: ["-march=x86-64"] };
  return { portable: [] };
}
function buildNative(nativeDir) {
  const kernels = ["gru", "rnn"]; // one addon per kernel: each has its own memory (one `base` pointer per library)
  const variants = Object.fromEntries(Object.entries(nativeVariants(process.arch)).filter(([v]) => !onlyBuilds || onlyBuilds.includes(v)));
  for (const f of fs.existsSync(nativeDir) ? fs.readdirSync(nativeDir) : []) if (f.endsWith(".node")) fs.rmSync(path.join(nativeDir, f));
  const skip = (why) => console.log(`build-kernels: native kernels not built (${why}); the WebAssembly kernels are used`);
  if (process.env.GRULAB_NATIVE === "0") return skip("GRULAB_NATIVE=0");
  if (process.platform === "win32") return skip("Windows would need node.lib");
  const headers = nodeApiHeaders();
  const cc = process.env.CC || "cc";
  if (!headers) return skip("no node_api.h found: install the node-api-headers package or Node's headers");
  fs.mkdirSync(nativeDir, { recursive: true });
  const compile = (source, target, out) => {
    const tmp = out + ".tmp";
    const flags = ["-O3", ...target, "-ffp-contract=fast", "-fno-math-errno", "-fPIC", "-shared", "-std=gnu11",
      `-I${headers}`, `-I${path.join(root, "src/kernels/native")}`, ...(process.platform === "darwin" ? ["-undefined", "dynamic_lookup"] : []),
      path.join(root, "src/kernels/native", source), "-o", tmp];
    try {
      execFileSync(cc, flags, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
      fs.renameSync(tmp, out);
      console.log(`build-kernels: ${path.relative(root, out)} (${cc} -O3 ${target.join(" ")}, ${fs.statSync(out).size} bytes)`);
      return "built";
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      if (e.code === "ENOENT") return "no compiler";
      console.log(`build-kernels: ${path.basename(out)} not built (${cc} failed on ${source}: ` +
        `${String(e.stderr ?? e.message).split("\n").slice(0, 3).join(" ")})`);
      return "failed";
    }
  };
  // the probe first: without it no native build is ever loaded
  const probe = compile("cpu.c", nativeVariants(process.arch).portable, path.join(nativeDir, "cpu.node"));
  if (probe === "no compiler") return skip(`no C compiler "${cc}"`);
  if (probe === "failed") return skip("the CPU probe cpu.c did not compile");
  for (const name of kernels) {
    for (const [variant, target] of Object.entries(variants)) {
      // this build only: the others may still build, and the glue picks the best one that exists
      compile(`${name}.c`, target, path.join(nativeDir, `${name}-${variant}.node`));
    }
  }
}
/** Whether the native builds in nativeDir load in this process (the tarball's, built for x86-64 Linux). */
function nativeBuildsLoad(nativeDir) {
  try {
    require(path.join(nativeDir, "cpu.node")).cpuVariant();
    return true;
  } catch {
    return false;
  }
}

// The call blocks (src/kernels/callBlocks.ts, compiled): for each, an AssemblyScript class and a C
// struct of its i32 fields in list order ("int": i32 / int32_t; "offset": usize / uint32_t), each
// with its echo function (the offsets' test), written next to the kernels' sources (gitignored).
function generateCallBlocks() {
  const { CALL_BLOCKS } = require(path.join(root, "dist/src/kernels/callBlocks.js"));
  const writeIfChanged = (file, text) => {
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) return;
    fs.writeFileSync(file + ".tmp", text);
    fs.renameSync(file + ".tmp", file);
  };
  for (const b of CALL_BLOCKS) {
    const header = `Generated by scripts/build-kernels.js from the ${b.type} field list (src/kernels/${b.kernel}Call.ts): do not edit.`;
    const base = b.type[0].toLowerCase() + b.type.slice(1);
    const int = (f) => b.kinds[f] === "int";
    writeIfChanged(path.join(root, "src/kernels/wasm", `${base}.generated.ts`), [
      `// ${header}`,
      `/** The argument of every ${b.kernel} kernel phase, one i32 per field (offsets: byte offsets of buffers, 0 = absent). */`,
      `@unmanaged export class ${b.type} {`,
      ...b.fields.map((f) => `  ${f}: ${int(f) ? "i32" : "usize"};`),
      "}",
      "/** Copies every field, read through the class, to dst in field order (the boundary's test). */",
      `export function ${b.echo}(call: usize, dst: usize): void {`,
      `  const c = changetype<${b.type}>(call);`,
      ...b.fields.map((f, i) => `  store<i32>(dst + ${4 * i}, <i32>c.${f});`),
      "}",
      "",
    ].join("\n"));
    writeIfChanged(path.join(root, "src/kernels/native", `${base}.generated.h`), [
      `/* ${header} */`,
      "#include <stdint.h>",
      "typedef struct {",
      ...b.fields.map((f) => `  ${int(f) ? "int32_t" : "uint32_t"} ${f};`),
      `} ${b.type};`,
      `static inline void ${b.echo}(const ${b.type} *c, int32_t *dst) {`,
      ...b.fields.map((f, i) => `  dst[${i}] = (int32_t)c->${f};`),
      "}",
      "",
    ].join("\n"));
  }
}
