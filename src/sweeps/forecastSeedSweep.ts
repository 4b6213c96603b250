import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { datasetPath } from "../data/datasetPath";
import type { ForecastSeedsRequest, SeedForecast } from "../studies/forecastStudy";
import { FORECAST_DEFAULTS } from "../studies/runForecast";
import { startSweep } from "./startSweep";
import { withSeedModels } from "./withSeedModels";

/** Options of {@link forecastSeedSweep}. */
export interface ForecastSeedSweepOptions {
  /** Parent folder of the sweep's folder; default `<runs>/sweeps` (see defaultRunsDir). */
  dir?: string;
  /** Worker processes; default 0: the trials run in this process one after another (its backend and kernel threads, the study's numbers). */
  workers?: number;
}

/**
 * The forecasting study's GRU seeds as a sweep: returns the `trainSeeds` of forecastStudy, which
 * runs the built-in `forecast` trial over `seed` (every other option fixed to the study's) as the
 * sweep `forecast-study-<units>u-<epochs>e-<patience>p-seeds-<seeds>` under `dir`, each seed a run
 * folder with its history, checkpoints and `best/`; then each seed's best weights forecast the test
 * windows. The same study again reads the finished trials back instead of training them.
 *
 * @example
 * const results = await forecastStudy({ seeds: [1, 2], epochs: 50, resultsDir: null, trainSeeds: forecastSeedSweep() });
 */
export function forecastSeedSweep(options: ForecastSeedSweepOptions = {}): (request: ForecastSeedsRequest) => Promise<SeedForecast[]> {
  return async ({ seeds, epochs, patience, units, series }) => {
    const bundled = datasetPath("co2-concentration.csv");
    if (path.resolve(series.file) !== path.resolve(bundled)) {
      throw new Error(`forecastSeedSweep: the built-in forecast trial trains on ${bundled}, not ${series.file}: run the study on the bundled file, or give forecastStudy a trainSeeds of your own`);
    }
    const name = `forecast-study-${units}u-${epochs}e-${patience}p-seeds-${seeds.join("-")}`;
    const sweep = await startSweep(name, {
      trial: { job: "forecast" },
      space: {
        units: [units], timesteps: [series.timesteps], horizon: [series.horizon], learningRate: [FORECAST_DEFAULTS.learningRate],
        batchSize: [FORECAST_DEFAULTS.batchSize], patience: [patience], seed: seeds,
      },
      metric: "val_loss", mode: "min", budget: { epochs }, workers: options.workers ?? 0, dir: options.dir,
    });
    return withSeedModels(sweep, seeds, "forecastSeedSweep", (model, row) => {
      const predictedTensor = model.predict(series.test.x, { batchSize: 256 }) as tf.Tensor;
      const predicted = series.toValues(predictedTensor.arraySync() as number[][], series.test);
      predictedTensor.dispose();
      return { seed: Number(row.seed), epochs: Number(row.epochs), bestEpoch: Number(row.bestEpoch), seconds: Number(row.seconds), predicted };
    });
  };
}
