// node dist/bench/benchProfileLm.js: where one training step of the character language model
// (bench shape D: buildCharLm, 96 symbols, T 100, batch 64, 2 × GRU(128)) goes.
// Part 1, medians (wall and process CPU ms) of the step's parts timed alone: the one-hot input,
// the two GRU layers' forward + backward, the output layer (Dense + softmax + sparse
// cross-entropy, forward + backward), clipping + Adam on every weight, the whole trainOnBatch, predict.
// Part 2, tf.profile of one trainOnBatch: wall ms per tfjs kernel name (the fused GRU ops run
// inside tf.customGrad and show up as their own entries), the largest first.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import * as os from "node:os";
import { BENCH_SHAPES, benchBatch } from "./benchShapes";
import { timeMedian } from "./timeMedian";
import { buildCharLm } from "../src/studies/index";

async function main(): Promise<void> {
  await tf.setBackend(process.env.BENCH_BACKEND ?? "wasm");
  const reps = Number(process.env.BENCH_REPS ?? 9);
  const s = BENCH_SHAPES.find((v) => v.name === "D")!;
  console.log(`backend ${tf.getBackend()}, GRULAB_THREADS ${process.env.GRULAB_THREADS ?? "(default)"}, load ${os.loadavg().map((v) => v.toFixed(1)).join(" ")}`);
  const model = buildCharLm({ vocabSize: s.outputs, units: s.units, layers: s.layers, timesteps: s.time, metrics: [] }); // bench shape D's model (bench/benchModel.ts): the loss alone
  const { x, y } = benchBatch(s);
  const [oneHot, gru1, gru2, dense] = model.layers;
  const rows = [];
  rows.push(await timeMedian("one-hot input (forward)", () => tf.tidy(() => { (oneHot.apply(x) as tf.Tensor).dataSync(); }), reps));
  const xs = tf.tidy(() => oneHot.apply(x) as tf.Tensor);
  const dh = tf.randomNormal([s.batch, s.time, s.units]);
  const gruWeights = [...gru1.trainableWeights, ...gru2.trainableWeights].map((w) => w.read() as tf.Variable);
  rows.push(await timeMedian("2 GRU layers forward + backward", () => tf.tidy(() => {
    const g = tf.variableGrads(() => ((gru2.apply(gru1.apply(xs, { training: true }), { training: true }) as tf.Tensor).mul(dh).sum() as tf.Scalar), gruWeights);
    Object.values(g.grads)[0].dataSync();
  }), reps));
  const h = tf.randomNormal([s.batch, s.time, s.units]);
  // The loss the compiled model trains with (tf.Sequential keeps it in its inner LayersModel).
  const lossFunction = (model as unknown as { model: { lossFunctions: ((a: tf.Tensor, b: tf.Tensor) => tf.Tensor)[] } }).model.lossFunctions[0];
  const denseWeights = dense.trainableWeights.map((w) => w.read() as tf.Variable);
  rows.push(await timeMedian("output layer + loss, forward + backward", () => tf.tidy(() => {
    const g = tf.variableGrads(() => tf.mean(lossFunction(y, dense.apply(h) as tf.Tensor)) as tf.Scalar, denseWeights);
    Object.values(g.grads)[0].dataSync();
  }), reps));
  const allWeights = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const grads = allWeights.map((v) => ({ name: v.name, tensor: tf.randomNormal(v.shape).mul(0.01) }));
  rows.push(await timeMedian("clip + Adam on every weight", () => model.optimizer.applyGradients(grads), reps));
  rows.push(await timeMedian("model.trainOnBatch (whole step)", () => model.trainOnBatch(x, y), reps));
  rows.push(await timeMedian("model.predict", () => { const p = model.predict(x) as tf.Tensor; p.dataSync(); p.dispose(); }, reps));
  console.log(`\n| shape D (B ${s.batch}, T ${s.time}, V ${s.outputs}, 2 × GRU(${s.units})) | wall ms | CPU ms |\n|---|---:|---:|`);
  for (const r of rows) console.log(`| ${r.label} | ${r.ms.toFixed(2)} | ${r.cpuMs.toFixed(2)} |`);

  const info = await tf.profile(async () => { await model.trainOnBatch(x, y); });
  const byName = new Map<string, { ms: number; calls: number }>();
  let total = 0;
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === "number" ? k.kernelTimeMs : 0;
    const e = byName.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += ms; e.calls++; total += ms;
    byName.set(k.name, e);
  }
  console.log(`\ntf.profile of one trainOnBatch: ${info.kernels.length} kernels, ${total.toFixed(1)} ms inside kernels\n\n| kernel | calls | ms |\n|---|---:|---:|`);
  for (const [name, e] of [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(`| ${name} | ${e.calls} | ${e.ms.toFixed(2)} |`);
  console.log(`\nload ${os.loadavg().map((v) => v.toFixed(1)).join(" ")}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
