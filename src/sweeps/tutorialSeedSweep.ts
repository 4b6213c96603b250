import * as tf from "@tensorflow/tfjs";
import type { SeedClassification, TutorialSeedsRequest } from "../studies/tutorialStudy";
import { TUTORIAL_DEFAULTS } from "../studies/runTutorial";
import { BUILT_IN_TRIALS } from "./builtInTrials";
import { startSweep } from "./startSweep";
import { withSeedModels } from "./withSeedModels";

/** Options of {@link tutorialSeedSweep}. */
export interface TutorialSeedSweepOptions {
  /** Parent folder of the sweep's folder; default `<runs>/sweeps` (see defaultRunsDir). */
  dir?: string;
  /** Worker processes; default 0: the trials run in this process one after another (its backend and kernel threads, the study's numbers). */
  workers?: number;
}

/**
 * The tutorial study's GRU seeds as a sweep: returns the `trainSeeds` of tutorialStudy, which runs
 * the built-in `tutorial` trial over `seed` (every other option fixed to the study's) as the sweep
 * `tutorial-study-<units>u-<timesteps>t-<epochs>e-<patience>p-seeds-<seeds>` under `dir`, each seed a
 * run folder with its history, checkpoints and `best/`; then each seed's best weights predict the
 * test days' class probabilities. The same study again reads the finished trials back instead of
 * training them.
 *
 * @example
 * const results = await tutorialStudy({ seeds: [1, 2], epochs: 5, resultsDir: null, trainSeeds: tutorialSeedSweep({ workers: 2 }) });
 */
export function tutorialSeedSweep(options: TutorialSeedSweepOptions = {}): (request: TutorialSeedsRequest) => Promise<SeedClassification[]> {
  return async ({ seeds, epochs, patience, units, data }) => {
    const name = `tutorial-study-${units}u-${data.timesteps}t-${epochs}e-${patience}p-seeds-${seeds.join("-")}`;
    const trial = BUILT_IN_TRIALS.tutorial.options;
    const sweep = await startSweep(name, {
      trial: { job: "tutorial" },
      space: { units: [units], timesteps: [data.timesteps], learningRate: [trial.learningRate], batchSize: [TUTORIAL_DEFAULTS.batchSize], patience: [patience], seed: seeds },
      metric: "val_loss", mode: "min", budget: { epochs }, workers: options.workers ?? 0, dir: options.dir,
    });
    return withSeedModels(sweep, seeds, "tutorialSeedSweep", (model, row) => ({
      seed: Number(row.seed), epochs: Number(row.epochs), bestEpoch: Number(row.bestEpoch), seconds: Number(row.seconds),
      probabilities: tf.tidy(() => (model.predict(data.test.x) as tf.Tensor).arraySync() as number[][]),
    }));
  };
}
