// The CPU cost of one gru-vs-lstm-updates trial (the study of record's trial) per update, at each
// sequence length and cell, and what the study's full budget needs in CPU-hours. Each cell runs two
// trials in this process (100 and 500 updates, after a 50-update warm-up trial of the same cell) on
// the study's sizes (GRU 32 units, batch 32, validation every 50 updates); the difference of their
// CPU time (process.cpuUsage) over 400 updates is the cost per update, the rest the trial's fixed cost. Writes results/gru-vs-lstm-cost.json.
//
//   node dist/bench/gruVsLstmTrialCost.js [--lengths 50,100,200,400]
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../src/backend";
import { fusedKernelInUse } from "../src/kernels/fusedKernelInUse";
import { grulabVersion } from "../src/studies/grulabVersion";
import { writeStudyResults } from "../src/studies/writeStudyResults";
import { startSweep } from "../src/sweeps/startSweep";

async function main(): Promise<void> {
  const i = process.argv.indexOf("--lengths");
  const lengths = (i > 0 ? process.argv[i + 1] : "50,100,200,400").split(",").map(Number);
  const backend = await initBackend();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gvl-cost-"));
  const loadBefore = os.loadavg()[0];
  const cells = ["gru", "lstm", "simpleRnn"];
  const perUpdate: Record<string, Record<string, number>> = {};
  const fixed: Record<string, Record<string, number>> = {};
  for (const T of lengths) {
    perUpdate[`T${T}`] = {};
    fixed[`T${T}`] = {};
    for (const cell of cells) {
      const cpu: number[] = [];
      for (const epochs of [1, 2, 10]) {
        const before = process.cpuUsage();
        await startSweep(`T${T}-${cell}-${epochs}`, { trial: "gru-vs-lstm-updates", space: { length: [T], variant: [cell] }, metric: "val_loss", budget: { epochs }, workers: 0, dir, progress: "none" });
        const used = process.cpuUsage(before);
        cpu.push((used.user + used.system) / 1e6);
      }
      perUpdate[`T${T}`][cell] = (cpu[2] - cpu[1]) / 400;
      fixed[`T${T}`][cell] = cpu[1] - 100 * perUpdate[`T${T}`][cell];
      console.log(`T ${T} ${cell}: ${(1000 * perUpdate[`T${T}`][cell]).toFixed(2)} ms CPU per update, ${fixed[`T${T}`][cell].toFixed(2)} s fixed per trial`);
    }
  }
  // The study of record: per task and length, 3 cells × 3 learning rates on a tuning seed, then
  // 7 variants (3 cells, 4 ablations) × 5 seeds; both tasks costed at the adding problem's rate.
  const trialsPerLength = { cell: 3 * 3 + 3 * 5, ablation: 4 * 5 };
  const ablationCell = { gru: 2, lstm: 2, simpleRnn: 0 } as Record<string, number>;
  const hours = (updates: number) => 2 * lengths.reduce((sum, T) => sum + cells.reduce((s, cell) => {
    const trials = 3 + 5 + ablationCell[cell] * 5;
    return s + trials * (updates * perUpdate[`T${T}`][cell] + fixed[`T${T}`][cell]);
  }, 0), 0) / 3600;
  fs.rmSync(dir, { recursive: true, force: true });
  writeStudyResults("gru-vs-lstm-cost", {
    study: "gru-vs-lstm-cost",
    date: new Date().toISOString(),
    command: `node dist/bench/gruVsLstmTrialCost.js${i > 0 ? ` --lengths ${lengths.join(",")}` : ""}`,
    versions: { grulab: grulabVersion(), node: process.version, tfjs: tf.version.tfjs, backend, kernel: fusedKernelInUse() },
    budget: { lengths, cells, updatesMeasured: [100, 500], warmUpUpdates: 50, gruUnits: 32, batchSize: 32, updatesPerEpoch: 50 },
    loadAverage: { before: loadBefore, after: os.loadavg()[0], cores: os.cpus().length },
    cpuSecondsPerUpdate: perUpdate,
    cpuSecondsFixedPerTrial: fixed,
    fullRun: {
      trials: 2 * lengths.length * (trialsPerLength.cell + trialsPerLength.ablation),
      cpuHoursAt1e4Updates: hours(1e4),
      cpuHoursAt1e5Updates: hours(1e5),
    },
  }, undefined);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
