import * as fs from "fs";
import * as path from "path";
import type * as tf from "@tensorflow/tfjs";
import { Run } from "./Run";
import { readResumableRunJson, resumeRun } from "./resumeRun";
import { RUN_FILES } from "./runFormat";
import { acquireRunLock } from "./runLock";
import { cliResumeCommand } from "./startRun";

/**
 * Reopens a run folder for a job's resume (`grulab resume`): a run that has begun training
 * continues from its checkpoint through `resumeRun(dir, { model })` (`model` freshly built and
 * compiled as the job builds it); a run stopped before training (during its data, its n-gram
 * baselines, …: no history.csv yet) starts training at epoch 1 in the same folder, with `model`
 * as built. Refuses what resumeRun refuses (finished, diverged, writer alive), naming run.json,
 * and a run that had trained but lost its history.csv. Takes the writer lock first, as resumeRun.
 *
 * @example
 * const run = await reopenRun("runs/20261129-231500-forecast", buildForecaster({ … }));
 * await run.fit(model, series.train, { validation: series.validation });
 */
export async function reopenRun(dir: string, model: tf.LayersModel, options: { force?: boolean } = {}): Promise<Run> {
  if (fs.existsSync(path.join(dir, RUN_FILES.history))) {
    const { run } = await resumeRun(dir, { model, force: options.force });
    run.mark({ resumeCommand: cliResumeCommand(run.dir) }); // a run the library started names resumeRun; this one goes on through grulab resume
    return run;
  }
  const lock = acquireRunLock(dir, { force: options.force });
  try {
    const info = readResumableRunJson(dir, lock);
    const checkpoints = path.join(dir, RUN_FILES.checkpoint);
    const trained = fs.existsSync(checkpoints) ? fs.readdirSync(checkpoints).filter((f) => /^epoch-\d+$/.test(f) && f !== "epoch-0000") : [];
    if (trained.length > 0 || info.epoch > 0) {
      throw new Error(`${path.join(dir, RUN_FILES.history)} not found, but the run had trained (${RUN_FILES.run} epoch ${info.epoch}${trained.length ? `; ${checkpoints} holds ${trained.join(", ")}` : ""}): ` +
        `${RUN_FILES.history} was deleted or lost; restore it to resume, or start a new run; nothing was changed`);
    }
    const config = JSON.parse(fs.readFileSync(path.join(dir, RUN_FILES.config), "utf8")) as Record<string, unknown>;
    fs.rmSync(checkpoints, { recursive: true, force: true }); // a partial epoch-0 write, if any
    const run = new Run(path.resolve(dir), info, config, Array.isArray(config.classes) ? (config.classes as string[]) : undefined, lock);
    console.log(`grulab: restarting ${dir} from epoch 1 in the same folder: it stopped before training${info.reason ? ` (${info.reason})` : ""}`);
    run.mark({ status: "running", reason: null, step: null, epoch: 0, bestEpoch: 0, pid: process.pid, resumeCommand: cliResumeCommand(run.dir) });
    return run;
  } catch (err) {
    lock.release();
    throw err;
  }
}
