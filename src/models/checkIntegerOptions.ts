/**
 * A model builder's integer options, checked in one place: each `[name, value, min]` must be an
 * integer ≥ `min`, else an Error `<builder>: option <name> must be an integer ≥ <min>, got <value>`.
 *
 * @example
 * checkIntegerOptions("buildForecaster", [["timesteps", options.timesteps, 1], ["hidden", hidden, 0]]);
 */
export function checkIntegerOptions(builder: string, checks: ReadonlyArray<readonly [name: string, value: unknown, min: number]>): void {
  for (const [name, value, min] of checks) {
    if (!Number.isInteger(value) || (value as number) < min) throw new Error(`${builder}: option ${name} must be an integer ≥ ${min}, got ${value}`);
  }
}
