// node dist/bench/workerPlacement.js [shapes, default A,B,D] [pairs, default 30]: what keeping the
// kernel's worker thread off the caller's CPU gives (src/kernels/kernelThreads.ts, GRULAB_WORKER_CPU).
// For each shape, child processes in turn with GRULAB_WORKER_CPU=any (Linux places the worker),
// =other (the default: it keeps off the caller's CPU) and GRULAB_THREADS=1, twice each: after 2 s of
// warm-up, `pairs` times a training step after 150 ms idle ("after idle", as each step of the
// bench's round robin) then one right after it ("back to back"). Medians of wall ms per step; a
// table on stdout and bench/worker-placement.json.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { spawnSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { BENCH_SHAPES, benchBatch } from "./benchShapes";
import { benchModel } from "./benchModel";
import { gruKernel } from "../src/kernels/gruKernel";
import { writeFileAtomic } from "../src/io/writeFileAtomic";

const IDLE_MS = 150;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

// One process's measurement: prints one JSON line {afterIdle, backToBack, flavour}.
async function child(shapeName: string, pairs: number): Promise<void> {
  await tf.setBackend("wasm");
  await tf.ready();
  const s = BENCH_SHAPES.find((v) => v.name === shapeName)!;
  const model = benchModel("grulab-fused", s);
  const { x, y } = benchBatch(s);
  const step = async () => { const t0 = performance.now(); await model.trainOnBatch(x, y); return performance.now() - t0; };
  for (const t0 = performance.now(); performance.now() - t0 < 2000;) await step();
  const afterIdle: number[] = [], backToBack: number[] = [];
  for (let i = 0; i < pairs; i++) {
    await new Promise((r) => setTimeout(r, IDLE_MS));
    afterIdle.push(await step());
    backToBack.push(await step());
  }
  console.log(JSON.stringify({ afterIdle: median(afterIdle), backToBack: median(backToBack), flavour: gruKernel().flavour }));
}

async function main(): Promise<void> {
  if (process.argv[2] === "--child") return child(process.argv[3], Number(process.argv[4]));
  const shapes = (process.argv[2] ?? "A,B,D").split(",");
  const pairs = Number(process.argv[3] ?? 30);
  const settings: Record<string, Record<string, string>> = {
    "2 threads, worker anywhere (GRULAB_WORKER_CPU=any)": { GRULAB_WORKER_CPU: "any", GRULAB_THREADS: "2" },
    "2 threads, worker off the caller's CPU (default)": { GRULAB_WORKER_CPU: "other", GRULAB_THREADS: "2" },
    "1 thread (GRULAB_THREADS=1)": { GRULAB_THREADS: "1" },
  };
  const loadBefore = os.loadavg()[0];
  const rows: { shape: string; setting: string; afterIdle: number[]; backToBack: number[] }[] = [];
  let flavour = "";
  for (const shape of shapes) {
    for (let round = 0; round < 2; round++) {
      for (const [setting, env] of Object.entries(settings)) {
        process.stderr.write(`${shape}: ${setting}, process ${round + 1} of 2\n`);
        const r = spawnSync(process.execPath, [__filename, "--child", shape, String(pairs)], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 600_000 });
        const line = r.stdout.split("\n").find((l) => l.startsWith("{"));
        if (r.status !== 0 || !line) throw new Error(`workerPlacement: the ${shape} child (${setting}) failed (status ${r.status}):\n${r.stderr}`);
        const m = JSON.parse(line) as { afterIdle: number; backToBack: number; flavour: string };
        flavour = m.flavour;
        let row = rows.find((v) => v.shape === shape && v.setting === setting);
        if (!row) rows.push(row = { shape, setting, afterIdle: [], backToBack: [] });
        row.afterIdle.push(m.afterIdle);
        row.backToBack.push(m.backToBack);
      }
    }
  }
  const f = (v: number[]) => v.map((t) => t.toFixed(2)).join(", ");
  console.log(`kernel ${flavour}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), ${pairs} pairs per process, ${IDLE_MS} ms idle, load ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}\n`);
  console.log("| shape | setting | train ms after idle (each process's median) | back to back |");
  console.log("|---|---|---:|---:|");
  for (const r of rows) console.log(`| ${r.shape} | ${r.setting} | ${f(r.afterIdle)} | ${f(r.backToBack)} |`);
  const file = path.join(__dirname, "../../bench/worker-placement.json");
  writeFileAtomic(file, JSON.stringify({ createdAt: new Date().toISOString(), kernel: flavour, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model,
    idleMs: IDLE_MS, pairs, load: [loadBefore, os.loadavg()[0]], rows }, null, 2) + "\n");
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
