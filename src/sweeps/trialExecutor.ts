import type { TrialResult, TrialSpec } from "./trialSpec";

/**
 * Runs trials somewhere: the sweep's driver hands it specs and awaits results, and does not care
 * where they run. `localExecutor` forks N worker processes on this machine; the queue's executor
 * sends them through BullMQ to workers on any machine. Each runs a spec with `runTrial`.
 *
 * @example
 * const executor = localExecutor({ workers: 2 });
 * try { const result = await executor.run(spec); } finally { await executor.close(); }
 */
export interface TrialExecutor {
  /** Runs (or resumes, or promotes) one trial; resolves with its result, also for a failed trial (status "failed"). Rejects only when the executor itself fails. */
  run(spec: TrialSpec): Promise<TrialResult>;
  /** How many trials it runs at once (the driver keeps that many in flight; absent: 4). */
  readonly concurrency?: number;
  /** Stops the workers (after their current trial is interrupted and its folder marked) and frees what it holds. */
  close(): Promise<void>;
}
