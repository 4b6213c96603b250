import { initBackend } from "../backend";
import { disposeModel } from "../models/disposeModel";
import type { RecurrentCell } from "../models/matchedUnits";
import { JobSteps } from "../runs/JobSteps";
import { readResumableRunJson } from "../runs/resumeRun";
import { reopenRun } from "../runs/reopenRun";
import { checkGruVsLstmMemory } from "./gruVsLstmDefaults";
import { gruVsLstmTask, type GruVsLstmRunResult } from "./gruVsLstmTask";
import { readJobConfig } from "./readJobConfig";

/**
 * Continues one interrupted gru-vs-lstm run (a trial folder of `grulab gru-vs-lstm`'s sweep, or a
 * run a notebook wrote through gruVsLstmTask): rebuilds its data and model from config.json,
 * resumes it after its last completed epoch (or from epoch 1 in its folder when it stopped before
 * training) and ends it as an uninterrupted run (test score, baseline, gate traces, report).
 * The sweep's other trials are the sweep's business: the same `grulab gru-vs-lstm` command again
 * continues them. `grulab resume <run>` calls it through resumeJob.
 *
 * @example
 * const r = await resumeGruVsLstm("runs/sweeps/gru-vs-lstm-adding-T100/trials/3fa2c1d0e9b8");
 * r.score;
 */
export async function resumeGruVsLstm(dir: string, options: { progress?: "auto" | "lines" | "none" } = {}): Promise<GruVsLstmRunResult> {
  const c = readJobConfig(dir, "gru-vs-lstm");
  const info = readResumableRunJson(dir); // finished, diverged, writer alive: refused before anything runs
  const o = {
    task: (info.task === "classification" ? "recall" : "adding") as "adding" | "recall", length: c.number("length"), gruUnits: c.number("gruUnits"),
    trainSamples: c.number("trainSamples"), learningRate: c.number("learningRate"), batchSize: c.number("batchSize"), symbols: c.number("symbols"),
  };
  const cell = c.string("cell") as RecurrentCell, seed = c.number("seed");
  const activation = c.optional("activation") ?? "tanh";
  checkGruVsLstmMemory(o);
  const job = new JobSteps();
  try {
    await initBackend((c.optional("backend") ?? undefined) as never);
    const setup = await job.step("making the data", () => gruVsLstmTask(o));
    try {
      const model = setup.buildModel(cell, seed, activation);
      try {
        const run = await reopenRun(dir, model);
        const fit = (c.values.fit ?? {}) as { epochs?: number; patience?: number };
        const r = await setup.trainRun(cell, seed, model, {
          epochs: fit.epochs ?? c.number("epochs"), patience: fit.patience ?? c.number("patience"), batchSize: o.batchSize, progress: options.progress, activation, run, steps: job,
        });
        if (c.values.trialId !== undefined) console.log(`grulab: ${dir} is a sweep's trial: the sweep's other trials continue when its command (grulab gru-vs-lstm …) runs again`);
        job.end();
        return r;
      } finally {
        disposeModel(model);
      }
    } finally {
      setup.dispose();
    }
  } finally {
    job.close();
  }
}
