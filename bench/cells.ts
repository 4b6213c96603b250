// node dist/bench/cells.js [--rounds N] [--backend wasm|cpu] [--timesteps T] [--no-peers]: seconds
// per training epoch of the tutorial's model (Seattle weather windows of T days (default 14),
// batch 32, recurrent layer of 128 units, Dense(5, softmax), adam, categorical cross-entropy) with
// each recurrent layer: grulab's fused LSTM, SimpleRNN and GRU on each fused kernel — native
// (AVX-512/AVX2 addon, where it was built) and WebAssembly — against tf.layers.lstm / simpleRNN /
// gru, on one tensor backend. The kernel is chosen once per process (GRULAB_KERNEL), so each kernel
// gets a child process holding its models; the parent runs every model's epoch in turn (round
// robin), so that load on a shared machine hits all alike; medians over the rounds after one
// warm-up epoch; the best (fastest) round beside it, since on a shared machine load only adds time.
// Also, in the same round robin, one fused kernel call — forward and BPTT of a batch, the work of
// one training step's recurrent layer — per cell and kernel (median of 10). Prints a table (with
// the kernel that ran each row), writes bench/cells-results.json (bench/cells-results-t<T>.json
// for another --timesteps).
// GRULAB_THREADS=1|2 as for the kernels (default: two threads where it pays).
import { fork, type ChildProcess } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { bestNativeKernel } from "../src/kernels/nativeKernel";
import { writeFileAtomic } from "../src/io/writeFileAtomic";
import type { layers as tfLayers } from "@tensorflow/tfjs";

type TfLayer = tfLayers.Layer;

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const rounds = Number(option("--rounds", "5"));
const backend = option("--backend", "wasm");
const timesteps = Number(option("--timesteps", "14"));
const peers = !args.includes("--no-peers");
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`bench/cells: --rounds ${option("--rounds", "")}, expected a positive integer`);
if (!Number.isInteger(timesteps) || timesteps < 1) throw new Error(`bench/cells: --timesteps ${option("--timesteps", "")}, expected a positive integer`);

const UNITS = 128;
const FUSED = ["lstm", "simpleRnn", "gru"] as const;
const PEER: Record<string, string> = { lstm: "tf.layers.lstm", simpleRnn: "tf.layers.simpleRNN", gru: "tf.layers.gru" };

type Request = { run: string };
type Reply = { ready: { models: string[]; flavours: Record<string, string>; windows: number; shape: number[]; backend: string } } | { seconds: number };

// A child: builds the models once (the fused three, and with `withPeers` the tf.layers three), then runs one epoch per request.
async function child(withPeers: boolean): Promise<void> {
  const tf = await import("@tensorflow/tfjs");
  const { gru, initBackend, loadSeattleWeather, lstm, simpleRnn } = await import("../src/index");
  const { gruKernel } = await import("../src/kernels/gruKernel");
  const { rnnKernelModule } = await import("../src/kernels/rnnKernelModule");
  await initBackend(backend);
  const { x, y } = (await loadSeattleWeather({ timesteps })).train;
  const inputShape = [x.shape[1], x.shape[2]];
  const layers: Record<string, () => TfLayer> = {
    lstm: () => lstm({ units: UNITS, inputShape }),
    simpleRnn: () => simpleRnn({ units: UNITS, inputShape }),
    gru: () => gru({ units: UNITS, inputShape }),
  };
  if (withPeers) {
    layers[PEER.lstm] = () => tf.layers.lstm({ units: UNITS, recurrentActivation: "sigmoid", inputShape });
    layers[PEER.simpleRnn] = () => tf.layers.simpleRNN({ units: UNITS, inputShape });
    layers[PEER.gru] = () => tf.layers.gru({ units: UNITS, recurrentActivation: "sigmoid", inputShape });
  }
  const models = new Map(Object.entries(layers).map(([name, make]) => {
    const model = tf.sequential({ layers: [make(), tf.layers.dense({ units: y.shape[1], activation: "softmax" })] });
    model.compile({ optimizer: tf.train.adam(0.001), loss: "categoricalCrossentropy" });
    return [name, model];
  }));
  const flavours = { gru: gruKernel().flavour, lstm: rnnKernelModule().flavour, simpleRnn: rnnKernelModule().flavour };
  const calls = await kernelCalls(32, inputShape[0], inputShape[1]);
  process.on("message", async (m: Request) => {
    const call = calls[m.run];
    if (call) {
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t0 = process.hrtime.bigint();
        call();
        times.push(Number(process.hrtime.bigint() - t0) / 1e9);
      }
      process.send!({ seconds: median(times) } satisfies Reply);
      return;
    }
    const t0 = process.hrtime.bigint();
    await models.get(m.run)!.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0, shuffle: true });
    process.send!({ seconds: Number(process.hrtime.bigint() - t0) / 1e9 } satisfies Reply);
  });
  const names = [...models.keys(), ...Object.keys(calls)];
  process.send!({ ready: { models: names, flavours, windows: x.shape[0], shape: x.shape.slice(1), backend: tf.getBackend() } } satisfies Reply);
}

const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const k = s.length >> 1; return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2; };

// One fused forward + BPTT per cell on random inputs of the epochs' shape (batch B, T steps, D features, UNITS units), keyed "call:<cell>".
async function kernelCalls(B: number, T: number, D: number): Promise<Record<string, () => void>> {
  const { rnnKernelBackward, rnnKernelForward } = await import("../src/kernels/rnnKernel");
  const { gruKernelForward } = await import("../src/kernels/gruKernelForward");
  const { gruKernelBackward } = await import("../src/kernels/gruKernelBackward");
  let seed = 1;
  const random = (n: number) => Float32Array.from({ length: n }, () => ((seed = (seed * 69069 + 1) % 2 ** 32) / 2 ** 32 - 0.5) * 0.2);
  const H = UNITS;
  const dh = random(B * T * H);
  const rnnCall = (cell: "lstm" | "simpleRnn") => {
    const G = cell === "lstm" ? 4 : 1;
    const shape = { cell, batch: B, time: T, inputDim: D, units: H };
    const inputs = { x: random(B * T * D), h0: random(B * H), c0: cell === "lstm" ? random(B * H) : null, kernel: random(D * G * H),
      recurrentKernel: random(H * G * H), bias: random(G * H) };
    return () => { rnnKernelBackward(rnnKernelForward(shape, inputs, true, true, false).state!, { h: dh }, true); };
  };
  const gruShape = { batch: B, time: T, inputDim: D, units: H, resetAfter: true };
  const gruInputs = { x: random(B * T * D), h0: random(B * H), kernel: random(D * 3 * H), recurrentKernel: random(H * 3 * H), bias: random(6 * H) };
  return {
    "call:lstm": rnnCall("lstm"),
    "call:simpleRnn": rnnCall("simpleRnn"),
    "call:gru": () => { gruKernelBackward(gruKernelForward(gruShape, gruInputs, true, true, false).state!, dh, null, true); },
  };
}

function ask(c: ChildProcess, request?: Request): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench/cells: a child process exited (code ${code}) before replying`));
    c.once("exit", onExit);
    c.once("message", (m: Reply) => { c.off("exit", onExit); resolve(m); });
    if (request) c.send(request);
  });
}

async function main(): Promise<void> {
  const kernels = bestNativeKernel("gru") && bestNativeKernel("rnn") ? ["native", "wasm"] : ["wasm"];
  if (kernels.length === 1) console.log("bench/cells: the native kernels were not built here: WebAssembly only");
  const childArgs = args.filter((a) => a !== "--child" && a !== "--peers-here");
  const children = kernels.map((kernel, i) => fork(__filename, ["--child", ...(peers && i === kernels.length - 1 ? ["--peers-here"] : []), ...childArgs],
    { env: { ...process.env, GRULAB_KERNEL: kernel } }));
  try {
    const ready = await Promise.all(children.map((c) => ask(c)));
    const jobs: { child: ChildProcess; model: string; layer: string; kernel: string; seconds: number[] }[] = [];
    let d: Extract<Reply, { ready: unknown }>["ready"] | undefined;
    for (const [i, r] of ready.entries()) {
      if (!("ready" in r)) throw new Error("bench/cells: a child did not report ready");
      d = r.ready;
      for (const model of r.ready.models) {
        const cell = model.replace(/^call:/, "");
        const fused = cell in r.ready.flavours;
        const layer = model.startsWith("call:") ? `${cell} kernel call (forward + BPTT)` : fused ? `grulab ${cell} (fused)` : model;
        jobs.push({ child: children[i], model, layer, kernel: fused ? r.ready.flavours[cell] : "tfjs ops", seconds: [] });
      }
    }
    if (!d) throw new Error("bench/cells: no child reported ready");
    console.log(`bench/cells: backend ${d.backend}, ${d.windows} training windows [${d.shape}], batch 32, ${UNITS} units, ` +
      `${rounds} timed rounds + 1 warm-up, load average ${os.loadavg().map((v) => v.toFixed(1)).join(" ")}`);
    for (let r = 0; r <= rounds; r++) {
      for (const job of jobs) {
        const reply = await ask(job.child, { run: job.model });
        if (!("seconds" in reply)) throw new Error("bench/cells: a child replied without a time");
        if (r > 0) job.seconds.push(reply.seconds);
        process.stdout.write(`\r  round ${r}/${rounds}: ${job.layer} [${job.kernel}] ${reply.seconds.toFixed(2)} s          `);
      }
    }
    process.stdout.write("\n");
    // seconds: per epoch, or per kernel call for the "call" rows
    const rows = jobs.map((j) => ({ layer: j.layer, kernel: j.kernel, seconds: median(j.seconds), best: Math.min(...j.seconds), rounds: j.seconds }));
    const wasmRow = (layer: string) => rows.find((r) => r.layer === layer && !r.kernel.startsWith("native"));
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    console.log(`\n| ${UNITS} units, T ${timesteps}, batch 32 | kernel | s per epoch or ms per call: median | best | WebAssembly / native (median, best) | tf.layers / grulab (median) |\n|---|---|---|---|---|---|`);
    for (const r of rows) {
      const call = r.layer.includes("kernel call");
      const cell = FUSED.find((c) => r.layer === `grulab ${c} (fused)`);
      const wasm = r.kernel.startsWith("native") ? wasmRow(r.layer) : undefined;
      const peer = cell ? rows.find((p) => p.layer === PEER[cell]) : undefined;
      const show = (v: number) => (call ? `${(v * 1e3).toFixed(2)} ms` : `${v.toFixed(3)} s`);
      console.log(`| ${r.layer} | ${r.kernel} | ${show(r.seconds)} | ${show(r.best)} | ${wasm ? `${ratio(wasm.seconds, r.seconds)}, ${ratio(wasm.best, r.best)}` : ""} | ` +
        `${peer ? ratio(peer.seconds, r.seconds) : ""} |`);
    }
    const out = path.join(__dirname, "..", "..", "bench", timesteps === 14 ? "cells-results.json" : `cells-results-t${timesteps}.json`);
    writeFileAtomic(out, JSON.stringify({ date: new Date().toISOString(), backend: d.backend, threads: process.env.GRULAB_THREADS ?? "auto",
      cpus: os.cpus()[0]?.model, cores: os.cpus().length, loadAverage: os.loadavg(), windows: d.windows, timesteps: d.shape[0],
      features: d.shape[1], batch: 32, units: UNITS, kernels, rows }, null, 2) + "\n");
    console.log(`wrote ${out}`);
  } finally {
    for (const c of children) c.kill();
  }
}

(args.includes("--child") ? child(args.includes("--peers-here")) : main()).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
