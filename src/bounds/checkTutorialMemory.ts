import { datasetPath } from "../data/datasetPath";
import { SEATTLE_CLASSES, SEATTLE_NUMERIC } from "../data/loadSeattleWeather";
import { checkMemory, countCsvRows } from "./checkMemory";
import { formatBytes, type MemoryEstimate } from "./estimateMemory";
import { memoryLimit } from "./memoryLimit";

/** The tutorial options the bound reads (TutorialOptions with its defaults applied). */
export interface TutorialMemoryOptions {
  units: number;
  timesteps: number;
  batchSize: number;
  /** CSV to read (default the bundled file). */
  file?: string;
  gru?: string;
  gruImplementation?: string;
  /** Backend name as given (default $GRULAB_BACKEND): "tensorflow" runs the tf-ops GRU, whose memory has no kernel limit. */
  backend?: string;
  patience?: number;
  /** Overrides GRULAB_MEMORY_LIMIT and the default share of free memory (bytes or e.g. "8G"). */
  memoryLimit?: number | string;
}

/** The orthogonal initializer's Gram–Schmidt in JS float64: 12·H³ flops at about 0.5 GFLOP/s (measured here, H = 1000: 25 s). */
const ORTHOGONAL_FLOPS_PER_SECOND = 5e8;

/**
 * The tutorial's bound before allocation: counts the CSV's rows, estimates the job's memory
 * (estimateMemory: GRU(units) → Dense(5), Adam, six features, then the logistic-regression baseline on the flattened windows) and throws at once over the limit
 * (checkMemory). When setup will be long or large it says so first, so a big model never sits
 * silent: "setting up GRU(5000): about 3.1 GiB of 11.6 GiB allowed; …".
 *
 * @example
 * checkTutorialMemory({ units: 128, timesteps: 14, batchSize: 32 });
 */
export function checkTutorialMemory(o: TutorialMemoryOptions): MemoryEstimate {
  const file = o.file ?? datasetPath("seattle-weather.csv");
  const limit = memoryLimit(o.memoryLimit);
  const tfOps = o.gru === "tfjs" || o.gruImplementation === "reference" || (o.backend ?? process.env.GRULAB_BACKEND) === "tensorflow";
  const estimate = checkMemory({
    units: o.units, timesteps: o.timesteps, features: SEATTLE_NUMERIC.length + 2, classes: SEATTLE_CLASSES.length,
    batchSize: o.batchSize, rows: countCsvRows(file), implementation: tfOps ? "tf-ops" : "fused", keepsBestWeights: (o.patience ?? 1) > 0, flatBaseline: true,
  }, limit, `the tutorial with --units ${o.units}`);
  const setupSeconds = (12 * o.units ** 3) / ORTHOGONAL_FLOPS_PER_SECOND;
  if (estimate.peak > 2 ** 30 || setupSeconds > 5) {
    console.log(`setting up GRU(${o.units}): about ${formatBytes(estimate.peak)} of ${formatBytes(limit.bytes)} allowed (${limit.source})` +
      (setupSeconds > 5 ? `; the orthogonal initializer of its ${o.units}×${3 * o.units} recurrent kernel takes about ${formatSeconds(setupSeconds)}` : ""));
  }
  return estimate;
}

function formatSeconds(s: number): string {
  return s < 120 ? `${Math.round(s)} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;
}
