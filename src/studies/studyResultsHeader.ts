import * as tf from "@tensorflow/tfjs";
import { fusedKernelInUse } from "../kernels/fusedKernelInUse";
import { grulabVersion } from "./grulabVersion";

/**
 * The fields every results/<study>.json starts with (see studyResultsHeader).
 *
 * @example
 * const header: StudyResultsHeader<{ seeds: number[] }> = studyResultsHeader("tutorial", "grulab study tutorial", { seeds: [1, 2] });
 */
export interface StudyResultsHeader<B> {
  study: string;
  /** When the results were made (ISO 8601, UTC). */
  date: string;
  /** The command that makes them again. */
  command: string;
  /** grulab, node and tfjs versions, the tfjs backend when given, and the fused kernel in use. */
  versions: { grulab: string; node: string; tfjs: string; backend?: string; kernel: string };
  /** What the study spent and at which settings (seeds, epochs or updates, seconds …): the study's own fields. */
  budget: B;
}

/**
 * The header of a study's results file — study, date (now), command, versions (grulab, node,
 * tfjs, `backend` when given, the fused kernel in use) and budget — built one way for every study;
 * a study spreads it first into the object it gives writeStudyResults.
 *
 * @example
 * const results = { ...studyResultsHeader("charlm", "grulab study charlm", { seeds: [1, 2, 3], epochs: 20 }, await initBackend()), cells: {} };
 * writeStudyResults("charlm", results, undefined);
 */
export function studyResultsHeader<B>(study: string, command: string, budget: B, backend?: string): StudyResultsHeader<B> {
  return {
    study, date: new Date().toISOString(), command,
    versions: { grulab: grulabVersion(), node: process.version, tfjs: tf.version.tfjs, ...(backend === undefined ? {} : { backend }), kernel: fusedKernelInUse() },
    budget,
  };
}

/**
 * Refuses a previous results file kept by a study run in pieces (`keepFrom`) when any of this
 * run's budget fields (`sizes`) differs from the previous file's (`before`, the study's own view of
 * it), naming the first difference; `entries` says what would have been merged ("cells", "entries").
 *
 * @example
 * refuseOtherBudget("charlm", "cells", { seeds: [1, 2, 3] }, { seeds: [1, 2, 3] }); // passes
 */
export function refuseOtherBudget(study: string, entries: string, before: Record<string, unknown>, sizes: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(sizes)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) {
      throw new Error(`${study} study option keepFrom: the previous results' ${key} is ${JSON.stringify(before[key])}, this run's ${JSON.stringify(value)}: ${entries} at another budget are not merged (write this run's results elsewhere)`);
    }
  }
}
