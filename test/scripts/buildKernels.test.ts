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
