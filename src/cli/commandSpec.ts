/** The value types an option can have; the parser checks the text against it. */
export type OptionType = "integer" | "number" | "string" | "path" | "choice" | "flag";

/** A value after parsing: a number (integer, number), a string (string, path, choice), or true (flag). */
export type OptionValue = number | string | boolean;

/**
 * One `--name VALUE` option of a command. Its value reaches `run` under the camelCase of
 * `name` (`batch-size` → `batchSize`).
 *
 * @example
 * const epochs: OptionSpec = { name: "epochs", type: "integer", min: 1, default: 30, doc: "maximum training epochs" };
 */
export interface OptionSpec {
  /** The flag without dashes, e.g. "batch-size". */
  name: string;
  type: OptionType;
  /** One line for the usage text. */
  doc: string;
  /** The value when the option is absent (shown in the usage); absent: the option is undefined. */
  default?: OptionValue;
  /** Shown instead of `default` when the default is decided later (e.g. "the fastest available"). */
  defaultDoc?: string;
  /** integer / number: the smallest value accepted. */
  min?: number;
  /** choice: the accepted values. */
  choices?: readonly string[];
  /** The placeholder in the usage: N, NAME, DIR, FILE (default from the type). */
  valueName?: string;
}

/**
 * A positional argument. A `variadic` one (the last) takes one or more values; an `optional`
 * one may be absent.
 *
 * @example
 * const runs: ArgSpec = { name: "run", doc: "run folders", variadic: true };
 */
export interface ArgSpec {
  name: string;
  doc: string;
  variadic?: boolean;
  optional?: boolean;
}

/**
 * What `run` gets: the options (defaults applied, keys camelCase) and the positional arguments
 * by name (a variadic one as an array).
 *
 * @example
 * const input: CommandInput = { options: { epochs: 5 }, args: { run: ["runs/a", "runs/b"] } };
 */
export interface CommandInput {
  options: Record<string, OptionValue | undefined>;
  args: Record<string, string | string[] | undefined>;
}

/**
 * A `grulab` subcommand: one file in src/cli/commands/ exports one as `command`. The CLI finds
 * it there, parses its options with the one parser and lists it in the usage. `run` returns
 * nothing (exit 0) or an exit code; it throws a UsageError for command-line mistakes (exit 2)
 * and other Errors for failures (exit 1; an error with a numeric `exitCode` exits with that).
 *
 * @example
 * export const command: CommandSpec = {
 *   name: "hello", summary: "print a greeting",
 *   options: [{ name: "times", type: "integer", min: 1, default: 1, doc: "how often" }],
 *   run: async ({ options }) => { for (let i = 0; i < (options.times as number); i++) console.log("hello"); },
 * };
 */
export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** A paragraph under the command's own usage (optional). */
  description?: string;
  args?: ArgSpec[];
  options: OptionSpec[];
  run(input: CommandInput): Promise<void | number>;
  /**
   * Commands under this one, named "<command> <sub>" (e.g. "sweep submit"): when the first
   * argument is a sub's last word, that sub parses and runs the rest.
   */
  subcommands?: CommandSpec[];
}
