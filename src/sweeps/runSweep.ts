import * as path from "path";
import { RunInterrupted } from "../runs/RunInterrupted";
import { watchSignals } from "../runs/watchSignals";
import { AshaScheduler } from "./ashaScheduler";
import type { SweepPlan } from "./planSweep";
import { readTrialResult, trialDir } from "./runTrial";
import { ResultsTable } from "./resultsTable";
import { writeSweepJson, type SweepRow } from "./sweepFiles";
import type { TrialExecutor } from "./trialExecutor";
import type { TrialResult } from "./trialSpec";

/**
 * Options of {@link runSweep}.
 *
 * @example
 * await runSweep(plan, localExecutor({ workers: 2 }), { progress: "none" });
 */
export interface RunSweepOptions {
  /** "lines" (default): a line per trial result; "none": quiet. */
  progress?: "lines" | "none";
  /** Where the lines go (default console.log). */
  log?: (line: string) => void;
  /** Called after every result, in the order results arrive, with the job (config index, rung, epochs) it answered. */
  onResult?: (result: TrialResult, job: { index: number; rung: number; epochs: number }) => void;
  /**
   * Whether the executor is closed at the end (default true: it was made for this sweep). false:
   * the caller made it and keeps it (startSweep given an `executor`, e.g. a study's one queue
   * executor for all its sweeps) and closes it itself. A signal (SIGINT, SIGTERM) closes it in
   * either case: that is how its running trials are interrupted.
   */
  closeExecutor?: boolean;
}

/** The best metric over the first `epochs` epochs of a trial's history (its value at a rung). */
function bestWithin(result: TrialResult, epochs: number, mode: "min" | "max"): number | null {
  const values = (result.history ?? []).slice(0, epochs).filter((v): v is number => typeof v === "number");
  if (values.length === 0) return result.epochs <= epochs ? result.best : null;
  return mode === "min" ? Math.min(...values) : Math.max(...values);
}

/**
 * The sweep's driver: hands the plan's trials to `executor` (any TrialExecutor: local worker
 * processes, a queue), keeping as many in flight as it runs at once, and records every result:
 * sweep.json rewritten, the row appended to results.journal, results.csv rewritten now and then
 * and at the end (ResultsTable: linear in the results; `openSweep` reads the two together). Grid and random: every config trained to `budget.epochs`. ASHA:
 * rungs at r, rη, rη² … epochs; a free slot promotes a top-1/η trial of a rung (which resumes from
 * its checkpoint) or starts a new config. A trial whose folder holds a result with enough epochs
 * is read back, not run again. SIGINT/SIGTERM: no new trial starts, running ones are interrupted
 * (they keep their last epoch), sweep.json says `interrupted`, and RunInterrupted is thrown
 * (running the sweep again continues it). The executor is closed at the end, unless
 * `closeExecutor` is false (its owner closes it; a signal still closes it).
 *
 * @example
 * const rows = await runSweep(planSweep("cells", definition), localExecutor());
 */
export async function runSweep(plan: SweepPlan, executor: TrialExecutor, options: RunSweepOptions = {}): Promise<SweepRow[]> {
  const { json, dir } = plan;
  const log = options.progress === "none" ? () => undefined : options.log ?? ((line: string) => console.log(line));
  const rows: SweepRow[] = plan.configs.map((config, i) => ({ trialId: plan.ids[i], config, result: null }));
  const asha = json.scheduler.kind === "asha"
    ? new AshaScheduler(plan.configs.length, { maxEpochs: json.budget.epochs, minEpochs: json.scheduler.minEpochs, eta: json.scheduler.eta, mode: json.mode })
    : null;
  if (asha) json.rungs = asha.rungs;
  let nextIndex = 0;
  const nextJob = (): { index: number; rung: number; epochs: number } | null => {
    if (asha) return asha.next();
    return nextIndex < plan.configs.length ? { index: nextIndex++, rung: 0, epochs: json.budget.epochs } : null;
  };
  const options0 = Object.keys(json.space);
  const table = new ResultsTable(dir, options0, json.metric, rows);
  // Running totals over the rows' results, kept as results arrive (a pass over every row per result would be quadratic).
  let completed = 0;
  let epochsSpent = 0;
  let bestIndex = -1;
  const better = (i: number, j: number): boolean => {
    const a = rows[i].result?.best ?? null, b = j < 0 ? null : rows[j].result?.best ?? null;
    if (a === null) return false;
    if (b === null) return true;
    return (json.mode === "min" ? a < b : a > b) || (a === b && i < j);
  };
  const setResult = (index: number, result: TrialResult) => {
    const old = rows[index].result;
    if (old !== null) {
      if (old.status !== "interrupted") completed--;
      epochsSpent -= old.epochs;
    }
    rows[index].result = result;
    if (result.status !== "interrupted") completed++;
    epochsSpent += result.epochs;
    if (bestIndex !== index) {
      if (better(index, bestIndex)) bestIndex = index;
    } else if (old !== null && old.best !== null && (result.best === null || (json.mode === "min" ? result.best > old.best : result.best < old.best))) {
      // The best trial got worse (rare): look again at every row.
      bestIndex = -1;
      rows.forEach((_, i) => { if (better(i, bestIndex)) bestIndex = i; });
    }
  };
  // sweep.json holds the space (its lists can be long): written at most once a second while results
  // arrive (a timer writes the last change), and at every change of status.
  let jsonWritten = 0;
  let jsonTimer: NodeJS.Timeout | null = null;
  const saveJsonSoon = () => {
    const wait = jsonWritten + 1000 - Date.now();
    if (wait <= 0) saveJson();
    else jsonTimer ??= setTimeout(saveJson, wait);
  };
  const saveJson = () => {
    if (jsonTimer !== null) clearTimeout(jsonTimer);
    jsonTimer = null;
    jsonWritten = Date.now();
    json.completed = completed;
    json.epochsSpent = epochsSpent;
    const b = bestIndex < 0 ? null : rows[bestIndex].result!;
    json.best = b === null ? null : { trialId: b.trialId, value: b.best!, epoch: b.bestEpoch! };
    json.updatedAt = new Date().toISOString();
    writeSweepJson(dir, json);
  };
  const saveAll = () => {
    table.flush();
    saveJson();
  };
  table.begin();
  saveJson();
  const concurrency = Math.max(1, executor.concurrency ?? 4);
  let stopped: "SIGINT" | "SIGTERM" | null = null;
  let fatal: Error | null = null;
  let closing: Promise<void> | null = null;
  const unwatch = watchSignals((signal) => {
    stopped = signal;
    log(`sweep ${json.name}: ${signal}: no new trials; running trials stop after their batch and keep their last epoch…`);
    closing ??= executor.close();
  });
  let finished = 0;
  try {
    const inFlight = new Set<Promise<void>>();
    const launch = (job: { index: number; rung: number; epochs: number }) => {
      const spec = plan.spec(job.index, job.epochs);
      const recorded = readTrialResult(trialDir(dir, spec.trialId));
      const reuse = recorded !== null && (recorded.status === "diverged" || (recorded.status === "finished" && recorded.epochs >= job.epochs));
      const p: Promise<void> = (reuse ? Promise.resolve(recorded!) : executor.run(spec)).then((result) => {
        inFlight.delete(p);
        const row = rows[job.index];
        // An interruption before the trial started keeps what the row had.
        if (!(result.status === "interrupted" && result.epochs === 0 && row.result !== null)) {
          setResult(job.index, result);
          table.changed(job.index);
        }
        if (result.status === "failed" && /^metric ".*" is not a column/.test(result.error ?? "")) fatal ??= new Error(`sweep ${json.name}: ${result.error}`);
        const value = asha ? bestWithin(result, job.epochs, json.mode) : result.best;
        if (asha && result.status !== "interrupted") asha.report(job.index, job.rung, value);
        finished++;
        options.onResult?.(result, job);
        const config = options0.map((k) => `${k}=${formatValue(row.config[k])}`).join(" ");
        const rung = asha ? ` rung ${job.rung} (${job.epochs} epochs)` : "";
        const score = value === null ? "no epoch" : `${json.metric} ${value.toPrecision(5)}${result.bestEpoch ? ` (best epoch ${result.bestEpoch})` : ""}`;
        log(`sweep ${json.name}: ${result.trialId} ${config}${rung}: ${result.status}${reuse ? " (read back)" : ""}, ${score}, ${result.epochs} epochs, ${result.seconds.toFixed(1)} s, ${result.worker}${result.error ? ` — ${result.error}` : ""}`);
        saveJsonSoon();
      });
      inFlight.add(p);
    };
    for (;;) {
      while (stopped === null && fatal === null && inFlight.size < concurrency) {
        const job = nextJob();
        if (job === null) break;
        launch(job);
      }
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }
  } finally {
    unwatch();
    try {
      await (closing ?? (options.closeExecutor === false ? undefined : executor.close()));
    } finally {
      table.close();
      if (jsonTimer !== null) saveJson();
    }
  }
  const failed = rows.filter((r) => r.result?.status === "failed").length;
  if (stopped !== null) {
    json.status = "interrupted";
    json.reason = `${stopped} after ${finished} trial results; trials keep their last completed epoch`;
    saveAll();
    throw new RunInterrupted(stopped, dir, 0, `${stopped}: sweep ${dir} interrupted (${json.completed} of ${json.trials} trials done); run it again to continue (grulab sweep <sweep.json>, or startSweep with the same name)`);
  }
  if (fatal !== null) {
    json.status = "failed";
    json.reason = (fatal as Error).message;
    saveAll();
    throw fatal;
  }
  json.status = "finished";
  json.reason = failed > 0 ? `${failed} trial${failed === 1 ? "" : "s"} failed (results.csv: status failed, its error column says why)` : null;
  saveAll();
  if (json.best) log(`sweep ${json.name}: done, ${json.completed} trials, ${json.epochsSpent} epochs; best ${json.metric} ${json.best.value.toPrecision(5)} (trial ${json.best.trialId}, epoch ${json.best.epoch}) → ${path.join(dir, "results.csv")}`);
  return rows;
}

function formatValue(v: unknown): string {
  return typeof v === "number" && !Number.isInteger(v) ? v.toPrecision(3) : String(v);
}
