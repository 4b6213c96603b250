/**
 * A command-line mistake (unknown option, bad value, missing argument): the CLI prints its
 * message and exits with code 2.
 *
 * @example
 * throw new UsageError('option --epochs expects an integer ≥ 1, got "x"');
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
