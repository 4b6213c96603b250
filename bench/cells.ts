// node dist/bench/cells.js [--rounds N] [--backend wasm|cpu] [--timesteps T] [--no-peers]: seconds
// per training epoch of the tutorial's model (Seattle weather windows of T days (default 14),
// batch 32, recurrent layer of 128 units, Dense(5, softmax), adam, categorical cross-entropy) with
// each recurrent layer: grulab's fused LSTM, SimpleRNN and GRU on each fused kernel — native
// (AVX-512/AVX2 addon, where it was built) and WebAssembly — against tf.layers.lstm / simpleRNN /
// gru, on one tensor backend. The kernel is chosen once per process (GRULAB_KERNEL), so each kernel
// gets a child process holding its models; the parent runs every model's epoch in turn (round
// robin), so that load on a shared machine hits all alike; medians over the rounds after one
// warm-up epoch. Prints a table (with the kernel that ran each row), writes bench/cells-results.json.
// GRULAB_THREADS=1|2 as for the kernels (default: two threads where it pays).
import { fork, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gruNativePath } from "../src/kernels/gruKernel";
import { rnnNativePath } from "../src/kernels/rnnKernelModule";
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
  process.on("message", async (m: Request) => {
    const t0 = process.hrtime.bigint();
    await models.get(m.run)!.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0, shuffle: true });
    process.send!({ seconds: Number(process.hrtime.bigint() - t0) / 1e9 } satisfies Reply);
  });
  process.send!({ ready: { models: [...models.keys()], flavours, windows: x.shape[0], shape: x.shape.slice(1), backend: tf.getBackend() } } satisfies Reply);
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
  const kernels = fs.existsSync(gruNativePath) && fs.existsSync(rnnNativePath) ? ["native", "wasm"] : ["wasm"];
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
        const fused = model in r.ready.flavours;
        jobs.push({ child: children[i], model, layer: fused ? `grulab ${model} (fused)` : model,
          kernel: fused ? r.ready.flavours[model] : "tfjs ops", seconds: [] });
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
    const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const k = s.length >> 1; return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2; };
    const rows = jobs.map((j) => ({ layer: j.layer, kernel: j.kernel, epochSeconds: median(j.seconds), rounds: j.seconds }));
    const wasmRow = (layer: string) => rows.find((r) => r.layer === layer && !r.kernel.startsWith("native"));
    console.log(`\n| layer (${UNITS} units, T ${timesteps}) | kernel | s per epoch (median) | WebAssembly / native | tf.layers / grulab |\n|---|---|---|---|---|`);
    for (const r of rows) {
      const cell = FUSED.find((c) => r.layer === `grulab ${c} (fused)`);
      const wasm = cell && r.kernel.startsWith("native") ? wasmRow(r.layer) : undefined;
      const peer = cell ? rows.find((p) => p.layer === PEER[cell]) : undefined;
      console.log(`| ${r.layer} | ${r.kernel} | ${r.epochSeconds.toFixed(3)} | ${wasm ? `${(wasm.epochSeconds / r.epochSeconds).toFixed(2)}×` : ""} | ` +
        `${peer ? `${(peer.epochSeconds / r.epochSeconds).toFixed(1)}×` : ""} |`);
    }
    const out = path.join(__dirname, "..", "..", "bench", "cells-results.json");
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
