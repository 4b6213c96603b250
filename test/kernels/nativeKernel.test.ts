import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cpuList } from "../support/threadCpus";
import { bestNativeKernel, cpuVariant, NATIVE_VARIANTS, nativeKernelChoice, nativeKernelPath, type NativeVariant } from "../../src/kernels/nativeKernel";

const check = path.join(__dirname, "emulatedCpuCheck.js");
const level = cpuVariant();
const noNative = level === null ? "no native build here (no C compiler or node_api.h)" : false;
type CheckResult = { cpu: string; flavours: string[]; echoOk: boolean; refused: string; worst: Record<string, number> };

// Runs emulatedCpuCheck.js, on this CPU or (with a qemu CPU model) in an emulated one; returns its JSON line.
function runCheck(env: Record<string, string>, cpuModel?: string): CheckResult {
  const node = [process.execPath, check];
  const [cmd, args] = cpuModel ? ["qemu-x86_64", ["-cpu", cpuModel, ...node]] : [node[0], node.slice(1)];
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env }, timeout: 300_000 });
  const line = r.stdout.split("\n").find((l) => l.startsWith("{"));
  assert.ok(line, `no result from ${cmd} ${args.join(" ")} (status ${r.status}, signal ${r.signal}):\n${r.stderr.split("\n").filter((l) => !/TCG doesn't support/.test(l)).join("\n")}`);
  assert.equal(r.status, 0, `a check failed: ${line}`);
  return JSON.parse(line) as CheckResult;
}

test("the CPU probe names a build this CPU runs, and on x86-64 every build was made (none for the building machine only)", { skip: noNative }, () => {
  console.log(`  this CPU runs native-${level}; builds: ${NATIVE_VARIANTS.filter((v) => fs.existsSync(nativeKernelPath("gru", v))).join(", ")}`);
  assert.ok(NATIVE_VARIANTS.includes(level!));
  const expected: readonly NativeVariant[] = process.arch === "x64" ? NATIVE_VARIANTS : ["portable"];
  for (const name of ["gru", "rnn"] as const) {
    for (const v of expected) assert.ok(fs.existsSync(nativeKernelPath(name, v)), `${name}-${v}.node was not built`);
    assert.equal(bestNativeKernel(name), nativeKernelPath(name, level!), "the best build at this CPU's level");
  }
});

test("GRULAB_KERNEL=native-<build> runs that build for every build this CPU runs, and each passes the parity subset", { skip: noNative }, () => {
  for (const v of NATIVE_VARIANTS.slice(NATIVE_VARIANTS.indexOf(level!))) {
    const r = runCheck({ GRULAB_KERNEL: `native-${v}` });
    console.log(`  native-${v}: ${r.flavours.join(", ")}; worst error ${Math.max(...Object.values(r.worst)).toExponential(1)}`);
    assert.deepEqual(r.flavours, [`native-${v}`, `native-${v}`]);
    assert.ok(r.echoOk);
  }
});

test("GRULAB_KERNEL names the choices when it is wrong, and a build that was not made", () => {
  const saved = process.env.GRULAB_KERNEL;
  try {
    process.env.GRULAB_KERNEL = "avx2";
    assert.throws(() => nativeKernelChoice("gru"), /^Error: GRULAB_KERNEL: "avx2", expected one of native, wasm, native-avx512, native-avx2, native-portable$/);
    process.env.GRULAB_KERNEL = "wasm";
    assert.equal(nativeKernelChoice("rnn"), null);
  } finally {
    if (saved === undefined) delete process.env.GRULAB_KERNEL;
    else process.env.GRULAB_KERNEL = saved;
  }
  // a copy of the glue without any native build next to it: the probe is missing
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-native-"));
  try {
    const glue = path.join(tmp, "nativeKernel.js");
    fs.copyFileSync(path.join(__dirname, "../../src/kernels/nativeKernel.js"), glue);
    const script = `try { require(${JSON.stringify(glue)}).nativeKernelChoice("gru"); console.log("chosen"); } catch (e) { console.log(e.message); }`;
    const out = execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, GRULAB_KERNEL: "native-portable" } });
    assert.match(out, /^GRULAB_KERNEL=native-portable: the CPU probe native\/cpu.node was not built or does not load here \(npm rebuild grulab builds them, with a C compiler and node_api.h; GRULAB_KERNEL=wasm runs the WebAssembly kernel instead\)$/m);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

// Emulated CPUs (Debian's qemu-user, scripts/system-deps.sh installs it): a Haswell (AVX2 + FMA, no
// AVX-512) and a Nehalem (SSE4.2, no AVX). A build for a better CPU would die there with SIGILL;
// the probe must pick the right build and that build must pass the parity subset.
const qemu = spawnSync("qemu-x86_64", ["--version"]).status === 0;
const noQemu = process.arch !== "x64" || process.platform !== "linux" ? "not an x86-64 Linux machine"
  : !qemu ? "qemu-x86_64 is not installed (Debian package qemu-user; scripts/system-deps.sh)" : noNative;
for (const [model, build] of [["Haswell-v4", "avx2"], ["Nehalem", "portable"]]) {
  test(`on an emulated ${model} CPU the kernels run native-${build} and pass the parity subset`, { skip: noQemu, timeout: 600_000 }, () => {
    const started = Date.now();
    const r = runCheck({ GRULAB_KERNEL: "" }, model);
    console.log(`  ${model}: ${r.flavours.join(", ")} in ${((Date.now() - started) / 1000).toFixed(1)} s; worst error ${Math.max(...Object.values(r.worst)).toExponential(1)}`);
    assert.equal(r.cpu, build);
    assert.deepEqual(r.flavours, [`native-${build}`, `native-${build}`]);
    assert.ok(r.echoOk);
    assert.equal(r.refused, `GRULAB_KERNEL=native-avx512: this CPU runs at most native-${build}`);
  });
}

// keepOffCpu in a child process of its own (it changes the calling thread's CPUs), with the build this CPU runs.
const affinitySkip = noNative || (process.platform !== "linux" ? "thread CPU sets are Linux's here" : false);
test("keepOffCpu leaves one CPU out of the calling thread's set and -1 gives them back; with one CPU allowed it changes nothing", { skip: affinitySkip }, () => {
  const script = `
    const addon = require(process.argv[1]);
    const fs = require("fs");
    const allowed = () => /^Cpus_allowed_list:\\s*(\\S+)$/m.exec(fs.readFileSync("/proc/thread-self/status", "utf8"))[1];
    const first = allowed(), cpu = addon.threadCpu();
    const off = addon.keepOffCpu(cpu), afterOff = allowed(), cpuAfter = addon.threadCpu();
    const back = addon.keepOffCpu(-1), afterBack = allowed();
    let badArgument = "";
    try { addon.keepOffCpu("one"); } catch (e) { badArgument = e.message; }
    console.log(JSON.stringify({ first, cpu, off, afterOff, cpuAfter, back, afterBack, badArgument }));`;
  const run = (prefix: string[]) => {
    const argv = [...prefix, process.execPath, "-e", script, nativeKernelChoice("gru")!];
    const r = spawnSync(argv[0], argv.slice(1), { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { first: string; cpu: number; off: number; afterOff: string; cpuAfter: number; back: number; afterBack: string; badArgument: string };
  };
  const all = run([]);
  const cpus = cpuList(all.first);
  assert.ok(cpus.includes(all.cpu), `threadCpu ${all.cpu} is one of the thread's CPUs (${all.first})`);
  assert.equal(all.badArgument, "gru native kernel: expected integer arguments");
  if (cpus.length >= 2) {
    assert.equal(all.off, 1);
    assert.deepEqual(cpuList(all.afterOff), cpus.filter((k) => k !== all.cpu));
    assert.notEqual(all.cpuAfter, all.cpu, "the thread moved off that CPU at once");
  }
  assert.equal(all.back, 0);
  assert.deepEqual(cpuList(all.afterBack), cpus);
  // one CPU allowed (taskset, from util-linux): nothing to leave out, the thread keeps it
  if (spawnSync("taskset", ["--version"]).status !== 0) return;
  const one = run(["taskset", "-c", String(all.cpu)]);
  assert.equal(one.first, String(all.cpu));
  assert.equal(one.off, 0);
  assert.equal(one.afterOff, String(all.cpu));
  assert.equal(one.afterBack, String(all.cpu));
});
