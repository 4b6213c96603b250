import type { Figure } from "./figure";
import { metricVsOptions } from "./metricVsOptions";
import { parallelCoordinates } from "./parallelCoordinates";

/**
 * What sweepFigures reads of a sweep: an opened sweep (`openSweep`) has these.
 *
 * @example
 * const s: SweepFigureInput = { rows, options: ["cell"], metric: "val_loss", mode: "min", info: { name: "cells", space: { cell: ["gru", "lstm"] } } };
 */
export interface SweepFigureInput {
  rows: Array<Record<string, unknown>>;
  options: string[];
  metric: string;
  mode: "min" | "max";
  info: { name: string; space: Record<string, unknown> };
}

/**
 * A sweep's two figures: parallel coordinates of its options and metric, and the metric against
 * each option. Options with a log-uniform space and options with one value are handled (log
 * axes; a fixed option is left out).
 *
 * @example
 * const { parallel, perOption } = sweepFigures(await openSweep("runs/sweeps/cells"));
 */
export function sweepFigures(sweep: SweepFigureInput): { parallel: Figure; perOption: Figure } {
  const varying = sweep.options.filter((o) => new Set(sweep.rows.map((r) => JSON.stringify(r[o]))).size > 1);
  const logOptions = varying.filter((o) => {
    const s = sweep.info.space[o];
    return s !== null && typeof s === "object" && !Array.isArray(s) && "logUniform" in s;
  });
  const name = sweep.info.name;
  return {
    parallel: parallelCoordinates(sweep.rows, { options: varying, metric: sweep.metric, mode: sweep.mode, logOptions, title: `sweep ${name}: ${sweep.metric} by option` }),
    perOption: metricVsOptions(sweep.rows, { options: varying, metric: sweep.metric, logOptions, title: `sweep ${name}: best ${sweep.metric} of each trial against each option` }),
  };
}
