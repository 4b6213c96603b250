/**
 * A model builder's `metrics` option, checked in one place: undefined gives the builders' default
 * `["accuracy"]`; otherwise an array of metric names (possibly empty: the loss alone), else an
 * Error `<builder>: option metrics must be an array of metric names (e.g. ["accuracy"] or []), got <value>`.
 * Whether a name is a metric tfjs knows is left to tfjs's `compile` (its error names it).
 *
 * @example
 * compileMetrics("buildTutorialClassifier", undefined) // ["accuracy"]
 * compileMetrics("buildTutorialClassifier", []) // []: compile the loss alone
 */
export function compileMetrics(builder: string, metrics: unknown): string[] {
  if (metrics === undefined) return ["accuracy"];
  if (!Array.isArray(metrics) || metrics.some((m) => typeof m !== "string" || m === "")) {
    throw new Error(`${builder}: option metrics must be an array of metric names (e.g. ["accuracy"] or []), got ${JSON.stringify(metrics)}`);
  }
  return [...metrics];
}
