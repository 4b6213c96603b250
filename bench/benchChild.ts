// One implementation in its own process (so its peak RSS is its own): builds the model for one
// shape, then answers the parent's requests over IPC — {cmd: "train" | "predict", steps} runs
// `steps` steps back to back and replies with the wall and CPU milliseconds of each (CPU time of the whole process, all threads); {cmd: "rss"} replies with the peak RSS in MB.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { timeSteps } from "./benchPeer";
import { BENCH_SHAPES, benchBatch, type BenchImpl } from "./benchShapes";
import { benchModel } from "./benchModel";
import { gruKernel } from "../src/kernels/gruKernel";

async function main(): Promise<void> {
  const [impl, shapeName] = process.argv.slice(2) as [BenchImpl, string];
  const s = BENCH_SHAPES.find((v) => v.name === shapeName);
  if (!s) throw new Error(`bench child: unknown shape "${shapeName}"`);
  await tf.setBackend(impl.endsWith("-cpu") ? "cpu" : "wasm");
  await tf.ready();
  const model = benchModel(impl, s);
  const { x, y } = benchBatch(s);
  process.on("disconnect", () => process.exit(0)); // the parent is gone: never linger
  process.on("message", async (m: { cmd: string; steps?: number }) => {
    try {
      if (m.cmd === "rss") {
        process.send!({ rssMb: process.resourceUsage().maxRSS / 1024, numTensors: tf.memory().numTensors,
          kernel: impl.startsWith("grulab-fused") ? gruKernel().flavour : undefined });
        return;
      }
      process.send!(await timeSteps(m.steps ?? 1, async () => {
        if (m.cmd === "train") {
          const out = await model.trainOnBatch(x, y);
          const loss = Array.isArray(out) ? out[0] : out;
          if (!Number.isFinite(loss as number)) throw new Error(`bench: ${impl} shape ${s.name}: loss ${loss}`);
        } else {
          // the whole batch in one call, as the peers predict it (tfjs's default batchSize, 32, would split A's 64 rows in two)
          const p = model.predict(x, { batchSize: s.batch }) as tf.Tensor;
          p.dataSync();
          p.dispose();
        }
      }));
    } catch (e) {
      process.send!({ error: String((e as Error).stack ?? e) });
    }
  });
  process.send!({ ready: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
