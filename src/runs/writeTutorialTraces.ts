import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import type { WindowedSplit } from "../data/loadSeattleWeather";
import { csvCell } from "../io/csvCell";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { saturation, type SaturationRow } from "../traces/saturation";
import { traceGates } from "../traces/traceGates";
import { writeTraces } from "../traces/writeTraces";

/** What `writeTutorialTraces` traced and wrote. */
export interface TutorialTraces {
  dir: string;
  /** Per traced sample: its index in the split, its class and the date it forecasts. */
  samples: { testIndex: number; class: string; targetDate: string }[];
  files: string[];
  saturation: SaturationRow[];
}

/**
 * Traces the gates of a few test sequences — the first window of each class in the split, in
 * `classes` order — and writes `dir`: gates.csv, gates.json, saturation.csv, inputs.csv (the
 * unscaled input windows) and samples.csv (`sample,testIndex,class,targetDate`: which window
 * each traced sample is). Returns null, writing nothing, when the model has no grulab GRU
 * layer (tf.layers.gru hides its gates).
 *
 * @example
 * const traced = writeTutorialTraces(model, data.test, data.classes, data.featureNames, path.join(runDir, "traces"));
 */
export function writeTutorialTraces(
  model: tf.LayersModel,
  split: Pick<WindowedSplit, "x" | "labels" | "targetDates" | "unscaled">,
  classes: string[],
  featureNames: string[],
  dir: string,
): TutorialTraces | null {
  if (!model.layers.some((l) => l.getClassName() === "GrulabGRU")) return null;
  const picked = classes.map((_, c) => split.labels.indexOf(c)).filter((i) => i >= 0);
  if (picked.length === 0) throw new Error(`writeTutorialTraces: the split has no samples to trace`);
  const x = tf.gather(split.x, picked);
  try {
    const traces = traceGates(model, x);
    const rows = saturation(traces);
    const files = writeTraces(traces, dir, { saturation: rows, inputs: { features: featureNames, values: picked.map((i) => split.unscaled[i]) } });
    const samples = picked.map((i) => ({ testIndex: i, class: classes[split.labels[i]], targetDate: split.targetDates[i] }));
    const samplesFile = path.join(dir, "samples.csv");
    writeFileAtomic(samplesFile, ["sample,testIndex,class,targetDate", ...samples.map((s, k) => `${k},${s.testIndex},${csvCell(s.class)},${csvCell(s.targetDate)}`)].join("\n") + "\n");
    return { dir, samples, files: [...files, samplesFile], saturation: rows };
  } finally {
    x.dispose();
  }
}
