// npm run bench: ms per train step and per predict, GFLOP/s and peak RSS for every
// implementation (BENCH_IMPLS) on shapes A, B, C (BENCH_SHAPES). Each implementation runs in its
// own child process (benchChild.ts); the parent asks them for one step at a time, round robin,
// so the implementations are interleaved in time on this (possibly shared) machine. Medians after
// warm-up. Writes bench/results.json and prints a markdown table.
// Flags: --quick (tfjs on backend cpu only on shape A, fewer steps), --shapes A,B  --impls a,b
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { BENCH_IMPLS, BENCH_SHAPES, trainFlops, type BenchImpl, type BenchShape } from "./benchShapes";
import { writeFileAtomic } from "../src/io/writeFileAtomic";

export interface BenchRow {
  impl: BenchImpl;
  shape: string;
  trainMs: number | null;
  predictMs: number | null;
  gflops: number | null;
  rssMb: number | null;
  /** Medians of the process's CPU time per step: on a shared machine, less sensitive to other load than wall time. */
  trainCpuMs: number | null;
  predictCpuMs: number | null;
  steps: number;
  note?: string;
}

interface Child {
  impl: BenchImpl; proc: ChildProcess; train: number[]; predict: number[]; trainCpu: number[]; predictCpu: number[]; target: number; error?: string;
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const quick = flag("--quick") || process.env.GRULAB_BENCH_QUICK === "1";
const shapes = (option("--shapes")?.split(",") ?? BENCH_SHAPES.map((s) => s.name)).map((n) => {
  const s = BENCH_SHAPES.find((v) => v.name === n);
  if (!s) throw new Error(`bench: --shapes: unknown shape "${n}", expected some of ${BENCH_SHAPES.map((v) => v.name).join(",")}`);
  return s;
});
const impls = (option("--impls")?.split(",") ?? [...BENCH_IMPLS]).map((n) => {
  if (!(BENCH_IMPLS as readonly string[]).includes(n)) throw new Error(`bench: --impls: unknown "${n}", expected some of ${BENCH_IMPLS.join(",")}`);
  return n as BenchImpl;
});

const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

type Reply = { ms?: number; cpuMs?: number; rssMb?: number; error?: string };

function request(c: Child, cmd: string): Promise<Reply> {
  return new Promise((resolve) => {
    const onExit = (code: number | null) => resolve({ error: `exited with code ${code}` });
    c.proc.once("exit", onExit);
    c.proc.once("message", (m: Reply) => { c.proc.off("exit", onExit); resolve(m); });
    c.proc.send({ cmd });
  });
}

async function step(c: Child, record: boolean): Promise<void> {
  for (const cmd of ["train", "predict"] as const) {
    if (c.error) return;
    const r = await request(c, cmd);
    if (r.error) c.error = r.error.split("\n")[0];
    else if (record) {
      c[cmd].push(r.ms!);
      c[cmd === "train" ? "trainCpu" : "predictCpu"].push(r.cpuMs!);
    }
  }
}

async function benchShape(s: BenchShape): Promise<BenchRow[]> {
  const active = impls.filter((i) => !(quick && i === "tfjs-gru-cpu" && s.name !== "A"));
  const children: Child[] = await Promise.all(active.map((impl) => new Promise<Child>((resolve) => {
    const proc = fork(path.join(__dirname, "benchChild.js"), [impl, s.name], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
    const c: Child = { impl, proc, train: [], predict: [], trainCpu: [], predictCpu: [], target: 0 };
    let stderr = "";
    proc.stderr!.on("data", (d) => { stderr += d; });
    proc.once("message", () => resolve(c));
    proc.once("exit", (code) => { c.error = `exited with code ${code}: ${stderr.split("\n").find((l) => /Error/.test(l))?.trim() ?? ""}`; resolve(c); });
  })));
  // Warm-up (one train + one predict), then a step count sized to a time budget per implementation.
  const budget = quick ? 6000 : 20000;
  for (const c of children) {
    const t0 = performance.now();
    await step(c, false);
    const each = performance.now() - t0;
    const slow = c.impl === "tfjs-gru-cpu";
    c.target = Math.max(slow ? (quick ? 1 : 2) : 5, Math.min(slow ? 3 : 25, Math.floor(budget / each)));
    console.log(`  ${s.name} ${c.impl}: warm-up ${each.toFixed(0)} ms, ${c.error ? `error: ${c.error}` : `${c.target} steps`}`);
  }
  for (let round = 0; children.some((c) => !c.error && c.train.length < c.target); round++) {
    for (const c of children) if (!c.error && c.train.length < c.target) await step(c, true);
  }
  const rows: BenchRow[] = [];
  for (const c of children) {
    const rss = c.error ? null : (await request(c, "rss")).rssMb ?? null;
    c.proc.kill();
    const trainMs = c.train.length ? median(c.train) : null;
    rows.push({
      impl: c.impl, shape: s.name, trainMs, predictMs: c.predict.length ? median(c.predict) : null,
      gflops: trainMs ? trainFlops(s) / trainMs / 1e6 : null, rssMb: rss,
      trainCpuMs: c.trainCpu.length ? median(c.trainCpu) : null, predictCpuMs: c.predictCpu.length ? median(c.predictCpu) : null,
      steps: c.train.length,
      ...(c.error ? { note: c.error } : {}),
    });
  }
  return rows;
}

function table(rows: BenchRow[]): string {
  const f = (v: number | null, d: number) => (v === null ? "–" : v.toFixed(d));
  const lines = ["| shape | implementation | train ms | predict ms | GFLOP/s (train) | peak RSS MB | train CPU ms | predict CPU ms | steps |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|"];
  for (const r of rows) {
    lines.push(`| ${r.shape} | ${r.impl} | ${f(r.trainMs, 1)} | ${f(r.predictMs, 1)} | ${f(r.gflops, 2)} | ${f(r.rssMb, 0)} | ${f(r.trainCpuMs, 1)} | ${f(r.predictCpuMs, 1)} | ${r.steps}${r.note ? ` (${r.note})` : ""} |`);
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  console.log(`bench: shapes ${shapes.map((s) => s.name).join(",")}, implementations ${impls.join(", ")}${quick ? " (quick)" : ""}`);
  const rows: BenchRow[] = [];
  for (const s of shapes) {
    console.log(`shape ${s.name}: batch ${s.batch}, T ${s.time}, D ${s.inputDim}, GRU(${s.units}) → Dense(${s.outputs}), ${(trainFlops(s) / 1e9).toFixed(2)} GFLOP/train step`);
    rows.push(...(await benchShape(s)));
  }
  const out = path.resolve(__dirname, "../../bench/results.json");
  const meta = { createdAt: new Date().toISOString(), quick, node: process.version, cpus: (await import("node:os")).cpus().length,
    loadAverage: (await import("node:os")).loadavg(), flops: "train = 3 × 2·B·T·3H·(D+H)" };
  writeFileAtomic(out, JSON.stringify({ ...meta, rows }, null, 2) + "\n");
  console.log(`\n${table(rows)}\n\nwrote ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
