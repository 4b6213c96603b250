// A TrialExecutor that runs nothing: each trial "reaches" its epochs at once with a metric value
// the test chooses per config, so that a sweep's driver, files and report can be checked against
// hand-computed results in milliseconds.
import type { TrialExecutor } from "../../src/sweeps/trialExecutor";
import type { TrialResult, TrialSpec } from "../../src/sweeps/trialSpec";

/** The fake and what it saw: every spec it was given, the most trials it had at once, whether it was closed. */
export interface FakeExecutor extends TrialExecutor {
  specs: TrialSpec[];
  maxInFlight: number;
  closed: number;
}

/**
 * `value(config)` is the metric at every epoch (history constant), `metrics(config)` the test
 * numbers; `status(config)` (default "finished") and `error(config)` make failed trials.
 *
 * @example
 * const ex = fakeExecutor({ value: (c) => Number(c.seed) / 10 });
 */
export function fakeExecutor(o: {
  value(config: Record<string, unknown>): number;
  metrics?(config: Record<string, unknown>): Record<string, number>;
  status?(config: Record<string, unknown>): string;
  error?(config: Record<string, unknown>): string | undefined;
  concurrency?: number;
  /** As queueExecutor and localExecutor: `run` after `close` rejects ("fakeExecutor: closed"). */
  refuseAfterClose?: boolean;
}): FakeExecutor {
  let inFlight = 0;
  const ex: FakeExecutor = {
    specs: [], maxInFlight: 0, closed: 0, concurrency: o.concurrency ?? 2,
    async run(spec: TrialSpec): Promise<TrialResult> {
      if (o.refuseAfterClose && ex.closed > 0) throw new Error("fakeExecutor: closed");
      ex.specs.push(spec);
      inFlight++;
      ex.maxInFlight = Math.max(ex.maxInFlight, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      const v = o.value(spec.config);
      const status = o.status?.(spec.config) ?? "finished";
      const error = o.error?.(spec.config);
      return {
        trialId: spec.trialId, status, best: status === "failed" ? null : v, bestEpoch: status === "failed" ? null : 1, epochs: status === "failed" ? 0 : spec.epochs, seconds: 0.25,
        worker: "fake", runDir: "", history: status === "failed" ? [] : Array(spec.epochs).fill(v), ...(o.metrics ? { metrics: o.metrics(spec.config) } : {}), ...(error ? { error } : {}),
      };
    },
    async close() {
      ex.closed++;
    },
  };
  return ex;
}
