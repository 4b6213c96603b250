// npm run bench: ms per train step and per predict, GFLOP/s and peak RSS for every
// implementation on shapes A, B, C, D (BENCH_SHAPES; D is the character language model). Each implementation runs in its
// own child process (benchChild.ts); the parent asks them for one step at a time, round robin,
// so the implementations are interleaved in time on this (possibly shared) machine. Medians after
// warm-up. Writes bench/results.json (bench/results-burst<N>.json with --burst N) and prints a markdown table.
// Flags: --quick (tfjs on backend cpu only on shape A, fewer steps, 0.5 s of warm-up), --shapes A,B  --impls a,b
// (default grulab-fused,grulab-fused-wasmkernel; "all": every BENCH_IMPLS; shape D runs only grulab-fused*),
// --peer torch (PyTorch's nn.GRU, bench/benchTorch.py, in the same round robin; then the table of
// ratios grulab / torch against the targets (TARGETS); without torch it says so and goes on),
// --peer ort (onnxruntime-node on the same grulab model exported with exportOnnx, predict only,
// bench/benchOrt.ts; 2 and 1 threads unless --peer-threads; --peer torch,ort runs both),
// --peer-threads 2 (torch.set_num_threads; "1,2" runs both: "torch-1t" is the 1-thread peer,
// less hurt than OpenMP's 2 threads when other work shares the cores), --burst N (each request
// runs N train steps, then N predicts, back to back, as in a training loop, and every step is
// recorded; default 1: one isolated step per request, so each implementation starts cold after
// the others ran — on these VMs a sleeping thread wakes 0.1–10 ms late, see docs/speed.md),
// --runs N (the whole bench N times, each run's table and ratios printed, then the median of each
// ratio over the runs against the targets; results.json keeps every run with its load).
// After each implementation's turn (train, then predict, back to back) the parent waits until its
// threads are idle for 10 ms (settle, up to 200 ms; the median wait is `settleMs` in results.json):
// onnxruntime's 2-thread pool spins on a core for tens of ms after each predict, which the next
// implementation in the round robin would run beside; --no-settle goes on at once, as before.
// --warmup-ms N (default 2000): before the round robin each implementation runs unrecorded steps
// for N ms (at least one), as in the measurement, so V8 has compiled the JavaScript (a grulab
// step's JS takes some hundred steps to reach its compiled speed) and every allocator is warm;
// until 2026-12-07 the warm-up was one step (--warmup-ms 0 does that: docs/speed.md).

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BENCH_IMPLS, BENCH_SHAPES, trainFlops, type BenchImpl, type BenchShape } from "./benchShapes";
import { startNodeChild, startTorchPeer, type BenchProcess } from "./benchPeer";
import { ORT_THREADS, ortRatios, startOrtPeers } from "./benchOrt";
import { writeFileAtomic } from "../src/io/writeFileAtomic";

export interface BenchRow {
  impl: BenchImpl | PeerName;
  shape: string;
  trainMs: number | null;
  predictMs: number | null;
  gflops: number | null;
  rssMb: number | null;
  /** Medians of the process's CPU time per step: on a shared machine, less sensitive to other load than wall time. */
  trainCpuMs: number | null;
  predictCpuMs: number | null;
  steps: number;
  /** The fused kernel the implementation ran (native-avx512, wasm-relaxed-simd, …: gruKernel().flavour). */
  kernel?: string;
  note?: string;
  /** Median ms the bench waited after this implementation's requests until its threads were idle (settle). */
  settleMs?: number | null;
}

interface Child {
  impl: BenchImpl | PeerName; proc: BenchProcess; train: number[]; predict: number[]; trainCpu: number[]; predictCpu: number[]; settle: number[];
  target: number; error?: string;
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const quick = flag("--quick") || process.env.GRULAB_BENCH_QUICK === "1";
const settleOn = !flag("--no-settle");
const shapes = (option("--shapes")?.split(",") ?? BENCH_SHAPES.map((s) => s.name)).map((n) => {
  const s = BENCH_SHAPES.find((v) => v.name === n);
  if (!s) throw new Error(`bench: --shapes: unknown shape "${n}", expected some of ${BENCH_SHAPES.map((v) => v.name).join(",")}`);
  return s;
});
const implsOption = option("--impls") ?? "grulab-fused,grulab-fused-wasmkernel";
const impls = (implsOption === "all" ? [...BENCH_IMPLS] : implsOption.split(",")).map((n) => {
  if (!(BENCH_IMPLS as readonly string[]).includes(n)) throw new Error(`bench: --impls: unknown "${n}", expected some of ${BENCH_IMPLS.join(",")}`);
  return n as BenchImpl;
});
const runsOption = option("--runs") ?? "1";
if (!/^[1-9]\d*$/.test(runsOption)) throw new Error(`bench: --runs: "${runsOption}", expected a run count such as 1 or 3`);
const runs = Number(runsOption);
const burstOption = option("--burst") ?? "1";
if (!/^[1-9]\d*$/.test(burstOption)) throw new Error(`bench: --burst: "${burstOption}", expected a step count such as 1 or 5`);
const burst = Number(burstOption);
const warmupOption = option("--warmup-ms") ?? (quick ? "500" : "2000");
if (!/^\d+$/.test(warmupOption)) throw new Error(`bench: --warmup-ms: "${warmupOption}", expected milliseconds such as 0 or 2000`);
const warmupMs = Number(warmupOption);
const peers = option("--peer")?.split(",") ?? [];
for (const p of peers) if (p !== "torch" && p !== "ort") throw new Error(`bench: --peer: "${p}", expected torch, ort or torch,ort`);
const peer = peers.includes("torch") ? "torch" : undefined;
const ortPeer = peers.includes("ort"); // onnxruntime-node on the exported grulab model, predict only: bench/benchOrt.ts
const torchScript = path.resolve(__dirname, "../../bench/benchTorch.py");
type PeerName = `torch${string}` | `ort${string}`;
const peerThreads = (option("--peer-threads") ?? "2").split(",").map((v) => {
  if (!/^[1-9]\d*$/.test(v)) throw new Error(`bench: --peer-threads: "${v}", expected thread counts such as 2 or 1,2`);
  return Number(v);
});
const peerName = (threads: number): `torch${string}` => (threads === 2 ? "torch" : `torch-${threads}t`);
let peerInfo: Record<string, unknown> | null = null;

const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

// CPU nanoseconds run so far by all threads of process `pid` (Linux: /proc/PID/task/*/schedstat), or null.
function processCpuNs(pid: number): number | null {
  try {
    let ns = 0;
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    return ns;
  } catch {
    return null;
  }
}

// Waits (up to 200 ms) until a child's threads are idle — under 0.2 ms of CPU in each of five
// 2 ms windows in a row — and returns the ms waited: a thread pool that spins after its call
// (onnxruntime's with 2 threads keeps a core busy for tens of ms after each predict, in bursts
// with pauses between) would otherwise run beside the next implementation's step.
async function settle(pid: number | undefined): Promise<number> {
  const t0 = performance.now();
  let last = pid === undefined ? null : processCpuNs(pid);
  for (let idle = 0; last !== null && idle < 5 && performance.now() - t0 < 200;) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    const now = processCpuNs(pid!);
    if (now === null) break;
    idle = now - last < 0.2e6 ? idle + 1 : 0;
    last = now;
  }
  return performance.now() - t0;
}

async function step(c: Child, record: boolean): Promise<void> {
  for (const cmd of c.proc.predictOnly ? ["predict"] as const : ["train", "predict"] as const) {
    if (c.error) return;
    const r = await c.proc.request(cmd, burst);
    if (r.error) c.error = r.error.split("\n")[0];
    else if (record) {
      c[cmd].push(...r.ms!);
      c[cmd === "train" ? "trainCpu" : "predictCpu"].push(...r.cpuMs!);
    }
  }
  // the next implementation starts once this one's threads are idle (its own train → predict stay back to back)
  if (settleOn && !c.error) {
    const waited = await settle(c.proc.pid);
    if (record) c.settle.push(waited);
  }
}

async function benchShape(s: BenchShape): Promise<BenchRow[]> {
  const active = impls.filter((i) => !(quick && i === "tfjs-gru-cpu" && s.name !== "A") && (s.task !== "lm" || i.startsWith("grulab-fused")));
  const started = await Promise.all([
    ...active.map((impl) => startNodeChild(impl, s)),
    ...(peer === "torch" ? peerThreads.map((n) => startTorchPeer(s, torchScript, n, peerName(n))) : []),
    ...(ortPeer ? startOrtPeers(s, option("--peer-threads") ? peerThreads : ORT_THREADS) : []),
  ]);
  const children: Child[] = started.map((proc) => ({
    impl: proc.impl, proc, train: [], predict: [], trainCpu: [], predictCpu: [], settle: [], target: 0, error: proc.error,
  }));
  for (const torch of children.filter((c) => c.impl.startsWith("torch"))) {
    if (torch.error) {
      console.log(`  ${s.name} ${torch.impl}: not measured: ${torch.error}\n    (install PyTorch: bash bench/install-torch.sh; going on without it)`);
      children.splice(children.indexOf(torch), 1);
    } else peerInfo = torch.proc.info;
  }
  // Warm-up: each implementation alone, steps as measured (train + predict, then the settle) for
  // --warmup-ms (at least one), so V8 has compiled tfjs's and grulab's JavaScript and every
  // process's allocator is warm; then a step count sized to a time budget per implementation.
  const budget = quick ? 6000 : 20000;
  for (const c of children) {
    const t0 = performance.now();
    let each = 0, warm = 0;
    do {
      const t1 = performance.now();
      await step(c, false);
      each = (performance.now() - t1) / burst; // per step (train + predict + settle), the last warm-up step's
      warm++;
    } while (!c.error && performance.now() - t0 < warmupMs);
    const slow = c.impl === "tfjs-gru-cpu";
    c.target = Math.max(slow ? (quick ? 1 : 2) : 5, Math.min(slow ? 3 : 25, Math.floor(budget / each)));
    console.log(`  ${s.name} ${c.impl}: warm-up ${warm * burst} step${warm * burst === 1 ? "" : "s"} in ${(performance.now() - t0).toFixed(0)} ms (last ${each.toFixed(0)} ms), ${c.error ? `error: ${c.error}` : `${c.target} steps`}`);
  }
  for (const c of children) c.target = Math.ceil(c.target / burst) * burst;
  const done = (c: Child) => (c.proc.predictOnly ? c.predict : c.train).length; // steps measured
  for (let round = 0; children.some((c) => !c.error && done(c) < c.target); round++) {
    for (const c of children) if (!c.error && done(c) < c.target) await step(c, true);
  }
  const rows: BenchRow[] = [];
  for (const c of children) {
    const last = c.error ? null : await c.proc.request("rss");
    const rss = last?.rssMb ?? null;
    c.proc.kill();
    const trainMs = c.train.length ? median(c.train) : null;
    rows.push({
      impl: c.impl, shape: s.name, trainMs, predictMs: c.predict.length ? median(c.predict) : null,
      gflops: trainMs ? trainFlops(s) / trainMs / 1e6 : null, rssMb: rss,
      trainCpuMs: c.trainCpu.length ? median(c.trainCpu) : null, predictCpuMs: c.predictCpu.length ? median(c.predictCpu) : null,
      steps: done(c),
      ...(last?.kernel ? { kernel: last.kernel } : {}),
      ...(c.error ? { note: c.error } : {}),
      settleMs: c.settle.length ? median(c.settle) : null,
    });
  }
  return rows;
}

function table(rows: BenchRow[]): string {
  const f = (v: number | null, d: number) => (v === null ? "–" : v.toFixed(d));
  const lines = ["| shape | implementation | train ms | predict ms | GFLOP/s (train) | peak RSS MB | train CPU ms | predict CPU ms | steps | settle ms |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"];
  for (const r of rows) {
    lines.push(`| ${r.shape} | ${r.impl} | ${f(r.trainMs, 1)} | ${f(r.predictMs, 1)} | ${f(r.gflops, 2)} | ${f(r.rssMb, 0)} | ${f(r.trainCpuMs, 1)} | ${f(r.predictCpuMs, 1)} | ${r.steps}${r.note ? ` (${r.note})` : ""} | ${f(r.settleMs ?? null, 1)} |`);
  }
  return lines.join("\n");
}

/** grulab / torch per shape and grulab implementation: train and predict medians (wall and CPU). */
export interface PeerRatio {
  shape: string; impl: string; train: number | null; predict: number | null; trainCpu: number | null; predictCpu: number | null;
  /** The targets for grulab-fused / torch (2 threads): TARGETS. */
  trainTarget: number | null; predictTarget: number | null;
}

// grulab-fused / torch (2 threads), wall: A train ≤ 0.6 (stretch 0.5), A predict ≤ 1, B train ≤ 0.8, C train ≤ 1, D train ≤ 0.8.
const TARGETS: Record<string, { train: number | null; predict: number | null }> = {
  A: { train: 0.6, predict: 1 }, B: { train: 0.8, predict: null }, C: { train: 1, predict: null }, D: { train: 0.8, predict: null },
};

function peerRatios(rows: BenchRow[]): PeerRatio[] {
  const out: PeerRatio[] = [];
  const ratio = (a: number | null, b: number | null) => (a !== null && b !== null ? a / b : null);
  for (const t of rows.filter((r) => r.impl.startsWith("torch"))) {
    for (const r of rows.filter((v) => v.shape === t.shape && v.impl.startsWith("grulab-fused"))) {
      out.push({
        shape: t.shape, impl: `${r.impl} / ${t.impl}`, train: ratio(r.trainMs, t.trainMs), predict: ratio(r.predictMs, t.predictMs),
        trainCpu: ratio(r.trainCpuMs, t.trainCpuMs), predictCpu: ratio(r.predictCpuMs, t.predictCpuMs),
        trainTarget: TARGETS[t.shape]?.train ?? null, predictTarget: TARGETS[t.shape]?.predict ?? null,
      });
    }
  }
  return out;
}

function ratioTable(ratios: PeerRatio[]): string {
  const f = (v: number | null, target: number | null) =>
    v === null ? "–" : `${v.toFixed(2)}${target === null ? "" : v <= target ? ` (≤ ${target} ✓)` : ` (> ${target} ✗)`}`;
  const lines = ["| shape | grulab / peer | train | predict | train CPU | predict CPU |", "|---|---|---:|---:|---:|---:|"];
  for (const r of ratios) {
    const own = r.impl === "grulab-fused / torch" || r.impl === "grulab-fused / ort";
    lines.push(`| ${r.shape} | ${r.impl} | ${f(r.train, own ? r.trainTarget : null)} | ${f(r.predict, own ? r.predictTarget : null)} | ` +
      `${f(r.trainCpu, null)} | ${f(r.predictCpu, null)} |`);
  }
  return lines.join("\n");
}

/** The median of each ratio over the runs (same shape and pair), with every run's train and predict ratio. */
function medianRatios(perRun: PeerRatio[][]): (PeerRatio & { trainRuns: (number | null)[]; predictRuns: (number | null)[] })[] {
  const pick = (v: (number | null)[]) => { const n = v.filter((x): x is number => x !== null); return n.length ? median(n) : null; };
  return perRun[0].map((first) => {
    const same = perRun.map((rs) => rs.find((r) => r.shape === first.shape && r.impl === first.impl) ?? null);
    const values = (k: "train" | "predict" | "trainCpu" | "predictCpu") => same.map((r) => r?.[k] ?? null);
    return { ...first, train: pick(values("train")), predict: pick(values("predict")), trainCpu: pick(values("trainCpu")),
      predictCpu: pick(values("predictCpu")), trainRuns: values("train"), predictRuns: values("predict") };
  });
}

const loadText = (l: number[]) => l.map((v) => v.toFixed(2)).join(", ");

async function oneRun(): Promise<{ loadAverageBefore: number[]; loadAverage: number[]; rows: BenchRow[]; ratios: PeerRatio[] }> {
  const rows: BenchRow[] = [];
  const loadBefore = os.loadavg();
  for (const s of shapes) {
    const model = s.task === "lm"
      ? `ids → one-hot(${s.inputDim}) → ${s.layers ?? 1} × GRU(${s.units}) with sequences → Dense(${s.outputs}, softmax) at every step`
      : `D ${s.inputDim}, GRU(${s.units}) → Dense(${s.outputs})`;
    console.log(`shape ${s.name}: batch ${s.batch}, T ${s.time}, ${model}, ${(trainFlops(s) / 1e9).toFixed(2)} GFLOP/train step (gate matmuls)`);
    rows.push(...(await benchShape(s)));
  }
  const ratios = [...peerRatios(rows), ...ortRatios(rows)];
  console.log(`\n${table(rows)}\n`);
  if (ratios.length) console.log(`${ratioTable(ratios)}\n`);
  else if (peers.length) console.log(`peer ${peers.join(", ")}: not measured (see above)\n`);
  console.log(`load average ${loadText(os.loadavg())} (before: ${loadText(loadBefore)})`);
  return { loadAverageBefore: loadBefore, loadAverage: os.loadavg(), rows, ratios };
}

async function main(): Promise<void> {
  console.log(`bench: shapes ${shapes.map((s) => s.name).join(",")}, implementations ${impls.join(", ")}` +
    `${peers.length ? `, peer ${peers.join(", ")}` : ""}${quick ? " (quick)" : ""}${settleOn ? "" : " (no settle)"}${burst > 1 ? `, bursts of ${burst} steps` : ""}${runs > 1 ? `, ${runs} runs` : ""}, warm-up ${warmupMs} ms each; load average ${loadText(os.loadavg())}`);
  const done: Awaited<ReturnType<typeof oneRun>>[] = [];
  for (let r = 1; r <= runs; r++) {
    if (runs > 1) console.log(`\nrun ${r} of ${runs}`);
    done.push(await oneRun());
  }
  const ratios = runs > 1 && done[0].ratios.length ? medianRatios(done.map((d) => d.ratios)) : done[0].ratios;
  if (peer === "torch" && Math.max(...done.map((d) => d.loadAverage[0])) > os.cpus().length) {
    console.log(`note: load average above ${os.cpus().length} (the core count): torch's 2 OpenMP threads spin while waiting for each other, ` +
      "so ratios against torch (2 threads) look far better than on a quiet machine; compare against torch-1t here, and the targets only on a quiet machine.");
  }
  if (runs > 1 && ratios.length) {
    console.log(`\nmedian of ${runs} runs (loads ${done.map((d) => `${d.loadAverageBefore[0].toFixed(1)}→${d.loadAverage[0].toFixed(1)}`).join(", ")}):\n\n${ratioTable(ratios)}\n`);
  }
  const out = path.resolve(__dirname, `../../bench/results${burst > 1 ? `-burst${burst}` : ""}.json`);
  const meta = { createdAt: new Date().toISOString(), quick, settle: settleOn, warmupMs, node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model,
    loadAverageBefore: done[0].loadAverageBefore, loadAverage: done[done.length - 1].loadAverage, burst, runs,
    flops: "train = 3 × 2·B·T·3H·(D+H) per GRU layer (D = H above the first)",
    peer: peer ? { name: peer, threads: peerThreads, measured: peerInfo !== null, ...(peerInfo ?? {}) } : null };
  const rows = runs > 1 ? done.flatMap((d, i) => d.rows.map((row) => ({ run: i + 1, ...row }))) : done[0].rows;
  writeFileAtomic(out, JSON.stringify({ ...meta, rows, ratios, ...(runs > 1 ? { runLoads: done.map((d) => ({ before: d.loadAverageBefore, after: d.loadAverage })) } : {}) }, null, 2) + "\n");
  console.log(`wrote ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
