import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../src/index";
import { tensorflowRegistered } from "../src/advanced/index";

async function withEnv<T>(value: string | undefined, fn: () => Promise<T>): Promise<T> {
  const old = process.env.GRULAB_BACKEND;
  if (value === undefined) delete process.env.GRULAB_BACKEND;
  else process.env.GRULAB_BACKEND = value;
  try {
    return await fn();
  } finally {
    if (old === undefined) delete process.env.GRULAB_BACKEND;
    else process.env.GRULAB_BACKEND = old;
  }
}

async function capture(fn: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => { lines.push(a.join(" ")); };
  try {
    await fn();
  } finally {
    console.log = orig;
  }
  return lines;
}

test("GRULAB_BACKEND forces the backend it names", async () => {
  assert.equal(await withEnv("cpu", () => initBackend()), "cpu");
  assert.equal(tf.getBackend(), "cpu");
  assert.equal(await withEnv("wasm", () => initBackend()), "wasm");
  assert.equal(tf.getBackend(), "wasm");
});

test("an explicit preferred backend wins over GRULAB_BACKEND", async () => {
  assert.equal(await withEnv("wasm", () => initBackend("cpu")), "cpu");
  assert.equal(tf.getBackend(), "cpu");
});

test("an unknown backend name is an error naming it, its source and the choices", async () => {
  await assert.rejects(withEnv("gpu", () => initBackend()), /unknown backend "gpu" \(GRULAB_BACKEND\): expected one of tensorflow, wasm, cpu/);
  await assert.rejects(withEnv(undefined, () => initBackend("webgl")), /unknown backend "webgl" \(requested\)/);
});

test("without a choice and without native TensorFlow, wasm is chosen", async () => {
  if (tensorflowRegistered()) return; // a machine with real tfjs-node: covered by the registration test below
  assert.equal(await withEnv(undefined, () => initBackend()), "wasm");
  assert.equal(tf.getBackend(), "wasm");
});

test("danfo's tfjs-node alias loads but is not taken for the tensorflow backend", async (t) => {
  const pkg = require.resolve("@tensorflow/tfjs-node/package.json");
  const name = (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name: string }).name;
  if (name !== "@tensorflow/tfjs") {
    t.skip(`real ${name} installed at ${pkg}`);
    return;
  }
  // The alias answers to the name: require succeeds and returns pure tfjs (cpu only).
  assert.doesNotThrow(() => require("@tensorflow/tfjs-node"));
  assert.equal(tensorflowRegistered(), false);
  await assert.rejects(withEnv(undefined, () => initBackend("tensorflow")), /backend "tensorflow" \(requested\) is not available.*npm install @tensorflow\/tfjs-node/);
  assert.notEqual(await withEnv(undefined, () => initBackend()), "tensorflow");
});

test("a registered tensorflow backend is chosen first when nothing is forced", async () => {
  const cpuFactory = tf.findBackendFactory("cpu");
  assert.ok(cpuFactory);
  const fake = tf.findBackendFactory("tensorflow") == null;
  if (fake) tf.registerBackend("tensorflow", cpuFactory, 0);
  try {
    assert.equal(tensorflowRegistered(), true);
    assert.equal(await withEnv(undefined, () => initBackend()), "tensorflow");
    assert.equal(tf.getBackend(), "tensorflow");
  } finally {
    if (fake) {
      await tf.setBackend("cpu");
      tf.removeBackend("tensorflow");
    }
  }
});

test("the active backend is printed once, and again only when it changes", async () => {
  await initBackend("wasm");
  const first = await capture(() => initBackend("cpu"));
  const again = await capture(() => initBackend("cpu"));
  assert.equal(first.filter((l) => l.includes("tensor backend cpu")).length, 1);
  assert.deepEqual(again, []);
});

test("the wasm backend finds its .wasm files from any working directory", () => {
  const index = path.resolve(__dirname, "..", "src", "index.js");
  const script = `require(${JSON.stringify(index)}).initBackend("wasm").then((b) => { const tf = require("@tensorflow/tfjs"); console.log(b, tf.square(3).dataSync()[0]); })`;
  const r = spawnSync(process.execPath, ["-e", script], { cwd: "/", encoding: "utf8", env: { ...process.env, NODE_PATH: path.resolve(__dirname, "..", "..", "node_modules") } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^wasm 9$/m);
});

test("when wasm cannot start, automatic selection falls back to cpu and says so; forcing wasm is an error", async () => {
  const wasmFactory = tf.findBackendFactory("wasm");
  assert.ok(wasmFactory);
  await initBackend("wasm"); // so that the fallback to cpu below is a change, and printed
  await tf.setBackend("cpu");
  tf.removeBackend("wasm");
  tf.registerBackend("wasm", () => { throw new Error("no WebAssembly here"); }, 2);
  const warn = console.warn;
  console.warn = () => {}; // tfjs warns about the failed initialization
  try {
    const lines = await capture(async () => assert.equal(await withEnv(undefined, () => initBackend()), "cpu"));
    if (!tensorflowRegistered()) assert.match(lines.join("\n"), /tensor backend cpu \(auto: .*; skipped wasm: did not start\)/);
    await assert.rejects(withEnv("wasm", () => initBackend()), /no tensor backend could start \(GRULAB_BACKEND\): wasm: did not start/);
  } finally {
    console.warn = warn;
    tf.removeBackend("wasm");
    tf.registerBackend("wasm", wasmFactory, 2);
  }
});
