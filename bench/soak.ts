// npm run soak: does grulab stay flat over long use? Thousands of training steps, thousands of
// traceGates calls, hundreds of models built, trained a step and disposed (with disposeModel and,
// for comparison, with tfjs's model.dispose()), and the memory of loading long CSVs (10k … 1M
// rows, each in its own child process). Prints a table of tensors, tensor bytes, heap and RSS over
// time and writes bench/soak-results.json atomically. Not a timed test: a measurement to read.
// Flags: --quick (a tenth of the work), --scale X (X times the work), --backend NAME (default initBackend's choice).
import { fork } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { buildTutorialClassifier, initBackend, loadSeattleWeather, traceGates } from "../src/index";
import { writeFileAtomic } from "../src/io/writeFileAtomic";
import { gruKernel } from "../src/kernels/gruKernel";
import { disposeModel } from "../src/models/disposeModel";
import { writeLongWeatherCsv } from "./longWeatherCsv";

interface Sample { phase: string; i: number; tensors: number; tensorMb: number; heapMb: number; rssMb: number; wasmMb: number; kernelMb: number; seconds: number }
interface PhaseResult {
  phase: string; what: string; count: number; first: Sample; last: Sample; tensorsGrowth: number; rssGrowthMb: number; heapGrowthMb: number;
  /** RSS range over the phase's samples (the allocator moves it up and down; growth shows as a rising range). */
  rssMinMb: number; rssMaxMb: number; flat: boolean;
}
interface DataRow { backend: string; rows: number; fileMb: number; loadSeconds: number; peakRssMb: number; baseRssMb: number; bytesPerRow: number; windows: number }

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const scale = quick ? 0.1 : Number(option("--scale") ?? 1);
if (!(scale > 0)) throw new Error(`soak: --scale expects a positive number, got ${option("--scale")}`);
const mb = (b: number) => b / 2 ** 20;
const t0 = performance.now();

function sample(phase: string, i: number): Sample {
  const m = tf.memory();
  const u = process.memoryUsage();
  // Memories that RSS holds outside the JS heap: tfjs-wasm's heap (grows, never shrinks) and the fused kernel's memory.
  const wasm = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8?.byteLength ?? 0;
  return { phase, i, tensors: m.numTensors, tensorMb: mb(m.numBytes), heapMb: mb(u.heapUsed), rssMb: mb(u.rss), wasmMb: mb(wasm), kernelMb: mb(gruKernel().memory.buffer.byteLength), seconds: (performance.now() - t0) / 1000 };
}

/** Runs `step` `count` times, sampling every `count / 10`; flat = no tensor growth and RSS growth under 5% from the first sample (after the first tenth, the warm-up) to the last. */
async function phase(name: string, what: string, count: number, step: (i: number) => Promise<void> | void, samples: Sample[]): Promise<PhaseResult> {
  const every = Math.max(1, Math.floor(count / 10));
  const mine: Sample[] = [];
  for (let i = 1; i <= count; i++) {
    await step(i);
    if (i % every === 0 || i === count) {
      if (typeof global.gc === "function") global.gc();
      const s = sample(name, i);
      mine.push(s);
      samples.push(s);
      console.log(`  ${name.padEnd(22)} ${String(i).padStart(6)}/${count}  tensors ${String(s.tensors).padStart(5)}  tensor MB ${s.tensorMb.toFixed(2).padStart(7)}  heap MB ${s.heapMb.toFixed(1).padStart(6)}  RSS MB ${s.rssMb.toFixed(1).padStart(7)}  tfjs-wasm MB ${s.wasmMb.toFixed(0).padStart(4)}  kernel MB ${s.kernelMb.toFixed(0).padStart(4)}  ${s.seconds.toFixed(0)} s`);
    }
  }
  const first = mine[0];
  const last = mine[mine.length - 1];
  const tensorsGrowth = last.tensors - first.tensors;
  const rssGrowthMb = last.rssMb - first.rssMb;
  const rss = mine.map((m) => m.rssMb);
  return {
    phase: name, what, count, first, last, tensorsGrowth, rssGrowthMb, heapGrowthMb: last.heapMb - first.heapMb,
    rssMinMb: Math.min(...rss), rssMaxMb: Math.max(...rss), flat: tensorsGrowth === 0 && rssGrowthMb < 0.05 * first.rssMb,
  };
}

/** Child mode: load one CSV and report rows, windows, peak RSS. */
async function dataChild(file: string): Promise<void> {
  await initBackend(option("--backend"));
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const start = performance.now();
  const data = await loadSeattleWeather({ file, verbose: false });
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(timer);
  const windows = data.train.labels.length + data.validation.labels.length + data.test.labels.length;
  process.send!({ rows: data.rows, windows, loadSeconds: (performance.now() - start) / 1000, peakRssMb: mb(peak), baseRssMb: mb(base) });
  data.dispose();
}

async function dataMemory(): Promise<DataRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-soak-"));
  const out: DataRow[] = [];
  try {
    for (const rows of quick ? [10_000, 100_000] : [10_000, 100_000, 200_000, 1_000_000]) {
      const file = path.join(dir, `weather-${rows}.csv`);
      await writeLongWeatherCsv(file, rows);
      for (const backend of ["cpu", "wasm"]) {
        const reply = await new Promise<Omit<DataRow, "fileMb" | "bytesPerRow" | "backend">>((resolve, reject) => {
          const child = fork(__filename, ["--data-child", file, "--backend", backend], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
          child.once("message", (m) => resolve(m as Omit<DataRow, "fileMb" | "bytesPerRow" | "backend">));
          child.once("exit", (code) => { if (code !== 0) reject(new Error(`soak: loading ${rows} rows on ${backend} exited with code ${code}`)); });
        });
        const row = { backend, ...reply, fileMb: mb(fs.statSync(file).size), bytesPerRow: ((reply.peakRssMb - reply.baseRssMb) * 2 ** 20) / rows };
        out.push(row);
        console.log(`  load ${String(rows).padStart(9)} rows (${row.fileMb.toFixed(1)} MB) on ${backend.padEnd(4)}: ${row.loadSeconds.toFixed(1)} s, peak RSS ${row.peakRssMb.toFixed(0)} MB (${row.baseRssMb.toFixed(0)} MB before), ${row.bytesPerRow.toFixed(0)} bytes per row`);
      }
      fs.rmSync(file);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

async function main(): Promise<void> {
  const backend = await initBackend(option("--backend"));
  const data = await loadSeattleWeather({ verbose: false });
  const samples: Sample[] = [];
  const phases: PhaseResult[] = [];
  const [batch, units] = [32, 32];
  const n = data.train.x.shape[0];
  const batchAt = (i: number) => tf.tidy(() => {
    const idx = tf.tensor1d(Array.from({ length: batch }, (_, k) => (i * batch + k) % n), "int32");
    return [tf.gather(data.train.x, idx), tf.gather(data.train.y, idx)];
  });
  console.log(`soak on backend ${backend}${quick ? " (quick)" : ""}: GRU(${units}) → Dense(5), batch ${batch}, the tutorial's windows`);

  const model = buildTutorialClassifier({ timesteps: 14, inputDim: 6, outputDim: 5, units });
  phases.push(await phase("train steps", "trainOnBatch on one model", Math.round(3000 * scale), async (i) => {
    const [x, y] = batchAt(i);
    await model.trainOnBatch(x, y);
    tf.dispose([x, y]);
  }, samples));
  const probe = tf.slice(data.test.x, 0, 5);
  phases.push(await phase("traceGates calls", "traceGates of 5 test windows", Math.round(2000 * scale), () => { traceGates(model, probe); }, samples));
  probe.dispose();
  disposeModel(model);

  const oneModel = async (i: number, dispose: (m: ReturnType<typeof buildTutorialClassifier>) => void) => {
    const m = buildTutorialClassifier({ timesteps: 14, inputDim: 6, outputDim: 5, units, seed: i });
    const [x, y] = batchAt(i);
    await m.trainOnBatch(x, y);
    tf.dispose([x, y]);
    const one = tf.slice(data.test.x, 0, 1);
    traceGates(m, one);
    one.dispose();
    dispose(m);
  };
  phases.push(await phase("models + disposeModel", "build, train a step, trace, disposeModel", Math.round(300 * scale), (i) => oneModel(i, (m) => disposeModel(m)), samples));
  phases.push(await phase("models + model.dispose", "the same with tfjs's model.dispose() (for comparison)", Math.round(100 * scale), (i) => oneModel(i, (m) => m.dispose()), samples));
  data.dispose();

  console.log("data memory (each file loaded in its own process):");
  const dataRows = await dataMemory();

  console.log("");
  console.log("| phase | count | tensors first → last | tensor MB | heap MB | RSS MB first → last (min–max) | tfjs-wasm MB | kernel MB | flat |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  const arrow = (a: number, b: number, d = 0) => `${a.toFixed(d)} → ${b.toFixed(d)}`;
  for (const p of phases) {
    const [a, b] = [p.first, p.last];
    console.log(`| ${p.phase} (${p.what}) | ${p.count} | ${arrow(a.tensors, b.tensors)} | ${arrow(a.tensorMb, b.tensorMb, 2)} | ${arrow(a.heapMb, b.heapMb)} | ${arrow(a.rssMb, b.rssMb)} (${p.rssMinMb.toFixed(0)}–${p.rssMaxMb.toFixed(0)}) | ${arrow(a.wasmMb, b.wasmMb)} | ${arrow(a.kernelMb, b.kernelMb)} | ${p.flat ? "yes" : "NO"} |`);
  }
  console.log("");
  console.log("| rows | backend | file MB | load s | peak RSS MB (before) | bytes per row |");
  console.log("|---|---|---|---|---|---|");
  for (const d of dataRows) console.log(`| ${d.rows} | ${d.backend} | ${d.fileMb.toFixed(1)} | ${d.loadSeconds.toFixed(1)} | ${d.peakRssMb.toFixed(0)} (${d.baseRssMb.toFixed(0)}) | ${d.bytesPerRow.toFixed(0)} |`);
  const file = path.join(__dirname, "..", "..", "bench", quick ? "soak-results-quick.json" : "soak-results.json");
  writeFileAtomic(file, JSON.stringify({
    createdAt: new Date().toISOString(), backend, quick, scale, node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg(),
    gcExposed: typeof global.gc === "function", phases, dataMemory: dataRows, samples,
  }, null, 2) + "\n");
  console.log(`\nwrote ${file} (load average during the run: ${os.loadavg().map((v) => v.toFixed(1)).join(", ")}; a shared machine inflates times, not tensor counts)`);
}

if (args[0] === "--data-child") {
  dataChild(args[1]).catch((err) => { console.error(`soak: ${(err as Error).message}`); process.exit(1); });
} else {
  main().catch((err) => { console.error(`soak: ${(err as Error).stack}`); process.exit(1); });
}
