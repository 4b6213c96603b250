import * as tf from "@tensorflow/tfjs";
import { disposeModel } from "../models/disposeModel";
import { openRun } from "../runs/openRun";
import type { OpenedSweep, SweepCell } from "./openSweep";
import { trialDir } from "./runTrial";

/**
 * For each of `seeds`, in that order: the finished trial of `sweep` with that seed, its best model
 * (its run folder's `best/`) handed to `use` with its results row, and the model freed afterwards
 * whatever happens. A seed without a finished trial is an error naming its run folder (`who`
 * names the caller in it). The seed studies (tutorial, forecast) read their sweeps' models this way.
 *
 * @example
 * const bestEpochs = await withSeedModels(sweep, [1, 2], "mySeedSweep", (model, row) => Number(row.bestEpoch));
 */
export async function withSeedModels<T>(
  sweep: Pick<OpenedSweep, "dir" | "rows">, seeds: number[], who: string,
  use: (model: tf.LayersModel, row: Record<string, SweepCell>) => T | Promise<T>,
): Promise<T[]> {
  const out: T[] = [];
  for (const seed of seeds) {
    const row = sweep.rows.find((r) => r.seed === seed);
    if (row === undefined || row.status !== "finished") {
      throw new Error(`${who}: seed ${seed} of ${sweep.dir} is ${row?.status ?? "missing"}${row ? ` (${trialDir(sweep.dir, String(row.trialId))})` : ""}: see its run folder; running the study again retries it`);
    }
    const run = await openRun(trialDir(sweep.dir, String(row.trialId)));
    const model = await run.loadModel("best");
    try {
      out.push(await use(model, row));
    } finally {
      disposeModel(model);
    }
  }
  return out;
}
