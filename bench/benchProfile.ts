// node dist/bench/benchProfile.js [A,B,C]: where one training step of grulab's fused model goes.
// For each shape, medians (wall ms and process CPU ms) of:
//   kernel forward / backward alone (arrays in, arrays out: src/kernels/gruKernel*.ts),
//   the tf op forward and forward+backward (fusedGruSequence: reads, kernel, tensors at the boundary),
//   the head alone (a model of just the Dense layer on [batch, units] with its loss and Adam: tfjs's
//   Dense and loss, and grulab's FusedDenseLayer and loss op), the whole trainOnBatch with either
//   head, and predict (the whole batch in one call) of bench/benchModel.ts's grulab-fused model
//   (grulab's adamOptimizer); then the tfjs kernels one step and one predict run.
// The difference "tf op − kernel" is the copies at the tfjs boundary; "trainOnBatch − op − Dense
// part" is the layer glue (slicing the last step, variable reads, gradient accumulation).
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import * as os from "node:os";
import { BENCH_SHAPES, type BenchShape } from "./benchShapes";
import { buildTutorialClassifier, gru } from "../src/index";
import { timeMedian as time } from "./timeMedian";
import { fusedGruSequence } from "../src/kernels/fusedGruSequence";
import { adamOptimizer } from "../src/models/adamOptimizer";
import { FusedDenseLayer } from "../src/models/fusedDenseLayer";
import { categoricalCrossentropyOp } from "../src/models/categoricalCrossentropyOp";
import { benchModel } from "./benchModel";
import { gruKernelBackward } from "../src/kernels/gruKernelBackward";
import { gruKernelForward } from "../src/kernels/gruKernelForward";

function random(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.random() * 2 - 1;
  return a;
}

async function profile(s: BenchShape, reps: number) {
  const H = s.units;
  const shape = { batch: s.batch, time: s.time, inputDim: s.inputDim, units: H, resetAfter: true };
  const arrays = { x: random(s.batch * s.time * s.inputDim), h0: new Float32Array(s.batch * H),
    kernel: random(s.inputDim * 3 * H).map((v) => v * 0.3), recurrentKernel: random(H * 3 * H).map((v) => v * 0.1),
    bias: new Float32Array(6 * H) };
  const dh = random(s.batch * s.time * H);
  const rows = [];
  rows.push(await time("kernel forward (inference)", () => gruKernelForward(shape, arrays, false), reps));
  rows.push(await time("kernel forward (keep state) + backward", () => gruKernelBackward(gruKernelForward(shape, arrays, true).state!, dh, null), reps));
  const t = {
    x: tf.tensor3d(arrays.x, [s.batch, s.time, s.inputDim]), h0: tf.tensor2d(arrays.h0, [s.batch, H]),
    kernel: tf.tensor2d(arrays.kernel, [s.inputDim, 3 * H]), recurrentKernel: tf.tensor2d(arrays.recurrentKernel, [H, 3 * H]),
    bias: tf.tensor2d(arrays.bias, [2, 3 * H]),
  };
  rows.push(await time("tf op forward (fusedGruSequence)", () => tf.tidy(() => { fusedGruSequence(t, { resetAfter: true }).h.dataSync(); }), reps));
  const w = tf.tensor3d(dh, [s.batch, s.time, H]);
  rows.push(await time("tf op forward + backward", () => tf.tidy(() => {
    const g = tf.grads((k: tf.Tensor) => fusedGruSequence({ ...t, kernel: k as tf.Tensor2D }, { resetAfter: true }).h.mul(w).sum() as tf.Scalar)([t.kernel]);
    g[0].dataSync();
  }), reps));
  const lossName = s.task === "classify" ? "categoricalCrossentropy" : "meanSquaredError";
  const activation = s.task === "classify" ? "softmax" : "linear";
  const y = s.task === "classify"
    ? tf.oneHot(tf.randomUniform([s.batch], 0, s.outputs, "int32") as tf.Tensor1D, s.outputs).toFloat()
    : tf.randomNormal([s.batch, s.outputs]);
  const hLast = tf.randomNormal([s.batch, H]);
  // the head alone: tfjs's Dense layer and loss (the bench's model before), grulab's (benchModel's now)
  const heads = [["tfjs Dense + tfjs loss", false], ["FusedDenseLayer + loss op", true]] as const;
  for (const [label, fused] of heads) {
    const head = tf.sequential({ layers: [fused ? new FusedDenseLayer({ units: s.outputs, inputShape: [H], activation })
      : tf.layers.dense({ units: s.outputs, inputShape: [H], activation })] });
    head.compile({ optimizer: adamOptimizer("benchProfile", 1e-3), loss: lossName });
    if (fused && s.task === "classify") (head as unknown as { model: { lossFunctions: unknown[] } }).model.lossFunctions = [categoricalCrossentropyOp];
    rows.push(await time(`${label} + Adam (head alone)`, () => head.trainOnBatch(hLast, y), reps));
  }
  // the whole model with tfjs's head: for classify the same builder as benchModel's with its default head (and, as benchModel's, no metric)
  const tfjsHead = s.task === "classify"
    ? buildTutorialClassifier({ timesteps: s.time, inputDim: s.inputDim, outputDim: s.outputs, units: H, learningRate: 1e-3, gruImplementation: "fused", metrics: [] })
    : tf.sequential({ layers: [gru({ units: H, inputShape: [s.time, s.inputDim], implementation: "fused" }), tf.layers.dense({ units: s.outputs, activation })] });
  if (s.task !== "classify") tfjsHead.compile({ optimizer: adamOptimizer("benchProfile", 1e-3), loss: lossName });
  const model = benchModel("grulab-fused", s);
  const adamGru = adamOptimizer("benchProfile", 1e-3);
  const vars = [tf.variable(t.kernel), tf.variable(t.recurrentKernel), tf.variable(t.bias)];
  const grads = vars.map((v) => tf.zerosLike(v));
  rows.push(await time("Adam on the GRU weights alone", () => adamGru.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[i] }))), reps));
  rows.push(await time("model.trainOnBatch, tfjs Dense + tfjs loss", () => tfjsHead.trainOnBatch(t.x, y), reps));
  rows.push(await time("model.trainOnBatch (whole step, benchModel)", () => model.trainOnBatch(t.x, y), reps));
  rows.push(await time("model.predict", () => { const p = model.predict(t.x, { batchSize: s.batch }) as tf.Tensor; p.dataSync(); p.dispose(); }, reps));
  const trainKernels = (await tf.profile(async () => { await model.trainOnBatch(t.x, y); })).kernels.length;
  const tfjsHeadKernels = (await tf.profile(async () => { await tfjsHead.trainOnBatch(t.x, y); })).kernels.length;
  const predictKernels = (await tf.profile(() => { const p = model.predict(t.x, { batchSize: s.batch }) as tf.Tensor; p.dataSync(); p.dispose(); })).kernels.length;
  return { rows, trainKernels, tfjsHeadKernels, predictKernels };
}

async function main(): Promise<void> {
  await tf.setBackend(process.env.BENCH_BACKEND ?? "wasm");
  const names = (process.argv[2] ?? "A,B,C").split(",");
  const reps = Number(process.env.BENCH_REPS ?? 15);
  console.log(`backend ${tf.getBackend()}, GRULAB_THREADS ${process.env.GRULAB_THREADS ?? "(default)"}, load ${os.loadavg().map((v) => v.toFixed(1)).join(" ")}`);
  for (const n of names) {
    const s = BENCH_SHAPES.find((v) => v.name === n)!;
    console.log(`\n| shape ${n} (B ${s.batch}, T ${s.time}, D ${s.inputDim}, H ${s.units}) | wall ms | CPU ms |\n|---|---:|---:|`);
    const { rows, trainKernels, tfjsHeadKernels, predictKernels } = await profile(s, reps);
    for (const r of rows) console.log(`| ${r.label} | ${r.ms.toFixed(2)} | ${r.cpuMs.toFixed(2)} |`);
    console.log(`\ntfjs kernels: ${trainKernels} per trainOnBatch (${tfjsHeadKernels} with tfjs's Dense and loss), ${predictKernels} per predict`);
  }
  console.log(`\nload ${os.loadavg().map((v) => v.toFixed(1)).join(" ")}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
