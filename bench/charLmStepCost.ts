// The CPU cost of the char-level study of record (`grulab study charlm`, the charlm-study trial):
// per cell (GRU, LSTM, SimpleRNN at the parameter count of the GRU model of each size) one
// training step of truncated BPTT with the state carried (batch 64 streams × 100 characters, 2
// layers, Adam, clipping) and reading 1,000 characters with the state carried (validation, test),
// measured with process.cpuUsage after a warm-up, and what the full study needs in CPU-hours.
// Writes results/charlm-cost.json.
//
//   node dist/bench/charLmStepCost.js [--units 128,256] [--steps 8]
import * as os from "os";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../src/backend";
import { buildCharVocab } from "../src/data/charVocab";
import { loadTsLibCorpus } from "../src/data/loadTsLibCorpus";
import { streamWindows } from "../src/data/streamWindows";
import { fusedKernelInUse } from "../src/kernels/fusedKernelInUse";
import { buildCharLm } from "../src/models/buildCharLm";
import { carryTrainingState } from "../src/models/carryTrainingState";
import { disposeModel } from "../src/models/disposeModel";
import { matchedCharLmUnits } from "../src/models/matchedCharLmUnits";
import type { RecurrentCell } from "../src/models/matchedUnits";
import { grulabVersion } from "../src/studies/grulabVersion";
import { writeStudyResults } from "../src/studies/writeStudyResults";
import { readCharLm } from "../src/traces/readCharLm";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

async function main(): Promise<void> {
  const sizes = arg("units", "128,256").split(",").map(Number);
  const steps = Number(arg("steps", "8"));
  const backend = await initBackend();
  const loadBefore = os.loadavg()[0];
  // The full corpus's vocabulary and sizes; the steps read the first 1 M training characters.
  const corpus = loadTsLibCorpus();
  const vocab = buildCharVocab(corpus.train, { minCount: 10 });
  const ids = vocab.encode(corpus.train.slice(0, 1_000_000));
  const readIds = vocab.encode(corpus.validation.slice(0, 20_000));
  const B = 64, T = 100;
  const cells: RecurrentCell[] = ["gru", "lstm", "simpleRnn"];
  const data = streamWindows(ids, { streams: B, timesteps: T });
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  const perStep: Record<string, Record<string, number>> = {};
  const perThousandRead: Record<string, Record<string, number>> = {};
  const params: Record<string, Record<string, number>> = {};
  for (const size of sizes) {
    perStep[`u${size}`] = {};
    perThousandRead[`u${size}`] = {};
    params[`u${size}`] = {};
    for (const cell of cells) {
      const units = matchedCharLmUnits(cell, size, 2, vocab.size);
      const model = buildCharLm({ vocabSize: vocab.size, cell, units, layers: 2, learningRate: 0.002, seed: 1, timesteps: null });
      carryTrainingState(model, true);
      const batch = (w: number) => tf.tidy(() => [tf.slice(data.x, [w * B, 0], [B, T]), tf.slice(data.y, [w * B, 0, 0], [B, T, 1])]);
      const stepOnce = async (w: number) => {
        const [x, y] = batch(w);
        await model.trainOnBatch(x, y);
        model.getWeights().every((v) => v.dataSync().every(Number.isFinite)); // as train's check after every batch
        tf.dispose([x, y]);
      };
      for (let w = 0; w < 2; w++) await stepOnce(w);
      const t0 = cpu();
      const wall0 = performance.now();
      for (let w = 2; w < 2 + steps; w++) await stepOnce(w);
      perStep[`u${size}`][cell] = (cpu() - t0) / steps;
      const wallPerStep = (performance.now() - wall0) / 1000 / steps;
      const r0 = cpu();
      readCharLm(model, readIds);
      perThousandRead[`u${size}`][cell] = (cpu() - r0) / (readIds.length / 1000);
      params[`u${size}`][cell] = model.countParams();
      console.log(`2 × ${size} (${cell} ${units} units, ${model.countParams()} parameters): ${perStep[`u${size}`][cell].toFixed(3)} s CPU per step (${wallPerStep.toFixed(3)} s wall), reading ${perThousandRead[`u${size}`][cell].toFixed(3)} s CPU per 1,000 characters; load ${os.loadavg()[0].toFixed(1)}`);
      carryTrainingState(model, false);
      disposeModel(model);
    }
  }
  tf.dispose([data.x, data.y]);
  // The study of record: 3 cells × 3 dropouts × 3 seeds; an epoch = every training character once
  // (2.83 M characters: 442 steps of 64 × 100) + reading the validation text; at the end the test
  // text and 20,000 characters with the gates (counted as 2 more readings).
  const stepsPerEpoch = Math.floor((corpus.train.length - 1) / B / T);
  const trials = 3 * 3 * 3;
  const epochsAssumed = [10, 30];
  const fullRun: Record<string, unknown> = { trials, stepsPerEpoch, validationChars: corpus.validation.length, testChars: corpus.test.length };
  for (const size of sizes) {
    for (const epochs of epochsAssumed) {
      const seconds = cells.reduce((s, cell) => s + 9 * (epochs * (stepsPerEpoch * perStep[`u${size}`][cell] + corpus.validation.length / 1000 * perThousandRead[`u${size}`][cell])
        + (corpus.test.length + 20_000) / 1000 * perThousandRead[`u${size}`][cell]), 0);
      fullRun[`cpuHours_u${size}_${epochs}epochs`] = seconds / 3600;
    }
  }
  writeStudyResults("charlm-cost", {
    study: "charlm-cost",
    date: new Date().toISOString(),
    command: `node dist/bench/charLmStepCost.js --units ${sizes.join(",")} --steps ${steps}`,
    versions: { grulab: grulabVersion(), node: process.version, tfjs: tf.version.tfjs, backend, kernel: fusedKernelInUse() },
    budget: { sizes, cells, layers: 2, batchSize: B, timesteps: T, stepsMeasured: steps, warmUpSteps: 2, readCharsMeasured: readIds.length },
    loadAverage: { before: loadBefore, after: os.loadavg()[0], cores: os.cpus().length },
    params,
    cpuSecondsPerStep: perStep,
    cpuSecondsPerThousandCharactersRead: perThousandRead,
    fullRun,
  }, undefined);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
