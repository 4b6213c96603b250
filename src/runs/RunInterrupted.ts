/**
 * Thrown by `Run.fit` after SIGINT or SIGTERM once the run folder holds the last completed epoch
 * and says `interrupted`. The library never exits the process: the CLI maps `exitCode` (130 for
 * SIGINT, 143 for SIGTERM) to its exit code; a notebook sees the error in the cell.
 *
 * @example
 * try { await run.fit(model, data.train, { epochs: 50 }); }
 * catch (err) { if (err instanceof RunInterrupted) process.exitCode = err.exitCode; else throw err; }
 */
export class RunInterrupted extends Error {
  /** 128 + the signal's number, as a shell reports a process ended by it. */
  readonly exitCode: number;

  constructor(
    readonly signal: "SIGINT" | "SIGTERM",
    /** The run folder, which holds the state after `epoch`. */
    readonly runDir: string,
    /** The last completed epoch (kept); the one after it was abandoned. */
    readonly epoch: number,
    /** Instead of the default message (a signal outside fit says where the job stopped). */
    message?: string,
  ) {
    super(message ?? `${signal}: run ${runDir} interrupted; it holds the state after epoch ${epoch} (resume: npx grulab resume ${runDir})`);
    this.name = "RunInterrupted";
    this.exitCode = signal === "SIGINT" ? 130 : 143;
  }
}
