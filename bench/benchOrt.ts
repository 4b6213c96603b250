// The benchmark's onnxruntime peer (npm run bench -- --peer ort): the same grulab model as
// benchChild's grulab-fused (GRU(units) → Dense for A–C, buildCharLm for D), exported with
// exportOnnx and run by onnxruntime-node with 2 threads (and 1), predict only, in bench.ts's round
// robin. As a script (node dist/bench/benchOrt.js SHAPE THREADS) it is that child: it builds the
// model, exports it, checks onnxruntime's output against grulab's predict (max abs diff, refused
// above 1e-4), then answers benchChild's IPC requests ("predict", "rss").
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { exportOnnx, onnxPredictor, type OnnxPredictor } from "../src/onnx/index";
import { forkBenchChild, timeSteps, type BenchProcess } from "./benchPeer";
import { BENCH_SHAPES, benchBatch, type BenchShape } from "./benchShapes";
import { benchModel } from "./benchModel";

/** onnxruntime's intra-op threads when --peer-threads is not given: 2 ("ort") and 1 ("ort-1t"). */
export const ORT_THREADS = [2, 1];

/** A ratio row of bench.ts's table: grulab-fused's predict over onnxruntime's (train: null, onnxruntime does not train). */
export interface OrtRatio {
  shape: string; impl: string; train: null; predict: number | null; trainCpu: null; predictCpu: number | null;
  trainTarget: null; predictTarget: number | null;
}

/** The ratio targets: A and B predict ≤ onnxruntime-node with 2 threads. */
const ORT_TARGETS: Record<string, number> = { A: 1, B: 1 };

/** Starts one onnxruntime peer per thread count for shape `s`, named "ort" (2 threads) or "ort-<n>t". */
export function startOrtPeers(s: BenchShape, threads: number[]): Promise<BenchProcess>[] {
  return threads.map(async (n) => {
    const child = await forkBenchChild(n === 2 ? "ort" : `ort-${n}t`, __filename, [s.name, String(n)]);
    child.predictOnly = true;
    if (!child.error) {
      const info = child.info as { onnxruntime?: string; maxAbsDiff?: number };
      console.log(`  ${s.name} ${child.impl}: onnxruntime-node ${info.onnxruntime}, ${n} thread${n > 1 ? "s" : ""}; ` +
        `max |onnxruntime − grulab predict| = ${info.maxAbsDiff?.toExponential(1)}`);
    }
    return child;
  });
}

/** grulab-fused* predict / onnxruntime predict, per shape and peer, with the target for the 2-thread peer. */
export function ortRatios(rows: { impl: string; shape: string; predictMs: number | null; predictCpuMs: number | null }[]): OrtRatio[] {
  const ratio = (a: number | null, b: number | null) => (a !== null && b !== null ? a / b : null);
  const out: OrtRatio[] = [];
  for (const o of rows.filter((r) => r.impl.startsWith("ort"))) {
    for (const r of rows.filter((v) => v.shape === o.shape && v.impl.startsWith("grulab-fused"))) {
      out.push({
        shape: o.shape, impl: `${r.impl} / ${o.impl}`, train: null, predict: ratio(r.predictMs, o.predictMs), trainCpu: null,
        predictCpu: ratio(r.predictCpuMs, o.predictCpuMs), trainTarget: null, predictTarget: o.impl === "ort" ? ORT_TARGETS[o.shape] ?? null : null,
      });
    }
  }
  return out;
}

async function child(): Promise<void> {
  const [shapeName, threadArg] = process.argv.slice(2);
  const s = BENCH_SHAPES.find((v) => v.name === shapeName);
  if (!s) throw new Error(`bench ort peer: unknown shape "${shapeName}"`);
  process.on("disconnect", () => process.exit(0)); // the parent is gone: never linger
  await tf.setBackend("wasm");
  await tf.ready();
  const model = benchModel("grulab-fused", s); // benchChild's grulab-fused model
  const { x } = benchBatch(s);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-bench-ort-"));
  let ort: OnnxPredictor;
  try {
    exportOnnx(model, path.join(dir, "model.onnx"));
    ort = await onnxPredictor(path.join(dir, "model.onnx"), { threads: Number(threadArg) });
  } catch (e) {
    process.send!({ error: (e as Error).message.split("\n")[0] });
    process.exit(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const expected = model.predict(x) as tf.Tensor;
  const got = await ort.predict(x);
  const a = expected.dataSync();
  const b = got.dataSync();
  let maxAbsDiff = 0;
  for (let i = 0; i < a.length; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(a[i] - b[i]));
  tf.dispose([expected, got]);
  if (!(maxAbsDiff <= 1e-4)) {
    process.send!({ error: `onnxruntime's output differs from grulab's predict by ${maxAbsDiff}` });
    process.exit(0);
  }
  process.on("message", async (m: { cmd: string; steps?: number }) => {
    try {
      if (m.cmd === "rss") {
        process.send!({ rssMb: process.resourceUsage().maxRSS / 1024, kernel: `onnxruntime-node ${ort.version}, ${threadArg} thread(s)` });
        return;
      }
      if (m.cmd !== "predict") throw new Error(`bench ort peer: "${m.cmd}" is not answered (onnxruntime predicts only)`);
      // onnxruntime's output is copied into a tf.Tensor, as grulab's predict returns one.
      process.send!(await timeSteps(m.steps ?? 1, async () => (await ort.predict(x)).dispose()));
    } catch (e) {
      process.send!({ error: String((e as Error).stack ?? e) });
    }
  });
  process.send!({ ready: true, onnxruntime: ort.version, threads: Number(threadArg), maxAbsDiff });
}

if (require.main === module) {
  child().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
