// node dist/bench/charLmCellProfile.js [--cells gru,lstm,simpleRnn] [--steps 4]: where the char-LM
// study's training step and its reading with the state carried go, per cell (GRU 128 units and the
// LSTM and SimpleRNN of the same parameter count, 2 layers, batch 64, T 100, vocabulary 96, the
// state carried as `grulab study charlm` trains). Per step: process CPU ms in total, in the fused
// kernels' forward and backward (their JS glue with staging and both threads' work; the rest is
// tfjs: one-hot, output layer, loss, clipping, Adam, slices), the main thread's wall ms in each
// kernel phase, and the number of tfjs kernels of one step (tf.profile); per 1,000 characters read
// (readCharLm, as the study's validation and test bpc) the same. Random ids; nothing is written.
import * as os from "node:os";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../src/backend";
import { gruKernel } from "../src/kernels/gruKernel";
import { rnnKernelModule } from "../src/kernels/rnnKernelModule";
import { buildCharLm } from "../src/models/buildCharLm";
import { carryTrainingState } from "../src/models/carryTrainingState";
import { disposeModel } from "../src/models/disposeModel";
import { matchedCharLmUnits } from "../src/models/matchedCharLmUnits";
import type { RecurrentCell } from "../src/models/matchedUnits";
import { readCharLm } from "../src/traces/readCharLm";

type Fn = (...args: unknown[]) => unknown;
const totals: Record<string, number> = {};
const cpuSeconds = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
// Wraps obj[name] (a module's exports: callers read the property at each call) to add its time to totals[key].
function timed(obj: Record<string, unknown>, name: string, key: string, clock: () => number): void {
  const f = obj[name] as Fn;
  obj[name] = (...args: unknown[]) => {
    const t = clock();
    try { return f(...args); } finally { totals[key] = (totals[key] ?? 0) + clock() - t; }
  };
}
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const report = (per: number) => Object.entries(totals).map(([k, v]) => `${k} ${(1000 * v / per).toFixed(1)}`).join(", ");

async function main(): Promise<void> {
  await initBackend();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const modules = ["rnnKernel", "gruKernelForward", "gruKernelBackward"].map((m) => require(`../src/kernels/${m}`) as Record<string, unknown>);
  timed(modules[0], "rnnKernelForward", "kernel forward (CPU)", cpuSeconds);
  timed(modules[0], "rnnKernelBackward", "kernel backward (CPU)", cpuSeconds);
  timed(modules[1], "gruKernelForward", "kernel forward (CPU)", cpuSeconds);
  timed(modules[2], "gruKernelBackward", "kernel backward (CPU)", cpuSeconds);
  const wall = () => performance.now() / 1000;
  for (const k of [rnnKernelModule(), gruKernel()]) {
    for (const p of ["forwardInput", "forwardSteps", "backwardSteps", "backwardWeights"]) timed(k.exports as unknown as Record<string, unknown>, p, `${p} (wall)`, wall);
  }
  const V = 96, B = 64, T = 100, steps = Number(arg("steps", "4"));
  console.log(`load ${os.loadavg().map((v) => v.toFixed(1)).join(" ")}`);
  for (const cell of arg("cells", "gru,lstm,simpleRnn").split(",") as RecurrentCell[]) {
    const units = matchedCharLmUnits(cell, 128, 2, V);
    const model = buildCharLm({ vocabSize: V, cell, units, layers: 2, learningRate: 0.002, seed: 1, timesteps: null });
    carryTrainingState(model, true);
    const x = tf.randomUniform([B, T], 0, V, "int32"), y = tf.randomUniform([B, T, 1], 0, V, "int32");
    for (let i = 0; i < 2; i++) await model.trainOnBatch(x, y);
    const kernels = (await tf.profile(async () => { await model.trainOnBatch(x, y); })).kernels.length;
    for (const k of Object.keys(totals)) delete totals[k];
    const t0 = cpuSeconds();
    for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
    console.log(`${cell} (${units} units) step: CPU ${(1000 * (cpuSeconds() - t0) / steps).toFixed(1)} ms, ${kernels} tfjs kernels; ${report(steps)}`);
    for (const k of Object.keys(totals)) delete totals[k];
    const ids = Array.from({ length: 20_000 }, (_, i) => (i * 7919) % V);
    const r0 = cpuSeconds();
    readCharLm(model, ids);
    console.log(`${cell} (${units} units) reading, per 1,000 characters: CPU ${(1000 * (cpuSeconds() - r0) / 20).toFixed(2)} ms; ${report(20)}`);
    carryTrainingState(model, false);
    disposeModel(model);
    tf.dispose([x, y]);
  }
  console.log(`load ${os.loadavg().map((v) => v.toFixed(1)).join(" ")}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
