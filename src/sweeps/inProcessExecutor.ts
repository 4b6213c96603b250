import { runTrial } from "./runTrial";
import type { TrialExecutor } from "./trialExecutor";
import type { TrialResult, TrialSpec } from "./trialSpec";

/**
 * Runs trials one after another in this process (`workers: 0`): no fork, the backend this
 * process has; for debugging a trial function and for machines where forking is not wanted.
 *
 * @example
 * const executor = inProcessExecutor();
 * const result = await executor.run(spec);
 */
export function inProcessExecutor(worker = "in-process"): TrialExecutor {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    concurrency: 1,
    run(spec: TrialSpec): Promise<TrialResult> {
      const next = chain.then(() => runTrial(spec, { worker }));
      chain = next.catch(() => undefined);
      return next;
    },
    async close(): Promise<void> {
      await chain;
    },
  };
}
