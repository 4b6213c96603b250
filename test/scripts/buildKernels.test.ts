import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "../../..");
const kernelsDist = path.join(root, "dist/src/kernels");

// A child's script: the GRU's and the LSTM's kernel choice, and one LSTM forward's h (B 7, T 9, D 5, H 21).
const lstmScript = (kernels: string) => `
  const { gruKernel } = require(${JSON.stringify(path.join(kernels, "gruKernel.js"))});
  const { rnnKernelModule } = require(${JSON.stringify(path.join(kernels, "rnnKernelModule.js"))});
  const { rnnKernelForward } = require(${JSON.stringify(path.join(kernels, "rnnKernel.js"))});
  let s = 3; const a = (n) => Float32Array.from({ length: n }, () => ((s = (s * 69069 + 1) % 4294967296) / 4294967296 - 0.5));
  const [B, T, D, H] = [7, 9, 5, 21];
  const out = rnnKernelForward({ cell: "lstm", batch: B, time: T, inputDim: D, units: H },
    { x: a(B * T * D), h0: a(B * H), c0: a(B * H), kernel: a(D * 4 * H), recurrentKernel: a(H * 4 * H), bias: a(4 * H) }, false);
  console.log(JSON.stringify({ flavours: [gruKernel().flavour, rnnKernelModule().flavour], h: Array.from(out.h) }));`;

// npm ci runs the build through `prepare`: a machine without a C compiler must still get a working
// install (the WebAssembly kernel), with a message saying why the native kernel was not built.
test("scripts/build-kernels.js without a C compiler builds the WebAssembly kernels, skips the native one and exits 0", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-kernel-"));
  try {
    const out = execFileSync(process.execPath, [path.join(root, "scripts/build-kernels.js"), dir],
      { cwd: root, encoding: "utf8", env: { ...process.env, CC: "/nonexistent/cc", GRULAB_NATIVE: "" } });
    console.log(out.trim().split("\n").map((l) => `  ${l}`).join("\n"));
    assert.match(out, /native kernels not built \(no C compiler "\/nonexistent\/cc"\); the WebAssembly kernels are used/);
    for (const name of ["gru.wasm", "gru-relaxed.wasm", "rnn.wasm", "rnn-relaxed.wasm"]) {
      assert.ok(WebAssembly.validate(fs.readFileSync(path.join(dir, "wasm", name))) || name.endsWith("-relaxed.wasm"), `${name} is not valid`);
    }
    assert.ok(fs.statSync(path.join(dir, "wasm", "gru-relaxed.wasm")).size > 1000);
    assert.deepEqual(fs.existsSync(path.join(dir, "native")) ? fs.readdirSync(path.join(dir, "native")) : [], [], "no native build");
    // that install runs: the compiled glue next to these kernels picks WebAssembly for both, and
    // its LSTM agrees with this build's kernel (native where it was built) within 1e-5
    for (const f of fs.readdirSync(kernelsDist)) if (f.endsWith(".js")) fs.copyFileSync(path.join(kernelsDist, f), path.join(dir, f));
    const lstmOut = (kernels: string) => JSON.parse(execFileSync(process.execPath, ["-e", lstmScript(kernels)],
      { encoding: "utf8", env: { ...process.env, GRULAB_KERNEL: "" } })) as { flavours: string[]; h: number[] };
    const skipped = lstmOut(dir);
    const here = lstmOut(kernelsDist);
    console.log(`  without a compiler: ${skipped.flavours.join(", ")}; this build: ${here.flavours.join(", ")}`);
    for (const f of skipped.flavours) assert.match(f, /^wasm-(relaxed-simd|simd)$/);
    const worst = Math.max(...here.h.map((v, i) => Math.abs(v - skipped.h[i]) / Math.max(1, Math.abs(v))));
    assert.ok(here.h.length === 7 * 9 * 21 && worst <= 1e-5, `LSTM h differs by ${worst}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("GRULAB_NATIVE=0 skips the native kernels with a message saying so", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-kernel-"));
  try {
    const out = execFileSync(process.execPath, [path.join(root, "scripts/build-kernels.js"), dir],
      { cwd: root, encoding: "utf8", env: { ...process.env, GRULAB_NATIVE: "0" } });
    assert.match(out, /native kernels not built \(GRULAB_NATIVE=0\); the WebAssembly kernels are used/);
    assert.equal(fs.existsSync(path.join(dir, "native")) && fs.readdirSync(path.join(dir, "native")).some((f) => f.endsWith(".node")), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const nativeDist = path.join(kernelsDist, "native");
const level = (() => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(path.join(nativeDist, "cpu.node")) as { cpuVariant(): string }).cpuVariant();
  } catch {
    return null;
  }
})();
const variants = ["avx512", "avx2", "portable"];

test("with a C compiler and Node-API headers the build has the CPU probe and every native build of both kernels, each runnable one loading", { skip: level ? false : "no native build here (no C compiler or node_api.h)" }, () => {
  const expected = process.arch === "x64" ? variants : ["portable"];
  assert.deepEqual(fs.readdirSync(nativeDist).filter((f) => f.endsWith(".node")).sort(),
    ["cpu.node", ...["gru", "rnn"].flatMap((k) => expected.map((v) => `${k}-${v}.node`))].sort());
  // load only what this CPU runs: a better CPU's build could stop the process (illegal instruction)
  for (const v of variants.slice(variants.indexOf(level!))) {
    for (const name of ["gru", "rnn"]) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const addon = require(path.join(nativeDist, `${name}-${v}.node`)) as { flavour(): string; unitAlign(): number; packForward: unknown };
      assert.equal(addon.flavour(), `native-${v}`);
      assert.equal(addon.unitAlign(), { avx512: 16, avx2: 8, portable: 4 }[v]);
      assert.equal(typeof addon.packForward, "function");
    }
  }
});

// An installed package's install step: the tarball's builds (x86-64 Linux) load here, so nothing is
// rebuilt; where they do not load (here: a probe that is not a library, as on another OS or
// architecture), the native builds are made again for this machine and the glue uses them.
test("--native-only keeps native builds that load and rebuilds them where they do not", { skip: level ? false : "no C compiler or node_api.h here" }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-kernel-"));
  try {
    for (const f of fs.readdirSync(kernelsDist)) if (f.endsWith(".js")) fs.copyFileSync(path.join(kernelsDist, f), path.join(dir, f));
    fs.cpSync(path.join(kernelsDist, "wasm"), path.join(dir, "wasm"), { recursive: true });
    fs.cpSync(nativeDist, path.join(dir, "native"), { recursive: true });
    const build = () => execFileSync(process.execPath, [path.join(root, "scripts/build-kernels.js"), dir, "--native-only"], { cwd: root, encoding: "utf8" });
    assert.match(build(), /^build-kernels: the packaged native kernels load here \(linux x64\)\n$/);
    fs.writeFileSync(path.join(dir, "native", "cpu.node"), "built for another machine");
    fs.rmSync(path.join(dir, "native", "gru-portable.node"));
    const out = build();
    console.log(out.trim().split("\n").map((l) => `  ${l}`).join("\n"));
    assert.doesNotMatch(out, /wasm/, "the WebAssembly kernels are the package's: not rebuilt");
    assert.ok(fs.existsSync(path.join(dir, "native", "gru-portable.node")));
    const flavours = JSON.parse(execFileSync(process.execPath, ["-e", lstmScript(dir)], { encoding: "utf8", env: { ...process.env, GRULAB_KERNEL: "" } })).flavours;
    assert.deepEqual(flavours, [`native-${level}`, `native-${level}`]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// A child's script: every call block written from JS and echoed by every build of its kernel that
// this machine runs (fields in list order; -1 where an echo did not arrive), and a hash of one GRU
// and one LSTM forward + BPTT (B 3, T 4, D 2, H 9) on the kernel GRULAB_KERNEL chooses.
const blocksScript = (kernels: string) => `
  const req = (f) => require(${JSON.stringify(kernels)} + "/" + f);
  const { writeCallBlock } = req("callBlock.js"), { CALL_BLOCKS } = req("callBlocks.js");
  const { cpuVariant, NATIVE_VARIANTS, nativeKernelPath, loadNativeKernel } = req("nativeKernel.js");
  const { instantiateWasmKernel, kernelMemory } = req("wasmKernel.js");
  const fs = require("fs"), crypto = require("crypto");
  const blocks = CALL_BLOCKS.map((b) => {
    const values = b.fields.map((_, i) => 1000 + 7 * i);
    const level = cpuVariant();
    const builds = [instantiateWasmKernel(b.kernel, "test")];
    for (const v of level ? NATIVE_VARIANTS.slice(NATIVE_VARIANTS.indexOf(level)) : []) {
      if (!fs.existsSync(nativeKernelPath(b.kernel, v))) continue;
      const m = kernelMemory("test");
      builds.push({ ...m, heapBase: 65536, exports: loadNativeKernel(nativeKernelPath(b.kernel, v), m.memory) });
    }
    const echoes = builds.map((k) => {
      writeCallBlock(b, k.i32(), k.heapBase, Object.fromEntries(b.fields.map((f, i) => [f, values[i]])));
      k.i32().fill(-1, (k.heapBase + b.bytes) / 4, (k.heapBase + b.bytes) / 4 + b.fields.length);
      k.exports[b.echo](k.heapBase, k.heapBase + b.bytes);
      return Array.from(k.i32().subarray((k.heapBase + b.bytes) / 4, (k.heapBase + b.bytes) / 4 + b.fields.length));
    });
    return { type: b.type, fields: b.fields, values, echoes };
  });
  let s = 5; const a = (n) => Float32Array.from({ length: n }, () => ((s = (s * 69069 + 1) % 4294967296) / 4294967296 - 0.5));
  const hash = (xs) => { const h = crypto.createHash("sha1"); for (const x of xs) if (x) h.update(Buffer.from(x.buffer, x.byteOffset, x.byteLength)); return h.digest("hex"); };
  const [B, T, D, H] = [3, 4, 2, 9];
  const gf = req("gruKernelForward.js").gruKernelForward({ batch: B, time: T, inputDim: D, units: H, resetAfter: true },
    { x: a(B * T * D), h0: a(B * H), kernel: a(D * 3 * H), recurrentKernel: a(H * 3 * H), bias: a(6 * H) }, true);
  const gb = req("gruKernelBackward.js").gruKernelBackward(gf.state, a(B * T * H), null);
  const { rnnKernelForward, rnnKernelBackward } = req("rnnKernel.js");
  const lf = rnnKernelForward({ cell: "lstm", batch: B, time: T, inputDim: D, units: H },
    { x: a(B * T * D), h0: a(B * H), c0: a(B * H), kernel: a(D * 4 * H), recurrentKernel: a(H * 4 * H), bias: a(4 * H) }, true);
  const lb = rnnKernelBackward(lf.state, { h: a(B * T * H) });
  console.log(JSON.stringify({ blocks, results: hash([gf.h, gf.z, gb.dx, gb.dKernel, gb.dRecurrentKernel, gb.dBias, lf.h, lf.c, lb.dx, lb.dKernel, lb.dRecurrentKernel, lb.dBias]) }));`;

// A new call field is one edit: in a copy of the kernels' sources, one line of each field list
// gains a field; the copy is compiled (tsc), then built (this script: generated class and struct,
// WebAssembly, native); every build reads every field at the offset JS writes it, the new field
// defaults to 0 in the glue that does not know it, and the kernels give bitwise this build's results.
test("a field added to a call block's list in a temporary build is read at its offset by C, AssemblyScript and JS, and changes no result", { timeout: 600_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-callfield-"));
  try {
    fs.cpSync(path.join(root, "src/kernels"), path.join(dir, "src/kernels"), { recursive: true, filter: (f) => !f.includes(".generated.") });
    fs.mkdirSync(path.join(dir, "scripts"));
    fs.copyFileSync(path.join(root, "scripts/build-kernels.js"), path.join(dir, "scripts/build-kernels.js"));
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    const edit = (file: string, from: string, to: string) => {
      const p = path.join(dir, "src/kernels", file);
      const text = fs.readFileSync(p, "utf8");
      assert.ok(text.includes(from), `${file} has no line ${from}`);
      fs.writeFileSync(p, text.replace(from, to));
    };
    edit("gruCall.ts", `x: "offset", w: "offset",`, `x: "offset", extraBuffer: "offset", w: "offset",`);
    edit("rnnCall.ts", `lo: "int", hi: "int",`, `lo: "int", extraSize: "int", hi: "int",`);
    // compile the glue the build and the check need with the compiler and options of `npm run build`
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({
      extends: path.join(root, "tsconfig.json"), include: [],
      files: ["callBlocks.ts", "gruKernelForward.ts", "gruKernelBackward.ts", "rnnKernel.ts", "kernelWorker.ts"].map((f) => `src/kernels/${f}`),
      compilerOptions: { rootDir: "src/kernels", outDir: "dist/src/kernels", declaration: false, sourceMap: false },
    }));
    execFileSync(process.execPath, [path.join(root, "node_modules/.bin/tsc"), "-p", path.join(dir, "tsconfig.json")], { cwd: dir, encoding: "utf8" });
    const started = Date.now();
    // every WebAssembly build; of the native ones the portable (the other two compile the same generated struct)
    execFileSync(process.execPath, [path.join(dir, "scripts/build-kernels.js"), "--native-builds=portable"], { cwd: dir, encoding: "utf8", env: { ...process.env, GRULAB_NATIVE: "" } });
    console.log(`  the temporary build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const run = (kernels: string, kernel = "") => JSON.parse(execFileSync(process.execPath, ["-e", blocksScript(kernels)],
      { encoding: "utf8", env: { ...process.env, GRULAB_KERNEL: kernel } })) as
      { blocks: { type: string; fields: string[]; values: number[]; echoes: number[][] }[]; results: string };
    const edited = run(path.join(dir, "dist/src/kernels"));
    const here = run(kernelsDist);
    // the same numbers, bitwise, on the same kind of kernel
    for (const kernel of ["wasm", ...(level ? ["native-portable"] : [])]) {
      assert.equal(run(path.join(dir, "dist/src/kernels"), kernel).results, run(kernelsDist, kernel).results, `${kernel}: the same GRU and LSTM outputs and gradients, bitwise`);
    }
    for (const [i, [type, field, after]] of [["GruCall", "extraBuffer", "x"], ["RnnCall", "extraSize", "lo"]].entries()) {
      const b = edited.blocks[i];
      assert.equal(b.type, type);
      assert.deepEqual(b.fields, [...here.blocks[i].fields.slice(0, here.blocks[i].fields.indexOf(after) + 1), field,
        ...here.blocks[i].fields.slice(here.blocks[i].fields.indexOf(after) + 1)], `${type} has the new field after ${after}`);
      console.log(`  ${type}: ${b.fields.length} fields (${field} at offset ${4 * b.fields.indexOf(field)}), read back by ${b.echoes.length} builds`);
      assert.ok(b.echoes.length >= 1);
      for (const echo of b.echoes) assert.deepEqual(echo, b.values, `${type}: every build reads every field where JS wrote it`);
      const header = fs.readFileSync(path.join(dir, "src/kernels/native", `${type[0].toLowerCase()}${type.slice(1)}.generated.h`), "utf8");
      const cls = fs.readFileSync(path.join(dir, "src/kernels/wasm", `${type[0].toLowerCase()}${type.slice(1)}.generated.ts`), "utf8");
      assert.match(header, new RegExp(`t ${after};\\n  (u)?int32_t ${field};`), "the C struct has the field in its place");
      assert.match(cls, new RegExp(`  ${after}: \\w+;\\n  ${field}: \\w+;`), "the AssemblyScript class has the field in its place");
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
