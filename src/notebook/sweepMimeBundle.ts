import type { Figure } from "../charts/figure";
import type { MimeBundle } from "./displaySink";
import { figureMimeBundle } from "./figureMimeBundle";
import { frameMimeBundle, type TableLike } from "./frameMimeBundle";

/** What a sweep output reads: an opened sweep (`openSweep`, `startSweep`) has these. */
export interface SweepLike {
  kind: "sweep";
  name: string;
  status: string;
  metric: string;
  results: TableLike;
  aggregates: TableLike;
  mode: "min" | "max";
  options: string[];
  rows: Array<Record<string, unknown>>;
  info: { name: string; space: Record<string, unknown>; completed: number; trials: number; epochsSpent: number; best: { trialId: string; value: number; epoch: number } | null };
}

/**
 * True for an opened sweep: an object with `kind: "sweep"` and its results.
 *
 * @example
 * if (isSweep(x)) sink.send(sweepMimeBundle(x, figures, "sweep-1"));
 */
export function isSweep(x: unknown): x is SweepLike {
  const s = x as Partial<SweepLike> | null;
  return typeof x === "object" && s !== null && s.kind === "sweep" && typeof s.name === "string" && typeof s.info === "object";
}

/**
 * A sweep as ONE notebook output: a line saying where it stands and its best trial, the results
 * table, the metric over seeds (mean, sd, 95 % interval), then its figures (drawn once plotly.js
 * is loaded, as a comparison's); text/plain: the line and both tables. `elementId` prefixes the
 * figures' element ids (unique in the page).
 *
 * @example
 * sink.send(sweepMimeBundle(sweep, [parallel, perOption], "grulab-sweep-1"));
 */
export function sweepMimeBundle(sweep: SweepLike, figures: Figure[], elementId: string, options: { maxRows?: number; height?: number } = {}): MimeBundle {
  const { info } = sweep;
  const best = info.best ? `; best ${sweep.metric} ${info.best.value.toPrecision(5)} (trial ${info.best.trialId}, epoch ${info.best.epoch})` : "";
  const line = `sweep ${sweep.name}: ${sweep.status}, ${info.completed} of ${info.trials} trials, ${info.epochsSpent} epochs${best}`;
  const results = frameMimeBundle(sweep.results, options);
  const aggregates = frameMimeBundle(sweep.aggregates, options);
  const drawn = figures.map((f, i) => figureMimeBundle(f, `${elementId}-${i}`, options));
  return {
    "text/html": `<div class="grulab-sweep">\n<p>${line.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>\n${results["text/html"]}\n<p>${sweep.metric.replace(/</g, "&lt;")} over seeds (mean, sd, 95 % interval):</p>\n${aggregates["text/html"]}\n${drawn.map((d) => d["text/html"]).join("\n")}\n</div>`,
    "text/plain": `${line}\n${results["text/plain"]}\n${aggregates["text/plain"]}\n${drawn.map((d) => d["text/plain"]).join("\n")}`,
  };
}
