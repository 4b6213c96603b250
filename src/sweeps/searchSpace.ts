// The search space of a sweep: option name → a list of values (a grid axis) or a distribution.
// Distributions are plain JSON objects, the same in a notebook and in sweep.json:
//   { "uniform": [low, high] }   { "logUniform": [low, high] }   { "int": [low, high] }   { "choice": [a, b, …] }

/**
 * A distribution to sample an option from: `uniform`, `logUniform`, `int` (both ends included)
 * or `choice`; made by the functions of the same names, written as-is in sweep.json.
 *
 * @example
 * const lr: Distribution = logUniform(1e-4, 1e-2); // { logUniform: [0.0001, 0.01] }
 */
export type Distribution = { uniform: [number, number] } | { logUniform: [number, number] } | { int: [number, number] } | { choice: unknown[] };

/**
 * One option of a search space: a list of values (every value is tried: a grid axis; a
 * one-value list fixes the option) or a distribution (sampled).
 *
 * @example
 * const units: SpaceOption = [64, 128];
 */
export type SpaceOption = unknown[] | Distribution;

/**
 * A sweep's search space: the trial's option names, each with a list of values or a distribution.
 *
 * @example
 * const space: SearchSpace = { cell: ["gru", "lstm"], units: [64, 128], learningRate: logUniform(1e-4, 1e-2), seed: [1, 2, 3] };
 */
export type SearchSpace = Record<string, SpaceOption>;

/**
 * Uniform on [low, high].
 *
 * @example
 * uniform(0, 0.5) // { uniform: [0, 0.5] }
 */
export function uniform(low: number, high: number): Distribution {
  return { uniform: [low, high] };
}

/**
 * Log-uniform on [low, high] (0 < low < high): every decade equally likely, for learning rates.
 *
 * @example
 * logUniform(1e-4, 1e-2) // { logUniform: [0.0001, 0.01] }
 */
export function logUniform(low: number, high: number): Distribution {
  return { logUniform: [low, high] };
}

/**
 * A uniformly drawn integer of low…high (both included); a grid takes each of them.
 *
 * @example
 * int(1, 3) // { int: [1, 3] }: 1, 2 or 3
 */
export function int(low: number, high: number): Distribution {
  return { int: [low, high] };
}

/**
 * One of the values, uniformly drawn; a grid takes each of them (like a list).
 *
 * @example
 * choice(["gru", "lstm"]) // { choice: ["gru", "lstm"] }
 */
export function choice(values: unknown[]): Distribution {
  return { choice: values };
}
