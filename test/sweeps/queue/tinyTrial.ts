// A tiny deterministic trial for the queue tests: a 6-step GRU classifier on seeded synthetic
// data (the run tests' data), config { units, seed }. GRULAB_TEST_EPOCH_MS (worker's environment)
// pauses after every epoch so that a test can kill a worker mid-trial; it changes no number.
import { buildTutorialClassifier } from "../../../src/models/buildTutorialClassifier";
import { disposeModel } from "../../../src/models/disposeModel";
import type { TrialFunction } from "../../../src/sweeps/trialFunction";
import { childData } from "../../support/runChild";

export const tinyTrial: TrialFunction = async (config, trial) => {
  const units = Number(config.units);
  const seed = Number(config.seed);
  const train = childData(96, 10 + seed);
  const validation = childData(32, 100 + seed);
  const model = buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units, seed, learningRate: 0.01 });
  const pause = Number(process.env.GRULAB_TEST_EPOCH_MS ?? 0);
  try {
    const run = await trial.startRun(model, { task: "classification", classes: ["a", "b", "c"] });
    await run.fit(model, train, { validation, epochs: trial.epochs, batchSize: 16, seed, progress: "none", onEpochEnd: pause > 0 ? () => new Promise((r) => setTimeout(r, pause)) : undefined });
  } finally {
    disposeModel(model);
    for (const t of [train.x, train.y, validation.x, validation.y]) t.dispose();
  }
};
