import type { Run } from "./Run";
import { RunInterrupted } from "./RunInterrupted";
import { RUN_FILES, runContents } from "./runFormat";
import { watchSignals } from "./watchSignals";

/** The step name of `Run.fit` in every job (fit handles a signal itself: it stops after the batch). */
export const TRAINING_STEP = "training";

/**
 * SIGINT/SIGTERM for a whole job (tutorial, forecast, charlm, gru-vs-lstm), not only inside fit.
 * Made when the job starts, closed when it ends: the handlers exist only in between. A signal
 * during training is fit's (it stops after the current batch and marks the run); a signal during
 * any other step is noted and takes effect when that step ends: the run folder the job writes is
 * marked `interrupted` with the reason and the step (run.json `step`), what was kept is printed
 * with the resume command, and `RunInterrupted` is thrown (exit code 130 or 143). A second signal
 * ends the process at once (the handlers are removed at the first), as fit does. Steps that take
 * long call `throwIfStopped()` between their parts (charlm's n-gram orders).
 *
 * Internal: the job functions use it; not exported from src/index.ts.
 *
 * @example
 * const job = new JobSteps();
 * try {
 *   job.use(run);
 *   await job.step("training", () => run.fit(model, data.train));
 *   await job.step("report", () => finishRun(run));
 *   job.end();
 * } finally { job.close(); }
 */
export class JobSteps {
  /** The run folder the job writes now (multi-run jobs move on with `use`). */
  run: Run | null = null;
  private signal: "SIGINT" | "SIGTERM" | null = null;
  private at = "";
  private current = "setup";
  private trained = false;
  private readonly unwatch: () => void;
  private readonly stopper = new AbortController();

  constructor() {
    this.unwatch = watchSignals((signal) => {
      this.signal = signal;
      this.at = this.current;
      // fit prints its own message ("stopping after the current batch").
      if (this.current !== TRAINING_STEP) {
        console.error(`\ngrulab: ${signal} during ${this.current}: stopping when it ends (again to stop at once)…`);
        this.stopper.abort(new Error(`${signal} during ${this.current}`));
      }
    });
  }

  /**
   * Aborted at a signal outside training: a long step that can stop part-way (a training loop of
   * the baselines, …) passes it on and ends within a batch; the step then counts as interrupted.
   */
  get abortSignal(): AbortSignal {
    return this.stopper.signal;
  }

  /** From now on an interruption marks `run` (a new run of a multi-run job, or the one resumed). */
  use(run: Run): void {
    this.run = run;
    this.trained = false;
    this.current = "setup";
  }

  /**
   * Runs one step of the job: first lets a pending signal arrive and stops if one came during the
   * step before, then runs `body`. A RunInterrupted from fit gets the step written into run.json.
   */
  async step<T>(name: string, body: () => Promise<T> | T): Promise<T> {
    await new Promise((resolve) => setImmediate(resolve)); // a signal that came during the previous (synchronous) step is handled now
    this.throwIfStopped();
    this.current = name;
    try {
      const result = await body();
      if (name === TRAINING_STEP) this.trained = true;
      return result;
    } catch (err) {
      if (err instanceof RunInterrupted && this.run?.status === "interrupted" && !this.run.info.step) this.run.mark({ step: name });
      if (this.signal !== null && this.stopper.signal.aborted && err === this.stopper.signal.reason) throw this.interrupt(this.signal); // the step stopped part-way
      throw err;
    }
  }

  /** Throws RunInterrupted (after marking the run) when a signal has come; else nothing. */
  throwIfStopped(): void {
    if (this.signal !== null) throw this.interrupt(this.signal);
  }

  /** After the job's last step: a signal during it still marks the run and throws. */
  end(): void {
    this.throwIfStopped();
  }

  /** Removes the handlers (call in `finally`). */
  close(): void {
    this.unwatch();
  }

  private interrupt(signal: "SIGINT" | "SIGTERM"): RunInterrupted {
    this.signal = null; // once
    const run = this.run;
    if (run === null) {
      const err = new RunInterrupted(signal, "", 0, `${signal} during ${this.at}: stopped before the run folder was made; nothing to keep`);
      console.error(`grulab: ${err.message}`);
      return err;
    }
    const e = run.history.length;
    if (run.status === "interrupted") return new RunInterrupted(signal, run.dir, e); // fit marked it already
    const epochs = `${e} epoch${e === 1 ? "" : "s"}`;
    const training = this.trained ? `training had finished (${epochs})` : e > 0 ? `training had stopped after epoch ${e}` : "training had not started";
    const err = new RunInterrupted(signal, run.dir, e, `${signal}: run ${run.dir} interrupted during ${this.at}; ${training} (resume: ${run.info.resumeCommand})`);
    run.markEnded({ status: "interrupted", reason: `${signal} during ${this.at}; ${training}`, step: this.at }, err);
    const kept = runContents(run.dir, { [RUN_FILES.history]: epochs });
    console.error(`grulab: run ${run.dir} interrupted by ${signal} during ${this.at}; kept ${kept.join(", ")}.\ngrulab: continue it with ${run.info.resumeCommand}`);
    return err;
  }
}

