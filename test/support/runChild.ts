// A child process for the run tests (kill, resume, paths): trains a small GRU classifier on
// seeded synthetic data through the public run API. Usage:
//   node runChild.js fresh <parent dir> [epochs]   start a run, print "RUNDIR <dir>", fit, evaluate, finish
//   node runChild.js resume <run dir>              resumeRun, fit, evaluate, finish
//   node runChild.js where                          print defaultRunsDir() (for the paths test)
// Ends with "HISTORY <json rows>" on success; RunInterrupted sets the exit code (130/143).
import * as tf from "@tensorflow/tfjs";
import * as grulab from "../../src/index";
import { defaultRunsDir } from "../../src/advanced/index";

export const CHILD_EPOCHS = 8;

/** n windows of 6 steps × 2 features; the class is the sign pattern of the last step. */
export function childData(n: number, seed: number): { x: tf.Tensor3D; y: tf.Tensor2D } {
  const rand = grulab.seededRandom(seed);
  const x: number[][][] = [];
  const y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const w = Array.from({ length: 6 }, () => [rand() * 2 - 1, rand() * 2 - 1]);
    const c = w[5][0] > 0 ? 0 : w[5][1] > 0 ? 1 : 2;
    x.push(w);
    y.push([0, 1, 2].map((k) => (k === c ? 1 : 0)));
  }
  return { x: tf.tensor3d(x), y: tf.tensor2d(y) };
}

async function main(): Promise<void> {
  const [mode, where, epochsArg] = process.argv.slice(2);
  if (mode === "where") {
    console.log(`WHERE ${defaultRunsDir()}`);
    return;
  }
  await grulab.initBackend("wasm");
  const train = childData(384, 1);
  const validation = childData(96, 2);
  const test = childData(96, 3);
  let run: grulab.Run;
  let model: tf.LayersModel;
  if (mode === "fresh") {
    run = await grulab.startRun("kill", { task: "classification", classes: ["a", "b", "c"], dir: where, config: { units: 12 } });
    console.log(`RUNDIR ${run.dir}`);
    model = grulab.buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units: 12, seed: 7, learningRate: 0.01 });
  } else {
    ({ run, model } = await grulab.resumeRun(where));
  }
  try {
    const r = await run.fit(model, train, { validation, epochs: Number(epochsArg ?? CHILD_EPOCHS), batchSize: mode === "fresh" ? 16 : undefined, seed: mode === "fresh" ? 5 : undefined, patience: mode === "fresh" ? 3 : undefined, progress: "none" });
    await run.evaluate(model, test);
    await run.saveModel(model);
    await grulab.finishRun(run, { pdf: false });
    console.log(`HISTORY ${JSON.stringify(r.rows.map(({ seconds, ...row }) => row))}`);
  } catch (err) {
    if (err instanceof grulab.RunInterrupted) process.exitCode = err.exitCode;
    else throw err;
  }
}

if (require.main === module) main().catch((err) => { console.error(err); process.exitCode = 1; });
