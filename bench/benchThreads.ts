// node dist/bench/benchThreads.js [steps] [pause ms]: shape A's training step (bench/benchModel.ts,
// grulab-fused's model) on one and on two kernel threads, alternated step by step in one process
// (GRULAB_THREADS is read per call), so both see the same load: wall and process-CPU percentiles
// per step, and the kernel chunks the worker ran per step (gruWorkerParts). With a pause, each
// step is followed by a predict and the pause (the bench's round robin leaves each process idle
// between its steps). Under heavy load both threads rarely run at once; `chrt -f 10` (root) gives
// this process the cores for the few seconds it runs, which is what the quiet bench sees.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import * as os from "node:os";
import { BENCH_SHAPES } from "./benchShapes";
import { benchModel } from "./benchModel";
import { gruWorkerParts } from "../src/kernels/gruThreads";

async function main(): Promise<void> {
  await tf.setBackend("wasm");
  const s = BENCH_SHAPES.find((v) => v.name === "A")!;
  const x = tf.randomNormal([s.batch, s.time, s.inputDim]);
  const y = tf.oneHot(tf.randomUniform([s.batch], 0, s.outputs, "int32") as tf.Tensor1D, s.outputs).toFloat();
  const model = benchModel("grulab-fused", s);
  for (let i = 0; i < 10; i++) await model.trainOnBatch(x, y);
  const steps = Number(process.argv[2] ?? 300), pause = Number(process.argv[3] ?? 0);
  const runs: Record<string, { wall: number[]; cpu: number[]; chunks: number }> = {
    "1": { wall: [], cpu: [], chunks: 0 }, "2": { wall: [], cpu: [], chunks: 0 } };
  const loadBefore = os.loadavg();
  for (let i = 0; i < steps; i++) {
    const threads = i % 2 ? "2" : "1";
    process.env.GRULAB_THREADS = threads;
    const chunks = gruWorkerParts(), cpu = process.cpuUsage(), t = process.hrtime.bigint();
    await model.trainOnBatch(x, y);
    const r = runs[threads], used = process.cpuUsage(cpu);
    r.wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    r.cpu.push((used.user + used.system) / 1e3);
    r.chunks += gruWorkerParts() - chunks;
    if (pause > 0) {
      (model.predict(x, { batchSize: s.batch }) as tf.Tensor).dispose();
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
  const q = (a: number[], f: number) => [...a].sort((p, v) => p - v)[Math.floor(f * (a.length - 1))].toFixed(2);
  const load = (l: number[]) => l.map((v) => v.toFixed(1)).join(" ");
  console.log(`shape A train step, ${steps} steps alternating, pause ${pause} ms, load ${load(loadBefore)} -> ${load(os.loadavg())}`);
  console.log("| threads | wall p10 | wall p25 | wall median | CPU p25 | CPU median | worker chunks per step |\n|---|---:|---:|---:|---:|---:|---:|");
  for (const [threads, r] of Object.entries(runs)) {
    console.log(`| ${threads} | ${q(r.wall, 0.1)} | ${q(r.wall, 0.25)} | ${q(r.wall, 0.5)} | ${q(r.cpu, 0.25)} | ${q(r.cpu, 0.5)} | ${(r.chunks / r.wall.length).toFixed(2)} |`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
